package dev.zre.cli;

import dev.zre.ExitReason;
import dev.zre.MessageType;
import dev.zre.PeerSnapshot;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics;
import dev.zre.ZreStatistics.Counter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code zre monitor}: a live table of the peers and the node's counters. */
@picocli.CommandLine.Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Live table of peers and counters (--silent: only listen to beacons).",
        description = {
            "Shows who is on the network: a live table of peers (name, UUID, address, state, groups, "
                    + "headers, last seen) and counters, and one line per ENTER / EXIT / JOIN / LEAVE / EVASIVE"
                    + " / SILENT. On a terminal the table is redrawn every --refresh; otherwise it is printed "
                    + "when the membership changes. With --json: every event as a JSON line, and a PEERS line "
                    + "on changes.",
            "",
            "--silent: only listen to UDP beacons. The monitor then sends no beacon and opens no TCP "
                    + "connection, so nobody sees it; it learns each node's UUID, IP address and mailbox port, "
                    + "but not names, groups or headers (those travel only in HELLO over TCP). A node is listed"
                    + " from its first beacon until its port-0 beacon (left) or --expired without beacons "
                    + "(expired)."
        })
final class MonitorCommand implements Callable<Integer> {

    private static final int RECENT_LINES = 12;

    @ParentCommand
    @Nullable ZreCli root;

    @Mixin
    NodeOptions options = new NodeOptions();

    @Mixin
    GroupOptions groups = new GroupOptions();

    @Option(names = "--silent", description = "Only listen to beacons: send nothing, connect to nobody (see above).")
    boolean silent;

    @Option(names = "--refresh", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
            description = "How often the table is refreshed. Default: ${DEFAULT-VALUE}.")
    Duration refresh = Duration.ofSeconds(1);

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0s", converter = Converters.DurationConverter.class,
            description = "Stop after this long (0: run until Ctrl-C / SIGTERM).")
    Duration duration = Duration.ZERO;

    private final Deque<String> recent = new ArrayDeque<>();

    @Override
    public Integer call() throws Exception {
        if (refresh.isZero()) {
            throw options.usage("Invalid value for option '--refresh': '0' is not allowed; expected a positive duration");
        }
        Io io = ZreCli.io(root);
        Output out = new Output(io.out());
        if (silent) {
            return new SilentMonitor(io, out, options, refresh, duration).run();
        }
        boolean redraw = io.stdoutIsTty() && !options.json;
        try (NodeSession session = new NodeSession(io, options, groups.groups, event -> {
            if (options.json) {
                out.json(EventFormat.json(event));
                return;
            }
            String line = LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS) + " " + EventFormat.text(event);
            if (redraw) {
                synchronized (recent) {
                    recent.addLast(line);
                    while (recent.size() > RECENT_LINES) {
                        recent.removeFirst();
                    }
                }
            } else {
                out.line(line);
            }
        }, node -> {
            if (options.json) {
                out.json(EventFormat.ready(node));
            } else if (!redraw) {
                out.line("monitoring as " + node.name() + " " + EventFormat.hex(node.uuid()) + " at "
                        + node.endpoint().orElse("?"));
            }
        })) {
            ZreNode node = session.node();
            long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            String shown = null;
            while (System.nanoTime() - end < 0) {
                session.checkRunning();
                List<PeerSnapshot> peers = EventFormat.sorted(node.peerSnapshots());
                String membership = membership(peers);
                if (redraw) {
                    StringBuilder screen = new StringBuilder("\033[H\033[2J");
                    screen.append("zre monitor  ").append(node.name()).append(' ').append(EventFormat.hex(node.uuid()))
                            .append("  ").append(node.endpoint().orElse("?")).append("  ").append(Instant.now()
                                    .truncatedTo(ChronoUnit.SECONDS)).append('\n');
                    screen.append(table(peers)).append(counters(node)).append('\n');
                    synchronized (recent) {
                        recent.forEach(l -> screen.append(l).append('\n'));
                    }
                    out.block(screen.toString());
                } else if (!membership.equals(shown)) {
                    if (options.json) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("event", "PEERS");
                        m.put("peers", EventFormat.jsonPeers(node));
                        out.json(m);
                    } else {
                        out.block(table(peers) + counters(node) + "\n");
                    }
                }
                shown = membership;
                long left = end - System.nanoTime();
                Thread.sleep(Math.max(1, Math.min(refresh.toMillis(), left / 1_000_000)));
            }
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", "STATS");
                m.put("peers", node.peers().size());
                m.put("counters", EventFormat.counters(node.statistics()));
                out.json(m);
            }
            return 0;
        }
    }

    /** What changes the table enough to print it again (not last-seen times). */
    private static String membership(List<PeerSnapshot> peers) {
        StringBuilder sb = new StringBuilder();
        for (PeerSnapshot p : peers) {
            sb.append(p.uuid()).append(p.state()).append(new TreeSet<>(p.groups())).append(';');
        }
        return sb.toString();
    }

    static String table(List<PeerSnapshot> peers) {
        Instant now = Instant.now();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-16s %-8s %-22s %-7s %-9s %-20s %s%n", "NAME", "UUID", "ADDRESS", "STATE", "LAST SEEN",
                "GROUPS", "HEADERS"));
        for (PeerSnapshot p : peers) {
            sb.append(String.format("%-16s %-8s %-22s %-7s %-9s %-20s %s%n", clip(p.name(), 16),
                    EventFormat.shortHex(p.uuid()), p.address().replace("tcp://", ""), p.state(), ago(now, p.lastSeen()),
                    String.join(",", new TreeSet<>(p.groups())), new TreeMap<>(p.headers())));
        }
        if (peers.isEmpty()) {
            sb.append("(no peers)\n");
        }
        return sb.toString();
    }

    static String ago(Instant now, Instant then) {
        long ms = Math.max(0, Duration.between(then, now).toMillis());
        return ms < 60_000 ? String.format("%.1fs ago", ms / 1000.0) : (ms / 60_000) + "m ago";
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    static String counters(ZreNode node) {
        ZreStatistics s = node.statistics();
        return String.format("peers %d  entered %d  exited %d (left %d, expired %d, dropped %d)  beacons in/out %d/%d  "
                        + "shouts in/out %d/%d  whispers in/out %d/%d  protocol errors %d%n",
                node.peers().size(), s.get(Counter.PEERS_ENTERED),
                s.peersExited(ExitReason.LEFT) + s.peersExited(ExitReason.EXPIRED) + s.peersExited(ExitReason.DROPPED)
                        + s.peersExited(ExitReason.REPLACED),
                s.peersExited(ExitReason.LEFT), s.peersExited(ExitReason.EXPIRED), s.peersExited(ExitReason.DROPPED),
                s.get(Counter.BEACONS_RECEIVED), s.get(Counter.BEACONS_SENT),
                s.messagesReceived(MessageType.SHOUT), s.messagesSent(MessageType.SHOUT),
                s.messagesReceived(MessageType.WHISPER), s.messagesSent(MessageType.WHISPER), s.protocolErrors());
    }
}
