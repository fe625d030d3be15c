package dev.zre.spring.actuate.metrics;

import dev.zre.spring.core.ZreTemplate;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.util.Assert;

/**
 * Meters of the {@link ZreTemplate}'s request/reply: replies that came too late
 * ({@code zre.template.replies.late}) and requests waiting for their reply
 * ({@code zre.template.requests.pending}).
 */
public class ZreTemplateMetrics implements MeterBinder {

    private final ZreTemplate template;

    /**
     * Creates the binder.
     * @param template the template
     */
    public ZreTemplateMetrics(ZreTemplate template) {
        Assert.notNull(template, "'template' must not be null");
        this.template = template;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("zre.template.replies.late", this.template, ZreTemplate::getLateReplies)
            .description("Replies that came after their request timed out or failed")
            .register(registry);
        Gauge.builder("zre.template.requests.pending", this.template, ZreTemplate::getPendingRequests)
            .description("Requests waiting for their reply")
            .register(registry);
    }

}
