package dev.zre.internal;

import dev.zre.ZreConfig;
import java.time.Duration;
import org.zeromq.SocketType;
import org.zeromq.ZEvent;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Creates the node's ZeroMQ sockets with the options every one of them needs: the handshake
 * deadline, queue limits, no linger, our identity on DEALERs, and the transport security.
 */
final class SocketFactory {

    private final ZContext context;
    private final ZreConfig config;
    private final TransportSecurity security;
    private final byte[] identity;
    private final int handshakeMillis;
    private final boolean ipv6;

    /**
     * @param handshakeDeadline how long JeroMQ lets a ZMTP handshake take before it drops the
     *     connection: a backstop, since the node tells slow handshakes from stalled ones itself
     */
    SocketFactory(ZContext context, ZreConfig config, TransportSecurity security, byte[] identity,
            Duration handshakeDeadline) {
        this(context, config, security, identity, handshakeDeadline, false);
    }

    /** @param ipv6 whether the mailbox binds an IPv6 address */
    SocketFactory(ZContext context, ZreConfig config, TransportSecurity security, byte[] identity,
            Duration handshakeDeadline, boolean ipv6) {
        this.ipv6 = ipv6;
        this.context = context;
        this.config = config;
        this.security = security;
        this.identity = identity;
        this.handshakeMillis = (int) Math.min(Integer.MAX_VALUE, handshakeDeadline.toMillis());
    }

    /** An unbound ROUTER for the mailbox. */
    ZMQ.Socket mailbox() {
        ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
        router.setRouterHandover(true); // a peer that reconnects with the same identity takes over at once
        router.setIPv6(ipv6); // JeroMQ resolves only IPv4 addresses without it
        router.setHandshakeIvl(handshakeMillis());
        router.setRcvHWM(config.sendHighWaterMark());
        router.setLinger(0);
        security.configureMailbox(router);
        return router;
    }

    /**
     * A DEALER connecting to the endpoint, reporting its progress to {@code events} (on a JeroMQ
     * I/O thread).
     *
     * @throws RuntimeException when no socket can be had (JeroMQ's socket limit, or the process's
     *     descriptors ran out): nothing to close then
     * @throws IllegalArgumentException when the endpoint cannot be connected to; the socket is closed
     */
    ZMQ.Socket connect(String endpoint, ZEvent.ZEventConsummer events, int eventMask) {
        ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
        try {
            dealer.setEventHook(events, eventMask);
            dealer.setIdentity(identity);
            dealer.setSndHWM(config.sendHighWaterMark());
            dealer.setHandshakeIvl(handshakeMillis());
            dealer.setLinger(0);
            dealer.setSendTimeOut(0);
            dealer.setIPv6(endpoint.contains("[")); // an IPv6 literal (a beacon on IPv6, an AAAA record)
            security.configureConnection(dealer, endpoint);
            dealer.connect(endpoint);
            return dealer;
        } catch (RuntimeException e) {
            destroy(dealer);
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Closes a socket created here and releases it from the context. */
    // JeroMQ 0.6 deprecates destroySocket for Socket.close(); kept until that swap is tested (linger, context list)
    @SuppressWarnings("deprecation")
    void destroy(ZMQ.Socket socket) {
        context.destroySocket(socket);
    }

    private int handshakeMillis() {
        return handshakeMillis;
    }
}
