package dev.zre.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code zre.*} property has a value the node does not accept. Reported at startup by
 * {@link InvalidZrePropertyFailureAnalyzer}.
 */
public class InvalidZrePropertyException extends IllegalStateException {

    private final String property;

    private final @Nullable Object value;

    private final String reason;

    /**
     * Creates an exception for one property.
     * @param property the full property name, e.g. {@code zre.port}
     * @param value the rejected value
     * @param reason what is allowed instead
     * @param cause the original failure, if any
     */
    public InvalidZrePropertyException(String property, @Nullable Object value, String reason,
            @Nullable Throwable cause) {
        super("Invalid value '" + value + "' for property '" + property + "': " + reason, cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
    }

    /** The full name of the property, e.g. {@code zre.port}. */
    public String getProperty() {
        return this.property;
    }

    /** The rejected value. */
    public @Nullable Object getValue() {
        return this.value;
    }

    /** What is allowed instead. */
    public String getReason() {
        return this.reason;
    }

}
