package dev.zre.spring.autoconfigure;

import dev.zre.spring.listener.ZreListenerRegistry;

/**
 * Adjusts the auto-configured {@link ZreListenerRegistry} before any listener is registered, e.g. to
 * add argument resolvers:
 *
 * <pre>{@code
 * @Bean
 * ZreListenerRegistryCustomizer tenantArguments() {
 *     return (registry) -> registry.setCustomArgumentResolvers(List.of(new TenantArgumentResolver()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ZreListenerRegistryCustomizer {

    /**
     * Customizes the registry.
     * @param registry the registry
     */
    void customize(ZreListenerRegistry registry);

}
