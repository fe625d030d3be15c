package dev.zre.benchmarks;

import dev.zre.ExitReason;
import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreInbox;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics.Counter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One place in the soak's cluster: the node running there now (or none while it is down), its
 * application's inbox, and whether that application is frozen. Each restart builds a new
 * {@link ZreNode}, with the same UUID or a fresh one. Every method runs under this object's lock,
 * so churn, traffic and the inbox drain never meet a half-stopped node.
 */
final class SoakNode {

    static final String GROUP = "soak";
    static final Duration EVASIVE = Duration.ofSeconds(2);
    static final Duration EXPIRED = Duration.ofSeconds(10);
    /**
     * Where a "mute" node sends its beacons: 127.0.0.1, where no node listens (they all listen on
     * 127.255.255.255). Its peers find it through its HELLO only, so its goodbye beacon reaches
     * nobody, and it sends no GOODBYE either (it found every peer by beacon). Stopping it is the
     * closest the public API comes to killing it: its sockets close as a killed process's would,
     * and nothing says goodbye.
     */
    static final String MUTE_BEACON_ADDRESS = "127.0.0.1";

    private final int index;
    private final int beaconPort;
    private final SequenceCheck check;
    private final Map<Counter, Long> pastCounters = new EnumMap<>(Counter.class);
    private final Map<ExitReason, Long> pastExits = new EnumMap<>(ExitReason.class);
    private @Nullable ZreNode node;
    private @Nullable ZreInbox inbox;
    private UUID uuid = UUID.randomUUID();
    private boolean mute;
    private long frozenUntil;

    SoakNode(int index, int beaconPort, SequenceCheck check) {
        this.index = index;
        this.beaconPort = beaconPort;
        this.check = check;
    }

    /** Starts a new node here. */
    synchronized void start(boolean freshUuid, boolean muted) {
        if (freshUuid) {
            uuid = UUID.randomUUID();
        }
        mute = muted;
        ZreConfig.Builder config = Loopback.node("soak" + index, beaconPort).uuid(uuid).group(GROUP)
                .evasiveTimeout(EVASIVE).expiredTimeout(EXPIRED);
        if (muted) {
            config.beaconAddress(MUTE_BEACON_ADDRESS);
        }
        ZreNode n = new ZreNode(config.build());
        UUID self = uuid;
        n.subscribe(e -> { // on the event thread, never blocked: the EXIT times stay exact
            if (e instanceof ZreEvent.PeerEvent pe && !(e instanceof ZreEvent.MessageEvent || e instanceof ZreEvent.Join
                    || e instanceof ZreEvent.Leave)) {
                SoakTrace.log(index, self, "%s %s%s", e.getClass().getSimpleName().toUpperCase(Locale.ROOT),
                        SoakTrace.shortId(pe.peer()), e instanceof ZreEvent.Exit x ? " " + x.reason() : "");
            }
            if (e instanceof ZreEvent.Exit exit) {
                check.exitSeen(self, exit.peer(), System.nanoTime());
            }
        });
        inbox = n.openInbox(); // the application's consumer, drained by drain()
        n.start();
        SoakTrace.log(index, uuid, "START fresh=%s mute=%s %s", freshUuid, muted, n.endpoint().orElse(""));
        node = n;
        frozenUntil = 0;
    }

    /** Stops the node (for a mute node: kills it, see {@link #MUTE_BEACON_ADDRESS}), then reads what its application had not yet taken. */
    synchronized void stop() {
        ZreNode n = node;
        if (n == null) {
            return;
        }
        for (Counter c : Counter.values()) {
            pastCounters.merge(c, n.statistics().get(c), Long::sum);
        }
        for (ExitReason r : ExitReason.values()) {
            pastExits.merge(r, n.statistics().peersExited(r), Long::sum);
        }
        SoakTrace.log(index, uuid, mute ? "KILL" : "STOP");
        check.stopping(uuid, System.nanoTime());
        n.stop();
        frozenUntil = 0;
        drain(Integer.MAX_VALUE);
        ZreInbox in = inbox;
        if (in != null) {
            in.close();
        }
        node = null;
        inbox = null;
    }

    /** The application stops taking events until {@code until} (nanoTime); the node itself runs on. */
    synchronized void freeze(long until) {
        SoakTrace.log(index, uuid, "FREEZE %d ms", (until - System.nanoTime()) / 1_000_000);
        frozenUntil = until;
    }

    synchronized void unfreeze() {
        frozenUntil = 0;
    }

    synchronized boolean isFrozen(long now) {
        return node != null && frozenUntil - now > 0;
    }

    /** Takes up to {@code max} events from the inbox unless frozen, checking each message's sequence; the number taken. */
    synchronized int drain(int max) {
        if (inbox == null || isFrozen(System.nanoTime())) {
            return 0;
        }
        int taken = 0;
        ZreEvent e;
        while (taken < max && (e = inbox.poll()) != null) {
            taken++;
            byte[] frame = e instanceof ZreEvent.Whisper w ? w.frames().get(0)
                    : e instanceof ZreEvent.Shout s ? s.frames().get(0) : null;
            if (frame != null) {
                SoakMessage m = SoakMessage.decode(frame);
                long seq = m.seqFor(uuid);
                if (seq > 0) {
                    check.arrived(m.from(), uuid, seq, m.sentAt(), System.nanoTime());
                }
            }
        }
        return taken;
    }

    /** One round of traffic: a WHISPER to each peer, or one SHOUT to the group listing them. */
    synchronized void send(boolean shout) {
        ZreNode n = node;
        if (n == null) {
            return;
        }
        long now = System.nanoTime();
        if (shout) {
            Set<UUID> members = n.peersByGroup(GROUP);
            if (!members.isEmpty()) {
                var entries = members.stream().map(p -> new SoakMessage.Entry(p, check.next(uuid, p, now))).toList();
                n.shout(GROUP, new SoakMessage(uuid, now, entries).encode());
            }
        } else {
            for (UUID p : n.peers()) {
                SoakMessage m = new SoakMessage(uuid, now, List.of(new SoakMessage.Entry(p, check.next(uuid, p, now))));
                n.whisper(p, m.encode());
            }
        }
    }

    synchronized boolean isRunning() {
        return node != null;
    }

    synchronized boolean isMute() {
        return node != null && mute;
    }

    synchronized UUID uuid() {
        return uuid;
    }

    /** The peers this node lists now; empty while it is down. */
    synchronized Set<UUID> peers() {
        return node == null ? Set.of() : node.peers();
    }

    /** A counter summed over every node that ran here. */
    synchronized long counter(Counter c) {
        return pastCounters.getOrDefault(c, 0L) + (node == null ? 0 : node.statistics().get(c));
    }

    /** EXITs reported for one reason, summed over every node that ran here. */
    synchronized long exits(ExitReason r) {
        return pastExits.getOrDefault(r, 0L) + (node == null ? 0 : node.statistics().peersExited(r));
    }

    int index() {
        return index;
    }
}
