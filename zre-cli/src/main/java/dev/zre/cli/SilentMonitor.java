package dev.zre.cli;

import dev.zre.InvalidZreSettingException;
import dev.zre.PeerId;
import dev.zre.ZreBeaconMonitor;
import dev.zre.ZreBeaconMonitor.HeardBeacon;
import dev.zre.ZreInterface;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zre monitor --silent}: listens to UDP beacons only. It sends no beacon and opens no TCP
 * connection, so other nodes never learn of it; in return it sees only what beacons carry: UUID,
 * source address and mailbox port.
 */
final class SilentMonitor implements ZreBeaconMonitor.Listener {

    private final Io io;
    private final Output out;
    private final NodeOptions options;
    private final Duration refresh;
    private final Duration duration;
    private final Map<PeerId, Seen> seen = new LinkedHashMap<>();
    private long beacons;
    private long malformed;
    private long foreign;
    private long appeared;
    private long left;
    private long expired;
    private boolean changed = true;

    /** One node heard by beacon. */
    private static final class Seen {
        final PeerId peer;
        final String address;
        final int port;
        final Instant firstSeen;
        Instant lastSeen;
        long beacons;

        Seen(PeerId peer, String address, int port, Instant now) {
            this.peer = peer;
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
        ZreInterface net = options.selectInterface();
        boolean redraw = io.stdoutIsTty() && !options.json;
        ZreBeaconMonitor beaconMonitor;
        try {
            beaconMonitor = ZreBeaconMonitor.open(net, options.beaconPort);
        } catch (InvalidZreSettingException e) {
            throw options.usage(e);
        }
        try (beaconMonitor) {
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", "READY");
                m.put("silent", true);
                m.put("interface", net.name());
                m.put("port", options.beaconPort);
                out.json(m);
            } else if (!redraw) {
                out.line("listening silently for beacons on " + net.name() + " port " + options.beaconPort);
            }
            long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            long nextDraw = System.nanoTime();
            while (System.nanoTime() - end < 0 && !Thread.currentThread().isInterrupted()) {
                long wait = Math.max(1, Math.min(refresh.toMillis(), (end - System.nanoTime()) / 1_000_000));
                beaconMonitor.poll(Duration.ofMillis(wait), this);
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

    @Override
    public void onForeign(String address) {
        foreign++;
    }

    @Override
    public void onMalformed(String address) {
        malformed++;
    }

    @Override
    public void onBeacon(HeardBeacon beacon) {
        beacons++;
        Instant now = Instant.now();
        Seen known = seen.get(beacon.peer());
        if (beacon.leaving()) {
            if (known != null) {
                remove(known, "left");
                left++;
                changed = true;
            }
            return;
        }
        String address = beacon.address();
        if (known != null && (known.port != beacon.port() || !known.address.equals(address))) {
            remove(known, "replaced");
            known = null;
        }
        if (known == null) {
            Seen s = new Seen(beacon.peer(), address, beacon.port(), now);
            s.beacons = 1;
            seen.put(s.peer, s);
            appeared++;
            event("APPEAR", s, null);
            changed = true;
            return;
        }
        known.lastSeen = now;
        known.beacons++;
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
        seen.remove(s.peer);
        event("DISAPPEAR", s, reason);
    }

    private void event(String type, Seen s, @org.jspecify.annotations.Nullable String reason) {
        if (options.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", type);
            m.put("peer", s.peer.toString());
            m.put("address", s.address);
            m.put("port", s.port);
            m.put("endpoint", "tcp://" + s.address + ":" + s.port);
            if (reason != null) {
                m.put("reason", reason);
            }
            out.json(m);
        } else if (!io.stdoutIsTty()) {
            out.line(LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS) + " [" + type + "] " + s.peer
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
            sb.append(String.format("%-32s %-22s %-9s %-9d %s%n", s.peer, s.address + ":" + s.port,
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
