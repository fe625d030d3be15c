package dev.zre.spring.autoconfigure.observation;

import dev.zre.ZreNode;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.autoconfigure.ZreProperties;
import dev.zre.spring.observation.ZreListenerObservationConvention;
import dev.zre.spring.observation.ZreListenerObservationInterceptor;
import dev.zre.spring.observation.ZreTemplateObservationConvention;
import dev.zre.spring.observation.ZreTemplateObservationInterceptor;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * Micrometer Observation of {@code @ZreListener} invocations ({@code zre.listener.observation-enabled})
 * and {@code ZreTemplate} sends ({@code zre.template.observation-enabled}), with the application's
 * {@link ObservationRegistry} and its {@link ZreListenerObservationConvention} /
 * {@link ZreTemplateObservationConvention} bean, if any. With {@code zre.trace-frame.enabled} the
 * trace context travels in an extra frame. The interceptors are set on the listener registry and the
 * template by {@link ZreAutoConfiguration}.
 */
@AutoConfiguration(after = ZreAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, ZreNode.class })
@ConditionalOnBean(ZreNode.class)
public final class ZreObservationAutoConfiguration {

    ZreObservationAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(ListenerObservationOrTraceFrame.class)
    ZreListenerObservationInterceptor zreListenerObservationInterceptor(ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<ZreListenerObservationConvention> convention, ZreProperties properties) {
        // with only the trace frame on, the interceptor strips the frame and observes nothing
        ObservationRegistry observations = properties.getListener().isObservationEnabled()
                ? registry.getIfAvailable(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP;
        return new ZreListenerObservationInterceptor(observations, convention.getIfUnique(),
                properties.getTraceFrame().isEnabled());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("zre.template.observation-enabled")
    ZreTemplateObservationInterceptor zreTemplateObservationInterceptor(ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<ZreTemplateObservationConvention> convention, ZreProperties properties) {
        return new ZreTemplateObservationInterceptor(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
                convention.getIfUnique(), properties.getTraceFrame().isEnabled());
    }

    static final class ListenerObservationOrTraceFrame extends AnyNestedCondition {

        ListenerObservationOrTraceFrame() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBooleanProperty("zre.listener.observation-enabled")
        static final class ListenerObservation {

        }

        @ConditionalOnBooleanProperty("zre.trace-frame.enabled")
        static final class TraceFrame {

        }

    }

}
