package dev.zre.spring.autoconfigure.endpoint;

import dev.zre.ZreNode;
import dev.zre.spring.actuate.endpoint.ZreEndpoint;
import dev.zre.spring.actuate.endpoint.ZreEndpointWebExtension;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@link ZreEndpoint}. Backs off without Spring Boot Actuator.
 */
@AutoConfiguration(after = ZreAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, ZreNode.class })
@ConditionalOnBean(ZreNode.class)
@ConditionalOnAvailableEndpoint(ZreEndpoint.class)
@EnableConfigurationProperties(ZreEndpointProperties.class)
public final class ZreEndpointAutoConfiguration {

    ZreEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ZreEndpoint zreEndpoint(ZreNode zreNode, ObjectProvider<SanitizingFunction> sanitizingFunctions,
            ZreEndpointProperties properties) {
        return new ZreEndpoint(zreNode, sanitizingFunctions.orderedStream().toList(), properties.getShowValues());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ZreEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    ZreEndpointWebExtension zreEndpointWebExtension(ZreEndpoint zreEndpoint, ZreEndpointProperties properties) {
        return new ZreEndpointWebExtension(zreEndpoint, properties.getShowValues(), properties.getRoles());
    }

}
