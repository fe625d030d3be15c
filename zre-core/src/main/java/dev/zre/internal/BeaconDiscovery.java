package dev.zre.internal;

import dev.zre.ProtocolError;
import dev.zre.ZreStatistics.Counter;
import dev.zre.discovery.BeaconSocket;
import dev.zre.discovery.NetworkSelection;
import dev.zre.protocol.Beacon;
import dev.zre.protocol.MalformedMessageException;
import java.io.IOException;
import java.util.UUID;
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

    private static final Logger log = LoggerFactory.getLogger(BeaconDiscovery.class);

    private final BeaconSocket socket;
    private final NetworkSelection network;
    private final UUID self;
    private final int mailboxPort;
    private final long intervalNanos;
    private final NodeCounters stats;
    private final ProtocolErrors errors;
    private final Listener listener;
    private long nextBeacon;
    private long lastSent;
    private final long earliestAnswerNanos;
    private int pollIndex = -1;

    BeaconDiscovery(BeaconSocket socket, NetworkSelection network, UUID self, int mailboxPort, long intervalNanos,
            NodeCounters stats, ProtocolErrors errors, Listener listener, long now) {
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
    public void register(ZMQ.Poller poller) {
        pollIndex = poller.register(socket.receiver(), ZMQ.Poller.POLLIN);
    }

    @Override
    public void receive(ZMQ.Poller poller) {
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
            Beacon beacon;
            try {
                beacon = Beacon.decode(datagram.data(), 0, datagram.data().length);
            } catch (MalformedMessageException e) {
                errors.report(e.reason(), "from " + host + ": " + e.getMessage());
                continue;
            }
            if (beacon.uuid().equals(self)) {
                continue;
            }
            stats.increment(Counter.BEACONS_RECEIVED);
            if (beacon.isLeaving()) {
                listener.peerLeaving(this, beacon.uuid());
            } else if (listener.peerFound(this, beacon.uuid(), "tcp://" + host + ":" + beacon.port())) {
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
            if (socket.send(new Beacon(self, port).encode())) {
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
