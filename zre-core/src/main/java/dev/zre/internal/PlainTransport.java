package dev.zre.internal;

import dev.zre.security.ZreSecurity;
import org.zeromq.ZMQ;

/**
 * ZMTP PLAIN between nodes of this project: the mailbox checks username and password through ZAP,
 * each DEALER logs in. Sent in clear: authentication only, no encryption.
 */
final class PlainTransport implements TransportSecurity {

    private final String username;
    private final String password;
    private final String zapDomain;

    PlainTransport(String username, String password, String zapDomain) {
        this.username = username;
        this.password = password;
        this.zapDomain = zapDomain;
    }

    @Override
    public void configureMailbox(ZMQ.Socket router) {
        router.setZAPDomain(zapDomain);
        router.setPlainServer(true);
    }

    @Override
    public void configureConnection(ZMQ.Socket dealer, String endpoint) {
        dealer.setPlainUsername(username);
        dealer.setPlainPassword(password);
    }

    @Override
    public ZreSecurity.Mechanism mechanism() {
        return ZreSecurity.Mechanism.PLAIN;
    }

    @Override
    public String toString() {
        return "PLAIN " + username;
    }
}
