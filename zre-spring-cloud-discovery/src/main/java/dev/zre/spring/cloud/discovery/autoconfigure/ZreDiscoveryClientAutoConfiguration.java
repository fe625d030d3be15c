package dev.zre.spring.cloud.discovery.autoconfigure;

import dev.zre.ZreNode;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.cloud.discovery.ZreDiscoveryClient;
import dev.zre.spring.cloud.discovery.ZreDiscoveryHeartbeat;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.loadbalancer.cache.LoadBalancerCacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@link ZreDiscoveryClient}: this application announces its service id and HTTP port in HELLO, and
 * the peers that announce theirs are Spring Cloud service instances. {@code zre.cloud.discovery.enabled=false}
 * (or {@code spring.cloud.discovery.enabled=false}) turns it off.
 */
@AutoConfiguration(after = ZreAutoConfiguration.class,
        beforeName = { "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
                "org.springframework.cloud.client.CommonsClientAutoConfiguration" })
@ConditionalOnClass({ DiscoveryClient.class, ZreNode.class })
@ConditionalOnDiscoveryEnabled
@ConditionalOnBlockingDiscoveryEnabled
@ConditionalOnBooleanProperty(name = "zre.cloud.discovery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZreDiscoveryProperties.class)
public final class ZreDiscoveryClientAutoConfiguration {

    ZreDiscoveryClientAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "zreDiscoveryAnnouncement")
    @ConditionalOnBooleanProperty(name = "zre.cloud.discovery.announce", matchIfMissing = true)
    ZreDiscoveryAnnouncement zreDiscoveryAnnouncement(ZreDiscoveryProperties properties, Environment environment) {
        return new ZreDiscoveryAnnouncement(properties, environment);
    }

    @Bean
    @ConditionalOnBean(ZreNode.class)
    @ConditionalOnMissingBean
    ZreDiscoveryClient zreDiscoveryClient(ZreNode zreNode, ZreDiscoveryProperties properties) {
        return new ZreDiscoveryClient(zreNode, properties.headers(), properties.getOrder());
    }

    @Bean
    @ConditionalOnBean(ZreDiscoveryClient.class)
    @ConditionalOnMissingBean
    ZreDiscoveryHeartbeat zreDiscoveryHeartbeat(ZreNode zreNode, ZreDiscoveryClient zreDiscoveryClient,
            ApplicationEventPublisher publisher) {
        return new ZreDiscoveryHeartbeat(zreNode, zreDiscoveryClient, publisher);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LoadBalancerCacheManager.class)
    static class LoadBalancerCacheConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ZreLoadBalancerCacheEviction zreLoadBalancerCacheEviction(ListableBeanFactory beanFactory) {
            return new ZreLoadBalancerCacheEviction(beanFactory);
        }
    }
}
