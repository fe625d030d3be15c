package dev.zre.internal.election;

import dev.zre.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * This node's part in the election of one group, as zyre keeps it: the current active wave (the best
 * challenger seen so far), the peer that brought it (the father, who gets our echo), and how many
 * ELECT echoes and LEADER messages of that wave have arrived. Replaced, never reused, when the node
 * starts an election of its own.
 */
final class Election {

    private final long startedAt;
    private @Nullable PeerId challenger;
    private @Nullable PeerId father;
    private int echoes;
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

    long startedAt() {
        return startedAt;
    }

    /** The current active wave's challenger; {@code null} before any wave reached this node. */
    @Nullable PeerId challenger() {
        return challenger;
    }

    @Nullable PeerId father() {
        return father;
    }

    /** Whether a challenger beats the current wave: the lower id string wins (zyre's strcmp). */
    boolean isBeatenBy(PeerId candidate) {
        return challenger == null || candidate.compareTo(challenger) < 0;
    }

    /** Joins a better wave: its counters start over. */
    void follow(PeerId candidate, PeerId from) {
        challenger = candidate;
        father = from;
        echoes = 0;
        leaderMessages = 0;
        announced = null;
    }

    boolean supports(PeerId candidate) {
        return candidate.equals(challenger);
    }

    /** Counts one ELECT of the current wave; returns the count. */
    int countEcho() {
        return ++echoes;
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
