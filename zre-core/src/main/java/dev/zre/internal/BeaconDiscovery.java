package dev.zre.internal;

import dev.zre.ProtocolError;
import dev.zre.ZreStatistics.Counter;
import dev.zre.discovery.BeaconSocket;
import dev.zre.discovery.NetworkSelection;
import dev.zre.discovery.TcpEndpoints;
import dev.zre.protocol.Beacon;
import dev.zre.protocol.MalformedMessageException;
import dev.zre.protocol.SecureBeacon;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * ZRE's UDP beacons: ours every beacon interval (the first at once, so a mesh forms quickly), and
 * theirs turned into "peer at endpoint" reports. Beacons from outside the interface's network, our
 * own, and malformed ones are dropped; a port-0 beacon means the peer is leaving.
 *
 * <p>When a beacon brings a peer we did not know, ours goes out early (at most every tenth of the
 * interval): the newcomer then connects to us while we connect to it, instead of waiting up to a
 * whole interval for our next beacon and only then answering our HELLO. Beacons are idempotent, so
 * other implementations see nothing but an extra one.
 */
final class BeaconDiscovery implements Discovery {

    /** A CURVE node's side of v3 beacons. */
    interface BeaconKeys {

        /** Our raw public key, sent in every beacon. */
        byte[] ownKey();

        /** Takes a peer's key from its beacon; false when the peer must not be connected to (not allowed). */
        boolean accept(UUID peer, String endpoint, byte[] publicKey);
    }

    private static final Logger log = LoggerFactory.getLogger(BeaconDiscovery.class);

    private final BeaconSocket socket;
    private final NetworkSelection network;
    private final UUID self;
    private final int mailboxPort;
    private final long intervalNanos;
    private final NodeCounters stats;
    private final ProtocolErrors errors;
    private final Listener listener;
    private final @Nullable BeaconKeys keys;
    private long nextBeacon;
    private long lastSent;
    private final long earliestAnswerNanos;
    private int pollIndex = -1;

    BeaconDiscovery(BeaconSocket socket, NetworkSelection network, UUID self, int mailboxPort, long intervalNanos,
            NodeCounters stats, ProtocolErrors errors, Listener listener, long now) {
        this(socket, network, self, mailboxPort, intervalNanos, stats, errors, listener, now, null);
    }

    /**
     * @param keys for a CURVE node: our key for v3 beacons and what to do with peers' keys; null for
     *     v1 beacons (NULL and PLAIN nodes)
     */
    BeaconDiscovery(BeaconSocket socket, NetworkSelection network, UUID self, int mailboxPort, long intervalNanos,
            NodeCounters stats, ProtocolErrors errors, Listener listener, long now, @Nullable BeaconKeys keys) {
        this.keys = keys;
        this.socket = socket;
        this.network = network;
        this.self = self;
        this.mailboxPort = mailboxPort;
        this.intervalNanos = intervalNanos;
        this.stats = stats;
        this.errors = errors;
        this.listener = listener;
        this.nextBeacon = now;
        this.lastSent = now - intervalNanos;
        this.earliestAnswerNanos = intervalNanos / 10;
    }

    @Override
    public String name() {
        return "beacon";
    }

    @Override
    public void register(ActorPoller poller) {
        pollIndex = poller.register(socket.receiver());
    }

    @Override
    public void receive(ActorPoller poller) {
        if (!poller.pollin(pollIndex)) { // no receive syscall on every mailbox message
            return;
        }
        while (true) {
            BeaconSocket.Datagram datagram;
            try {
                datagram = socket.receive();
            } catch (IOException e) {
                log.debug("beacon receive failed: {}", e.toString());
                return;
            }
            if (datagram == null) {
                return;
            }
            String host = datagram.source().getHostAddress();
            if (!network.contains(datagram.source())) {
                errors.report(ProtocolError.BEACON_FOREIGN, "beacon from " + host);
                continue;
            }
            byte[] data = datagram.data();
            if (data.length >= 4 && data[0] == 'Z' && data[1] == 'R' && data[2] == 'E'
                    && data[3] == (keys == null ? SecureBeacon.VERSION : Beacon.VERSION)) {
                // the other security's beacon: v1 and v3 nodes ignore each other, as in zyre
                stats.increment(Counter.BEACONS_OTHER_SECURITY);
                errors.report(ProtocolError.BEACON_VERSION, "from " + host + ": beacon version " + data[3]
                        + (keys == null ? " (CURVE) at a node without CURVE" : " (not CURVE) at a CURVE node"));
                continue;
            }
            UUID uuid;
            int port;
            byte[] key = null;
            try {
                if (keys == null) {
                    Beacon beacon = Beacon.decode(data, 0, data.length);
                    uuid = beacon.uuid();
                    port = beacon.port();
                } else {
                    SecureBeacon beacon = SecureBeacon.decode(data, 0, data.length);
                    uuid = beacon.uuid();
                    port = beacon.port();
                    key = beacon.publicKey();
                }
            } catch (MalformedMessageException e) {
                errors.report(e.reason(), "from " + host + ": " + e.getMessage());
                continue;
            }
            if (uuid.equals(self)) {
                continue;
            }
            stats.increment(Counter.BEACONS_RECEIVED);
            if (port == 0) {
                listener.peerLeaving(this, uuid);
                continue;
            }
            String endpoint = TcpEndpoints.scopedTo(TcpEndpoints.of(datagram.source(), port), network);
            if (keys != null && key != null && !keys.accept(uuid, endpoint, key)) {
                continue; // a key we would refuse: never connect to it, never report it
            }
            if (listener.peerFound(this, uuid, endpoint)) {
                answerSoon();
            }
        }
    }

    @Override
    public long nextDeadline() {
        return nextBeacon;
    }

    @Override
    public void onTimer(long now) {
        send(mailboxPort);
        lastSent = now;
        nextBeacon = now + intervalNanos;
    }

    /** Brings our next beacon forward, to a tenth of the interval after the last one at the earliest. */
    private void answerSoon() {
        long earliest = lastSent + earliestAnswerNanos;
        if (nextBeacon - earliest > 0) {
            nextBeacon = earliest;
        }
    }

    @Override
    public void leaving() {
        send(0);
    }

    @Override
    public boolean announcesLeaving() {
        return true;
    }

    private void send(int port) {
        try {
            byte[] beacon = keys == null ? new Beacon(self, port).encode()
                    : new SecureBeacon(self, port, keys.ownKey()).encode();
            if (socket.send(beacon)) {
                stats.increment(Counter.BEACONS_SENT);
            }
        } catch (IOException e) {
            log.debug("beacon not sent: {}", e.toString());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
