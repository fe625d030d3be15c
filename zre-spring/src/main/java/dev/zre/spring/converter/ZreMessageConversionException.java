package dev.zre.spring.converter;

import org.jspecify.annotations.Nullable;

/**
 * A payload could not be converted from or to content frames.
 */
public class ZreMessageConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what could not be converted
     * @param cause the underlying failure, if any
     */
    public ZreMessageConversionException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

}
