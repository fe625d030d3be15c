package dev.zre.spring.test;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives the contexts of tests annotated with {@link AutoConfigureZre} the test cluster's
 * {@code zre.*} properties. Registered in {@code META-INF/spring.factories}.
 */
final class ZreTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureZre annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureZre.class);
        if (annotation == null) {
            return null;
        }
        // an equal customizer lets Spring reuse a cached context; an isolated port makes it unequal on purpose
        return new ZreTestContextCustomizer(annotation.isolated() ? ZreTestSettings.isolated() : ZreTestSettings.shared());
    }
}
