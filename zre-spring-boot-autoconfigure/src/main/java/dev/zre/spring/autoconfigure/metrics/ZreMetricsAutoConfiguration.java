package dev.zre.spring.autoconfigure.metrics;

import dev.zre.ZreNode;
import dev.zre.spring.actuate.metrics.ZreApplicationEventMetrics;
import dev.zre.spring.actuate.metrics.ZreListenerMetrics;
import dev.zre.spring.actuate.metrics.ZreMetrics;
import dev.zre.spring.actuate.metrics.ZreTemplateMetrics;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.autoconfigure.ZreProperties;
import dev.zre.spring.core.ZreTemplate;
import dev.zre.spring.event.ZreApplicationEventBridge;
import dev.zre.spring.listener.ZreListenerRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the ZRE
 * meters. Backs off without Micrometer. The binders are bound to the registry by Spring Boot's metrics
 * support.
 */
@AutoConfiguration(after = ZreAutoConfiguration.class)
@ConditionalOnClass({ MeterBinder.class, ZreNode.class })
@ConditionalOnBean(ZreNode.class)
public final class ZreMetricsAutoConfiguration {

    ZreMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ZreMetrics zreMetrics(ZreNode zreNode, ZreProperties properties) {
        int maxGroupTags = properties.getMetrics().getMaxGroupTags();
        if (maxGroupTags < 0) {
            throw new InvalidConfigurationPropertyValueException("zre.metrics.max-group-tags", maxGroupTags,
                    "'" + maxGroupTags + "' is not allowed; expected a number of at least 0");
        }
        return new ZreMetrics(zreNode, maxGroupTags);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ZreListenerRegistry.class)
    ZreListenerMetrics zreListenerMetrics(ZreListenerRegistry zreListenerRegistry) {
        return new ZreListenerMetrics(zreListenerRegistry);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ZreTemplate.class)
    ZreTemplateMetrics zreTemplateMetrics(ZreTemplate zreTemplate) {
        return new ZreTemplateMetrics(zreTemplate);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ZreApplicationEventBridge.class)
    ZreApplicationEventMetrics zreApplicationEventMetrics(ZreApplicationEventBridge zreApplicationEventBridge) {
        return new ZreApplicationEventMetrics(zreApplicationEventBridge);
    }

}
