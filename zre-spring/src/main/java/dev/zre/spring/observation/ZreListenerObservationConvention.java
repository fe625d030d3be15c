package dev.zre.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a {@code @ZreListener} invocation. Declare a bean (with Spring
 * Boot) or pass one to {@link ZreListenerObservationInterceptor} to replace or extend
 * {@link DefaultZreListenerObservationConvention}.
 */
public interface ZreListenerObservationConvention extends ObservationConvention<ZreListenerObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ZreListenerObservationContext;
    }

}
