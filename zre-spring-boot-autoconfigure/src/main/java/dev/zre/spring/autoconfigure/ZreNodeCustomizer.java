package dev.zre.spring.autoconfigure;

import dev.zre.ZreConfig;

/**
 * Callback to adjust the {@link ZreConfig.Builder} of the auto-configured node after the
 * {@code zre.*} properties were applied. Customizers run in {@link org.springframework.core.Ordered
 * order}.
 */
@FunctionalInterface
public interface ZreNodeCustomizer {

    /**
     * Customizes the builder.
     * @param builder the builder, already holding the values of the {@code zre.*} properties
     */
    void customize(ZreConfig.Builder builder);

}
