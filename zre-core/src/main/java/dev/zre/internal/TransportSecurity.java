package dev.zre.internal;

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
        public String toString() {
            return "NULL";
        }
    };

    /** Makes the mailbox the server side of the mechanism (before it binds). */
    void configureMailbox(ZMQ.Socket router);

    /** Makes a peer DEALER the client side of the mechanism (before it connects). */
    void configureConnection(ZMQ.Socket dealer, String endpoint);
}
