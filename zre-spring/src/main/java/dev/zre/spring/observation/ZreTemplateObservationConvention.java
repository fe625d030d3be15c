package dev.zre.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a {@code ZreTemplate} send. Declare a bean (with Spring Boot) or
 * pass one to {@link ZreTemplateObservationInterceptor} to replace or extend
 * {@link DefaultZreTemplateObservationConvention}.
 */
public interface ZreTemplateObservationConvention extends ObservationConvention<ZreTemplateObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ZreTemplateObservationContext;
    }

}
