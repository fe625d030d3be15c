package dev.zre.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidZrePropertyException} at startup, naming the property.
 */
class InvalidZrePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidZrePropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidZrePropertyException cause) {
        String description = "Invalid value '" + cause.getValue() + "' for property '" + cause.getProperty() + "': "
                + cause.getReason();
        String action = "Update '" + cause.getProperty() + "' in your configuration (or the ZreNodeCustomizer that "
                + "sets it) to " + cause.getReason();
        return new FailureAnalysis(description, action, cause);
    }

}
