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
 * it and the election stalls. A second ELECT from the challenger itself starts its wave over instead;
 * a second one from another peer is that peer's part in the new wave, which can overtake the
 * challenger's own ELECT, and counts once the new wave starts here.
 */
final class Election {

    private long startedAt;
    private @Nullable PeerId challenger;
    private @Nullable PeerId father;
    private final Set<PeerId> echoedBy = new HashSet<>();
    /** Peers whose ELECT of this challenger came twice: they are in its next wave already. */
    private final Set<PeerId> ahead = new HashSet<>();
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
        boolean restart = candidate.equals(challenger);
        challenger = candidate;
        father = from;
        echoedBy.clear();
        if (restart) {
            // their ELECTs of the new wave overtook the challenger's own: they count in it
            echoedBy.addAll(ahead);
        }
        ahead.clear();
        leaderMessages = 0;
        announced = null;
    }

    boolean supports(PeerId candidate) {
        return candidate.equals(challenger);
    }

    /** Counts one ELECT of the current wave from this sender; false when that sender was counted already. */
    boolean countEcho(PeerId from) {
        if (echoedBy.add(from)) {
            return true;
        }
        ahead.add(from);
        return false;
    }

    /** How many group peers sent an ELECT of the current wave. */
    int echoes() {
        return echoedBy.size();
    }

    /**
     * Counts one LEADER message and remembers whom it named; returns the count. A member that had
     * restarted its own election passes the announcement on naming itself, so the messages of one
     * election can name several nodes: the lowest of them is the one that completed a wave.
     */
    int countLeader(PeerId leader) {
        if (announced == null || leader.compareTo(announced) < 0) {
            announced = leader;
        }
        return ++leaderMessages;
    }

    int leaderMessages() {
        return leaderMessages;
    }

    /** The lowest leader the LEADER messages named; {@code null} before the first one. */
    @Nullable PeerId announced() {
        return announced;
    }
}
