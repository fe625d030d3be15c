package dev.zre.spring.test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/** Adds the test cluster's properties to a test's context, below the test's own inlined properties. */
final class ZreTestContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "zreTestCluster";

    /** The name Spring gives {@code @SpringBootTest(properties)} and {@code @TestPropertySource(properties)}. */
    private static final String INLINED_PROPERTIES = "Inlined Test Properties";

    private final ZreTestSettings settings;

    ZreTestContextCustomizer(ZreTestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        MapPropertySource cluster = new MapPropertySource(PROPERTY_SOURCE_NAME, settings.properties());
        if (sources.contains(INLINED_PROPERTIES)) {
            sources.addAfter(INLINED_PROPERTIES, cluster);
        } else {
            sources.addFirst(cluster);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ZreTestContextCustomizer that && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }
}
