package dev.zre.internal;

import dev.zre.ProtocolError;
import dev.zre.protocol.GossipCodec;
import dev.zre.protocol.GossipMessage;
import dev.zre.protocol.MalformedMessageException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * A client of one ZGossip hub (czmq's or ours): a DEALER that says HELLO, publishes our tuple, hands
 * every tuple the hub sends to {@link GossipPeers}, and PINGs three times a second (a czmq hub
 * forgets a client silent for a second). It says HELLO and publishes again when the hub answers
 * INVALID (it forgot us), after every reconnection (the hub may have restarted), and every resync
 * interval, so peers it lost touch with (partition, expiry) are reported again from the hub's
 * current tuples. Between answers it reports the tuples it holds again every beacon interval, as a
 * beacon repeats: a peer whose first connection failed is found again within a beacon interval.
 */
final class GossipClient implements Discovery {

    static final long PING_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final int MAX_KNOWN = 10_000;
    private static final int BATCH = 1024;
    private static final Logger log = LoggerFactory.getLogger(GossipClient.class);

    private final ZContext context;
    private final ZMQ.Socket dealer;
    private final String hub;
    private final GossipMessage.Publish ownTuple;
    private final GossipPeers peers;
    private final ProtocolErrors errors;
    private final long resyncNanos;
    private final long refoundNanos;
    /** The usable tuples of the hub's last answer and since, by key: reported again like beacons repeat. */
    private final Map<String, GossipPeers.Found> known = new HashMap<>();
    private long nextRefound;
    private final AtomicInteger connects = new AtomicInteger();
    private int connectsSeen;
    private long nextPing;
    private long nextResync;
    private int pollIndex = -1;

    /**
     * Connects to the hub and queues HELLO and our tuple.
     *
     * @param hub the hub's endpoint without a key suffix (a CURVE hub's key is in the transport's peer keys)
     * @throws IllegalArgumentException when the endpoint cannot be connected to or secured
     */
    @SuppressWarnings("deprecation") // destroySocket, as SocketFactory
    GossipClient(ZContext context, String hub, TransportSecurity security, int handshakeMillis,
            GossipMessage.Publish ownTuple, GossipPeers peers, ProtocolErrors errors, long resyncNanos,
            long refoundNanos, long now) {
        this.context = context;
        this.hub = hub;
        this.ownTuple = ownTuple;
        this.peers = peers;
        this.errors = errors;
        this.resyncNanos = resyncNanos;
        this.refoundNanos = refoundNanos;
        this.nextRefound = now + refoundNanos;
        ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
        try {
            socket.setLinger(0);
            socket.setSendTimeOut(0);
            socket.setSndHWM(1000);
            socket.setHandshakeIvl(handshakeMillis);
            // counted on JeroMQ's I/O thread; each connection after the first may reach a hub that forgot us
            socket.setEventHook(event -> {
                if (event.getEvent() == ZMonitor.Event.CONNECTED) {
                    connects.incrementAndGet();
                }
            }, ZMQ.EVENT_CONNECTED);
            security.configureConnection(socket, hub);
            socket.connect(hub);
        } catch (RuntimeException e) {
            context.destroySocket(socket);
            throw new IllegalArgumentException("cannot connect to gossip hub " + hub + ": " + e.getMessage(), e);
        }
        this.dealer = socket;
        sayHello();
        this.connectsSeen = 1; // the first connection delivers the HELLO just queued
        this.nextPing = now + PING_NANOS;
        this.nextResync = now + resyncNanos;
    }

    @Override
    public String name() {
        return "gossip";
    }

    String hub() {
        return hub;
    }

    @Override
    public void register(ActorPoller poller) {
        pollIndex = poller.register(dealer);
    }

    @Override
    public void receive(ActorPoller poller) {
        if (pollIndex < 0 || !poller.pollin(pollIndex)) {
            return;
        }
        for (int i = 0; i < BATCH; i++) {
            byte[] frame = dealer.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            int extra = 0;
            while (dealer.hasReceiveMore()) {
                dealer.recv();
                extra++;
            }
            if (extra > 0) {
                errors.report(ProtocolError.UNEXPECTED_FRAMES, "from gossip hub " + hub + ": " + (extra + 1) + " frames");
                continue;
            }
            GossipMessage message;
            try {
                message = GossipCodec.decode(frame);
            } catch (MalformedMessageException e) {
                errors.report(e.reason(), "from gossip hub " + hub + ": " + e.getMessage());
                continue;
            }
            if (message instanceof GossipMessage.Publish p) {
                GossipPeers.Found found = peers.tuple(this, p.key(), p.value());
                if (found != null && (known.size() < MAX_KNOWN || known.containsKey(p.key()))) {
                    known.put(p.key(), found);
                } else if (found == null) {
                    known.remove(p.key());
                }
            } else if (message instanceof GossipMessage.Invalid) {
                log.debug("gossip hub {} does not know us (any more): HELLO again", hub);
                sayHello();
            }
            // PONG: the hub is there; HELLO and PING are a client's messages: nothing to do
        }
    }

    @Override
    public long nextDeadline() {
        return nextRefound - nextPing < 0 ? nextRefound : nextPing;
    }

    @Override
    public void onTimer(long now) {
        if (now - nextRefound >= 0) {
            // as a beacon repeats: a peer dropped meanwhile (a failed first connection, expiry) is found again
            for (GossipPeers.Found found : List.copyOf(known.values())) {
                peers.refound(this, found);
            }
            nextRefound = now + refoundNanos;
        }
        if (now - nextPing < 0) {
            return;
        }
        int connected = connects.get();
        if (connected > connectsSeen) { // a new connection: the hub may have restarted and know nothing of us
            connectsSeen = connected;
            sayHello();
        } else if (now - nextResync >= 0) {
            sayHello();
        } else {
            send(new GossipMessage.Ping());
        }
        nextPing = now + PING_NANOS;
    }

    /**
     * HELLO (the hub answers with every tuple it holds), our tuple, and a PING at once: our hub forgets the
     * tuples of a client that PINGs and then falls silent, so it must know from the start that we PING.
     */
    private void sayHello() {
        known.clear(); // the hub's answer says which tuples it holds now
        send(new GossipMessage.Hello());
        send(ownTuple);
        send(new GossipMessage.Ping());
        nextResync = System.nanoTime() + resyncNanos;
    }

    private void send(GossipMessage message) {
        dealer.send(GossipCodec.encode(message), ZMQ.DONTWAIT); // a hub that cannot take it gets the next one
    }

    @Override
    @SuppressWarnings("deprecation")
    public void close() {
        context.destroySocket(dealer);
    }
}
