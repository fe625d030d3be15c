package dev.zre.internal;

import dev.zre.ProtocolError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts malformed or unexpected input by reason, with a debug line that says what and from whom. */
final class ProtocolErrors {

    private static final Logger log = LoggerFactory.getLogger(ProtocolErrors.class);

    private final String node;
    private final NodeCounters stats;

    ProtocolErrors(String node, NodeCounters stats) {
        this.node = node;
        this.stats = stats;
    }

    void report(ProtocolError reason, String detail) {
        stats.protocolError(reason);
        if (log.isDebugEnabled()) {
            log.debug("node '{}': {} {}", node, reason.tag(), detail);
        }
    }
}
