package dev.zre.internal;

import dev.zre.HandshakeFailure;
import dev.zre.security.ZreSecurity;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * How a node secures its sockets: the one seam where a mechanism (CURVE, PLAIN) configures the
 * mailbox ROUTER (the server side of every link to us) and each peer DEALER (the client side of our
 * link to that peer). {@link #NONE} is ZRE's default: ZMTP's NULL mechanism, nothing configured.
 */
interface TransportSecurity {

    /** NULL: anyone who can reach the mailbox may connect; nothing is encrypted. */
    TransportSecurity NONE = new TransportSecurity() {
        @Override
        public void configureMailbox(ZMQ.Socket router) {
        }

        @Override
        public void configureConnection(ZMQ.Socket dealer, String endpoint) {
        }

        @Override
        public ZreSecurity.Mechanism mechanism() {
            return ZreSecurity.Mechanism.NULL;
        }

        @Override
        public String toString() {
            return "NULL";
        }
    };

    /** Makes the mailbox the server side of the mechanism (before it binds). */
    void configureMailbox(ZMQ.Socket router);

    /**
     * Makes a peer DEALER the client side of the mechanism (before it connects).
     *
     * @throws IllegalArgumentException when the endpoint cannot be secured (CURVE: its key is unknown)
     */
    void configureConnection(ZMQ.Socket dealer, String endpoint);

    ZreSecurity.Mechanism mechanism();

    /** Our raw CURVE public key, or null unless CURVE. */
    default byte @Nullable [] publicKey() {
        return null;
    }

    /** Whether links are secured, so that a peer is reported only once our link to it authenticated. */
    default boolean secured() {
        return mechanism() != ZreSecurity.Mechanism.NULL;
    }

    /** What a failed client handshake means under this mechanism. */
    default HandshakeFailure authFailure() {
        return mechanism() == ZreSecurity.Mechanism.PLAIN ? HandshakeFailure.PLAIN_REFUSED : HandshakeFailure.NOT_ALLOWED;
    }
}
