/**
 * ZRE peers as Spring Cloud service instances: {@link dev.zre.spring.cloud.discovery.ZreDiscoveryClient}
 * and the events that keep LoadBalancer caches current.
 */
@NullMarked
package dev.zre.spring.cloud.discovery;

import org.jspecify.annotations.NullMarked;
