package dev.zre.spring.cloud.discovery.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.loadbalancer.cache.LoadBalancerCacheManager;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.context.ApplicationListener;

/**
 * Clears LoadBalancer's cache of service instances on every {@link HeartbeatEvent}: LoadBalancer does
 * not listen to them itself, and would otherwise serve a stopped instance until its TTL (35 s).
 */
final class ZreLoadBalancerCacheEviction implements ApplicationListener<HeartbeatEvent> {

    private final ListableBeanFactory beanFactory;

    ZreLoadBalancerCacheEviction(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void onApplicationEvent(HeartbeatEvent event) {
        // by type, not through an ObjectProvider: LoadBalancer declares its cache manager autowireCandidate=false
        beanFactory.getBeansOfType(LoadBalancerCacheManager.class, false, false).values().forEach(manager -> {
            Cache cache = manager.getCache(CachingServiceInstanceListSupplier.SERVICE_INSTANCE_CACHE_NAME);
            if (cache != null) {
                cache.clear();
            }
        });
    }
}
