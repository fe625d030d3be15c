package dev.zre.protocol;

import dev.zre.ProtocolError;

/** A datagram or message that does not parse; {@link #reason()} says why, the message names the field. */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ProtocolError reason;

    public MalformedMessageException(ProtocolError reason, String message) {
        super(message, null, false, false); // thrown per bad packet: no stack trace needed
        this.reason = reason;
    }

    /** The counted reason. */
    public ProtocolError reason() {
        return reason;
    }
}
