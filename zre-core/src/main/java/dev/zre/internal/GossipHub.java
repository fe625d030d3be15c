package dev.zre.internal;

import dev.zre.ProtocolError;
import dev.zre.protocol.GossipCodec;
import dev.zre.protocol.GossipMessage;
import dev.zre.protocol.MalformedMessageException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A ZGossip hub on the wire as czmq's {@code zgossip} server: a ROUTER that answers HELLO with every
 * tuple, drops a tuple identical to the one held, stores any other and forwards it to every client
 * (the sender too), answers PING with PONG and anything else from a client it does not know with
 * INVALID. Run by one thread (a node's actor or {@code ZreGossipHub}'s own).
 *
 * <p>Beyond czmq: a client that PINGs (ours do, three times a second) and then falls silent for
 * {@link #CLIENT_EXPIRY_NANOS} is forgotten together with the tuples it published, so a node that
 * has gone is not handed to newcomers; a tuple whose endpoint is published again under a new UUID is
 * forgotten (see {@link GossipTuples}). Clients that never PING (czmq's, zyre's) cannot be told from
 * gone ones, so their tuples are kept, as czmq does.
 */
final class GossipHub implements AutoCloseable {

    /** Where the hub hands tuples published by its clients (a node running the hub learns its peers here). */
    interface TupleSink {
        void received(String key, String value);
    }

    /** Where the hub reports a message that does not parse. */
    interface ErrorSink {
        void report(ProtocolError reason, String detail);
    }

    /** Silence after which a client that used to PING is forgotten, with its tuples. */
    static final long CLIENT_EXPIRY_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** Silence after which a client that never PINGs is forgotten (its tuples stay). */
    static final long IDLE_CLIENT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int MAX_TUPLES = 100_000;
    private static final int MAX_CLIENTS = 100_000;
    private static final int BATCH = 1024;
    private static final Logger log = LoggerFactory.getLogger(GossipHub.class);
    private static final HexFormat HEX = HexFormat.of();

    private static final class Client {
        final byte[] routingId;
        long lastHeard;
        boolean pings;

        Client(byte[] routingId, long now) {
            this.routingId = routingId;
            this.lastHeard = now;
        }
    }

    private final ZContext context;
    private final ZMQ.Socket router;
    private final String endpoint;
    private final TupleSink sink;
    private final ErrorSink errors;
    private final GossipTuples tuples = new GossipTuples(MAX_TUPLES);
    private final Map<String, Client> clients = new HashMap<>();
    private long nextCheck;
    private int pollIndex = -1;

    private GossipHub(ZContext context, ZMQ.Socket router, TupleSink sink, ErrorSink errors) {
        this.context = context;
        this.router = router;
        this.endpoint = router.getLastEndpoint();
        this.sink = sink;
        this.errors = errors;
        this.nextCheck = System.nanoTime() + CHECK_NANOS;
    }

    /**
     * Binds a hub.
     *
     * @param bindEndpoint {@code tcp://host:port}; host {@code *} for every interface, port {@code *} for any free one
     * @throws org.zeromq.ZMQException when it cannot bind
     */
    @SuppressWarnings("deprecation") // destroySocket, as SocketFactory
    static GossipHub bind(ZContext context, String bindEndpoint, TransportSecurity security, int handshakeMillis,
            TupleSink sink, ErrorSink errors) {
        ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
        try {
            router.setLinger(0);
            router.setHandshakeIvl(handshakeMillis);
            router.setSndHWM(10_000);
            router.setRcvHWM(10_000);
            security.configureMailbox(router); // the node's keypair and ZAP domain: the hub's key is the node's
            router.bind(bindEndpoint);
            return new GossipHub(context, router, sink, errors);
        } catch (RuntimeException e) {
            context.destroySocket(router);
            throw e;
        }
    }

    /** The bound endpoint, with the port chosen when {@code *} was asked for. */
    String endpoint() {
        return endpoint;
    }

    /** Publishes a tuple of the hub's own node: held (never expires) and forwarded to every client. */
    void publishOwn(String key, String value) {
        if (tuples.publish(key, value, null)) {
            forward(new GossipMessage.Publish(key, value, 0));
        }
    }

    int clientCount() {
        return clients.size();
    }

    int tupleCount() {
        return tuples.size();
    }

    void register(ActorPoller poller) {
        pollIndex = poller.register(router);
    }

    /** Handles what arrived, if the poll says anything did. */
    void receive(ActorPoller poller) {
        if (pollIndex >= 0 && poller.pollin(pollIndex)) {
            receiveNow(System.nanoTime());
        }
    }

    /** Handles up to a batch of waiting messages without blocking. */
    void receiveNow(long now) {
        for (int i = 0; i < BATCH; i++) {
            byte[] from = router.recv(ZMQ.DONTWAIT);
            if (from == null) {
                return;
            }
            byte[] frame = router.hasReceiveMore() ? router.recv() : new byte[0];
            int extra = 0;
            while (router.hasReceiveMore()) { // drain the whole message, whatever it is
                router.recv();
                extra++;
            }
            if (extra > 0) {
                errors.report(ProtocolError.UNEXPECTED_FRAMES, "gossip message of " + (extra + 1) + " frames");
                continue;
            }
            GossipMessage message;
            try {
                message = GossipCodec.decode(frame);
            } catch (MalformedMessageException e) {
                errors.report(e.reason(), "gossip: " + e.getMessage());
                continue;
            }
            handle(from, message, now);
        }
    }

    private void handle(byte[] from, GossipMessage message, long now) {
        String id = HEX.formatHex(from);
        log.trace("gossip hub {}: {} from {}", endpoint, message, id);
        Client client = clients.get(id);
        if (message instanceof GossipMessage.Hello) {
            if (client == null) {
                if (clients.size() >= MAX_CLIENTS) {
                    return;
                }
                client = new Client(from, now);
                clients.put(id, client);
            }
            client.lastHeard = now;
            for (GossipTuples.Tuple t : tuples.all()) {
                send(from, new GossipMessage.Publish(t.key(), t.value(), 0));
            }
            return;
        }
        if (client == null) { // forgotten, or the hub restarted: the client says HELLO again and republishes
            send(from, new GossipMessage.Invalid());
            return;
        }
        client.lastHeard = now;
        if (message instanceof GossipMessage.Ping) {
            client.pings = true;
            send(from, new GossipMessage.Pong());
        } else if (message instanceof GossipMessage.Publish p) {
            if (tuples.publish(p.key(), p.value(), id)) {
                forward(new GossipMessage.Publish(p.key(), p.value(), 0));
                sink.received(p.key(), p.value());
            }
        }
        // PONG and INVALID are a hub's own messages: nothing to do when a client sends them
    }

    long nextDeadline() {
        return nextCheck;
    }

    /** Forgets clients that went silent, and the tuples of those that used to PING. */
    void onTimer(long now) {
        for (Iterator<Map.Entry<String, Client>> it = clients.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Client> e = it.next();
            Client c = e.getValue();
            long silence = now - c.lastHeard;
            if (c.pings && silence > CLIENT_EXPIRY_NANOS) {
                int removed = tuples.forgetOwner(e.getKey());
                log.debug("gossip hub {}: client {} silent, forgot it and {} tuple(s)", endpoint, e.getKey(), removed);
                it.remove();
            } else if (!c.pings && silence > IDLE_CLIENT_NANOS) {
                it.remove();
            }
        }
        nextCheck = now + CHECK_NANOS;
    }

    private void forward(GossipMessage.Publish publish) {
        byte[] frame = GossipCodec.encode(publish);
        for (Client c : clients.values()) {
            sendFrame(c.routingId, frame);
        }
    }

    private void send(byte[] to, GossipMessage message) {
        sendFrame(to, GossipCodec.encode(message));
    }

    private void sendFrame(byte[] to, byte[] frame) {
        // never blocks: a client that cannot keep up loses tuples until it says HELLO again
        if (router.send(to, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
            router.send(frame, ZMQ.DONTWAIT);
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public void close() {
        context.destroySocket(router);
    }
}
