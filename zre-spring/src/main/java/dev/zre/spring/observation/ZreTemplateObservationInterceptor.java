package dev.zre.spring.observation;

import dev.zre.spring.core.ZreSendInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Observes every {@code ZreTemplate} send ({@link ZreObservationDocumentation#TEMPLATE_OBSERVATION}) and,
 * with the trace frame on, appends the propagation fields the tracing handler injected as a
 * {@link ZreTraceFrame} (nothing is appended when no tracer injected any). Set it with
 * {@link dev.zre.spring.core.ZreTemplate#setInterceptor}.
 */
public class ZreTemplateObservationInterceptor implements ZreSendInterceptor {

    private final ObservationRegistry registry;

    private final @Nullable ZreTemplateObservationConvention convention;

    private final boolean traceFrame;

    /**
     * Creates an interceptor.
     * @param registry where to report observations
     * @param convention replaces the default convention, or {@code null}
     * @param traceFrame whether to append the trace frame
     */
    public ZreTemplateObservationInterceptor(ObservationRegistry registry,
            @Nullable ZreTemplateObservationConvention convention, boolean traceFrame) {
        Assert.notNull(registry, "'registry' must not be null");
        this.registry = registry;
        this.convention = convention;
        this.traceFrame = traceFrame;
    }

    @Override
    public void intercept(@Nullable String group, @Nullable UUID peer, List<byte[]> frames,
            Consumer<List<byte[]>> send) {
        ZreTemplateObservationContext context = new ZreTemplateObservationContext(group, peer, frames);
        Observation observation = ZreObservationDocumentation.TEMPLATE_OBSERVATION.observation(this.convention,
                DefaultZreTemplateObservationConvention.INSTANCE, () -> context, this.registry);
        observation.observe(() -> send.accept(withTraceFrame(frames, context.getCarrier())));
    }

    private List<byte[]> withTraceFrame(List<byte[]> frames, @Nullable Map<String, String> fields) {
        return (this.traceFrame && fields != null && !fields.isEmpty()) ? ZreTraceFrame.append(frames, fields)
                : frames;
    }

}
