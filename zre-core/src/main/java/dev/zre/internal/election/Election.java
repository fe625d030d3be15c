package dev.zre.internal.election;

import dev.zre.PeerId;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * This node's part in the election of one group, as zyre keeps it: the current active wave (the best
 * challenger seen so far), the peer that brought it (the father, who gets our echo), and how many
 * ELECT echoes and LEADER messages of that wave have arrived. Replaced, never reused, when the node
 * starts an election of its own.
 *
 * <p>Unlike zyre, ELECTs are counted once per sender: a challenger that restarts its election (each
 * HELLO, JOIN or watchdog restart does) sends its wave again, and zyre would count the second ELECT
 * from the same peer as one more echo, so that the count passes the group size without ever equalling
 * it and the election stalls. A second ELECT from the challenger itself starts its wave over instead.
 */
final class Election {

    private long startedAt;
    private @Nullable PeerId challenger;
    private @Nullable PeerId father;
    private final Set<PeerId> echoedBy = new HashSet<>();
    private int leaderMessages;
    private @Nullable PeerId announced;

    private Election(long startedAt, @Nullable PeerId challenger) {
        this.startedAt = startedAt;
        this.challenger = challenger;
    }

    /** A wave this node starts as challenger. */
    static Election initiatedBy(PeerId self, long now) {
        return new Election(now, self);
    }

    /** No wave yet: created when an ELECT or LEADER arrives for a group without an election. */
    static Election waiting(long now) {
        return new Election(now, null);
    }

    /** The current active wave's challenger; {@code null} before any wave reached this node. */
    @Nullable PeerId challenger() {
        return challenger;
    }

    @Nullable PeerId father() {
        return father;
    }

    /** When this node started the election or last joined a wave (the watchdog counts from here). */
    long startedAt() {
        return startedAt;
    }

    /** Whether a challenger beats the current wave: the lower id string wins (zyre's strcmp). */
    boolean isBeatenBy(PeerId candidate) {
        return challenger == null || candidate.compareTo(challenger) < 0;
    }

    /**
     * Whether an ELECT is the current challenger starting its wave again: it sends its own wave to each
     * peer once per election, so a second one from it belongs to a new election.
     */
    boolean isRestartedBy(PeerId from, PeerId candidate) {
        return candidate.equals(challenger) && from.equals(candidate) && echoedBy.contains(from);
    }

    /** Joins a better (or restarted) wave: its counters and the watchdog start over. */
    void follow(PeerId candidate, PeerId from, long now) {
        startedAt = now;
        challenger = candidate;
        father = from;
        echoedBy.clear();
        leaderMessages = 0;
        announced = null;
    }

    boolean supports(PeerId candidate) {
        return candidate.equals(challenger);
    }

    /** Counts one ELECT of the current wave from this sender; false when that sender was counted already. */
    boolean countEcho(PeerId from) {
        return echoedBy.add(from);
    }

    /** How many group peers sent an ELECT of the current wave. */
    int echoes() {
        return echoedBy.size();
    }

    /** Counts one LEADER message and remembers whom it named; returns the count. */
    int countLeader(PeerId leader) {
        announced = leader;
        return ++leaderMessages;
    }

    int leaderMessages() {
        return leaderMessages;
    }

    /** The leader named by the last LEADER message; {@code null} before the first one. */
    @Nullable PeerId announced() {
        return announced;
    }
}
