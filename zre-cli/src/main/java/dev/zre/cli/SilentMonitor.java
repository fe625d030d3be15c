package dev.zre.cli;

import dev.zre.discovery.BeaconSocket;
import dev.zre.discovery.NetworkSelection;
import dev.zre.protocol.Beacon;
import dev.zre.protocol.MalformedMessageException;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code zre monitor --silent}: listens to UDP beacons only. It sends no beacon and opens no TCP
 * connection, so other nodes never learn of it; in return it sees only what beacons carry: UUID,
 * source address and mailbox port.
 */
final class SilentMonitor {

    private final Io io;
    private final Output out;
    private final NodeOptions options;
    private final Duration refresh;
    private final Duration duration;
    private final Map<UUID, Seen> seen = new LinkedHashMap<>();
    private long beacons;
    private long malformed;
    private long foreign;
    private long appeared;
    private long left;
    private long expired;

    /** One node heard by beacon. */
    private static final class Seen {
        final UUID uuid;
        final String address;
        final int port;
        final Instant firstSeen;
        Instant lastSeen;
        long beacons;

        Seen(UUID uuid, String address, int port, Instant now) {
            this.uuid = uuid;
            this.address = address;
            this.port = port;
            this.firstSeen = now;
            this.lastSeen = now;
        }
    }

    SilentMonitor(Io io, Output out, NodeOptions options, Duration refresh, Duration duration) {
        this.io = io;
        this.out = out;
        this.options = options;
        this.refresh = refresh;
        this.duration = duration;
    }

    int run() throws IOException, InterruptedException {
        NetworkSelection net = options.selectInterface();
        boolean redraw = io.stdoutIsTty() && !options.json;
        BeaconSocket socket;
        try {
            socket = BeaconSocket.open(net, options.beaconPort, null);
        } catch (IOException e) {
            throw options.usage("Invalid value for option '--port': cannot listen on UDP port " + options.beaconPort
                    + " (" + e.getMessage() + ")");
        }
        try (socket; Selector selector = Selector.open()) {
            socket.receiver().register(selector, SelectionKey.OP_READ);
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", "READY");
                m.put("silent", true);
                m.put("interface", net.interfaceName());
                m.put("port", options.beaconPort);
                out.json(m);
            } else if (!redraw) {
                out.line("listening silently for beacons on " + net.interfaceName() + " port " + options.beaconPort);
            }
            long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            long nextDraw = System.nanoTime();
            boolean changed = true;
            while (System.nanoTime() - end < 0 && !Thread.currentThread().isInterrupted()) {
                long wait = Math.max(1, Math.min(refresh.toMillis(), (end - System.nanoTime()) / 1_000_000));
                selector.select(wait);
                selector.selectedKeys().clear();
                BeaconSocket.Datagram d;
                while ((d = socket.receive()) != null) {
                    changed |= onDatagram(net, d);
                }
                changed |= expire();
                if (System.nanoTime() - nextDraw >= 0) {
                    if (redraw) {
                        out.block("\033[H\033[2J" + table() + "\n");
                    } else if (changed && !options.json) {
                        out.block(table());
                    }
                    changed = false;
                    nextDraw = System.nanoTime() + refresh.toNanos();
                }
            }
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", "STATS");
                m.put("peers", seen.size());
                m.put("counters", counters());
                out.json(m);
            }
            return 0;
        }
    }

    private boolean onDatagram(NetworkSelection net, BeaconSocket.Datagram d) {
        if (!net.contains(d.source())) {
            foreign++;
            return false;
        }
        Beacon beacon;
        try {
            beacon = Beacon.decode(d.data(), 0, d.data().length);
        } catch (MalformedMessageException e) {
            malformed++;
            return false;
        }
        beacons++;
        Instant now = Instant.now();
        Seen known = seen.get(beacon.uuid());
        if (beacon.isLeaving()) {
            if (known != null) {
                remove(known, "left");
                left++;
                return true;
            }
            return false;
        }
        String address = d.source().getHostAddress();
        if (known != null && (known.port != beacon.port() || !known.address.equals(address))) {
            remove(known, "replaced");
            known = null;
        }
        if (known == null) {
            Seen s = new Seen(beacon.uuid(), address, beacon.port(), now);
            s.beacons = 1;
            seen.put(s.uuid, s);
            appeared++;
            event("APPEAR", s, null);
            return true;
        }
        known.lastSeen = now;
        known.beacons++;
        return false;
    }

    private boolean expire() {
        Instant limit = Instant.now().minus(options.expired);
        boolean any = false;
        for (Iterator<Seen> it = new ArrayList<>(seen.values()).iterator(); it.hasNext(); ) {
            Seen s = it.next();
            if (s.lastSeen.isBefore(limit)) {
                remove(s, "expired");
                expired++;
                any = true;
            }
        }
        return any;
    }

    private void remove(Seen s, String reason) {
        seen.remove(s.uuid);
        event("DISAPPEAR", s, reason);
    }

    private void event(String type, Seen s, @org.jspecify.annotations.Nullable String reason) {
        if (options.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", type);
            m.put("peer", EventFormat.hex(s.uuid));
            m.put("address", s.address);
            m.put("port", s.port);
            m.put("endpoint", "tcp://" + s.address + ":" + s.port);
            if (reason != null) {
                m.put("reason", reason);
            }
            out.json(m);
        } else if (!(io.stdoutIsTty())) {
            out.line(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [" + type + "] " + EventFormat.hex(s.uuid)
                    + " tcp://" + s.address + ":" + s.port + (reason == null ? "" : " (" + reason + ")"));
        }
    }

    private String table() {
        Instant now = Instant.now();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-32s %-22s %-9s %-9s %s%n", "UUID", "MAILBOX", "LAST SEEN", "BEACONS", "FIRST SEEN"));
        List<Seen> rows = new ArrayList<>(seen.values());
        rows.sort(Comparator.comparing((Seen s) -> s.address).thenComparingInt(s -> s.port));
        for (Seen s : rows) {
            sb.append(String.format("%-32s %-22s %-9s %-9d %s%n", EventFormat.hex(s.uuid), s.address + ":" + s.port,
                    MonitorCommand.ago(now, s.lastSeen), s.beacons, s.firstSeen.truncatedTo(ChronoUnit.SECONDS)));
        }
        if (rows.isEmpty()) {
            sb.append("(no beacons yet)\n");
        }
        sb.append(String.format("nodes %d  beacons %d  appeared %d  left %d  expired %d  malformed %d  foreign %d "
                + "(silent: names, groups and headers need a connection)%n", seen.size(), beacons, appeared, left, expired,
                malformed, foreign));
        return sb.toString();
    }

    private Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("beacons", beacons);
        m.put("appeared", appeared);
        m.put("left", left);
        m.put("expired", expired);
        m.put("malformed", malformed);
        m.put("foreign", foreign);
        return m;
    }
}
