package dev.zre.internal.election;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader elections of one node, one per group, run exactly as zyre runs them, so that Java and
 * zyre nodes elect together. The node actor feeds it what happens (peers entering, joining, leaving,
 * exiting; ELECT and LEADER received) and it answers through {@link ElectionOutput}. No sockets, no
 * threads: call it from the actor thread only.
 *
 * <p>The algorithm (zyre's echo wave with extinction): a contesting node starts a wave with itself as
 * challenger and sends {@code ELECT(self)} to every peer in the group. A node that receives a lower
 * challenger than its current one (plain comparison of the 32-hex-digit ids) adopts that wave,
 * remembers the sender as its father and forwards the ELECT to every other group peer; a higher one
 * is ignored. ELECTs of the current wave are counted; when one has come from every group peer, the
 * challenger itself announces {@code LEADER(self)} to the group, anyone else echoes the ELECT to its
 * father. On its first LEADER a node sends {@code LEADER} to every group peer as well; when a LEADER
 * has come from every group peer the election is complete and the leader is decided. Every member
 * relays and echoes, contesting or not: without that zyre's elections never complete.
 *
 * <p>Contesting members restart the election (a new wave with themselves as challenger) when a peer
 * says HELLO listing the group, when a peer joins the group, when the leader leaves the group, and
 * when the leader exits or any peer exits while an election runs. When the leader leaves or exits and
 * nobody else is in the group, this node is the leader at once.
 *
 * <p>Beyond zyre, locally and with nothing else on the wire:
 * <ul>
 * <li>a watchdog ({@link #checkTimeouts()}): an election not complete within the timeout is
 *     restarted by a contesting member (or decided for itself when the group is empty) and
 *     forgotten by any other node. zyre waits forever for a member that stays silent. A contesting
 *     member that follows a lower challenger's wave gives it twice the timeout, so that the
 *     challenger's own restart comes first;</li>
 * <li>a contesting member that takes no part in an election and receives a higher challenger's
 *     ELECT starts its own: zyre's members all restart together, but a watchdog restart is one
 *     member's, and with the lower members only relaying it would win;</li>
 * <li>the decision is the lowest leader the election's LEADER messages named (zyre takes the last);</li>
 * <li>ELECTs are counted once per sender, and a second ELECT from the challenger itself starts its
 *     wave over (see {@link Election}): zyre counts a restarted wave into the old one and stalls;</li>
 * <li>joining a contested group (or contesting a group already joined) starts an election; alone
 *     in the group, the node waits one timeout for peers to show up and then leads;</li>
 * <li>{@link #leader(String)} is empty while nothing is decided: before the first completed
 *     election, while an election this node started runs, after the leader left or exited, after
 *     this node left the group.</li>
 * </ul>
 *
 * <p>Two small departures from zyre, both in cases where zyre misbehaves: a contesting node that is
 * not in the group does not start elections (zyre does on HELLO, and the other members, who do not
 * count it, could never complete it); and a LEADER decision naming a node that is neither this node
 * nor a group peer is dropped (zyre drops it only when the id is no peer at all).
 */
public final class LeaderElections {

    private static final Logger log = LoggerFactory.getLogger(LeaderElections.class);
    /** Exited peers remembered at most (see {@link #departed}). */
    private static final int DEPARTED_REMEMBERED = 256;

    private final PeerId self;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final ElectionOutput output;

    private final GroupPeers peers = new GroupPeers();
    private final Set<String> ownGroups = new HashSet<>();
    private final Set<String> contested = new HashSet<>();
    /**
     * Peers that exited and have not said HELLO again, newest last (bounded): an ELECT or LEADER
     * naming one of them belongs to a wave that can never decide a leader here, and relaying it
     * lets two nodes that saw the exit at different moments pass it back and forth for ever.
     */
    private final Set<PeerId> departed = new java.util.LinkedHashSet<>();
    private final Map<String, Election> elections = new HashMap<>();
    private final Map<String, PeerId> leaders = new HashMap<>();

    /**
     * @param self this node's id
     * @param timeout how long an election may run before the watchdog restarts it
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in the node)
     * @param output where messages and decisions go
     */
    public LeaderElections(PeerId self, Duration timeout, LongSupplier nanoClock, ElectionOutput output) {
        this.self = Objects.requireNonNull(self, "self");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("election timeout must be positive, was " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.output = Objects.requireNonNull(output, "output");
    }

    // ------------------------------------------------------------------ this node

    /** This node contests the group from now on; if it is in the group, an election starts. */
    public void contest(String group) {
        if (contested.add(group) && ownGroups.contains(group)) {
            startElection(group);
        }
    }

    /** This node joined the group; if it contests the group, an election starts. */
    public void joined(String group) {
        if (ownGroups.add(group) && contested.contains(group)) {
            startElection(group);
        }
    }

    /** This node left the group: its election and leader there are forgotten. */
    public void left(String group) {
        ownGroups.remove(group);
        elections.remove(group);
        leaders.remove(group);
    }

    // ------------------------------------------------------------------ peers

    /** A peer said HELLO listing these groups (call it for a second HELLO too, after {@link #peerExited}). */
    public void peerEntered(PeerId peer, Collection<String> groups) {
        departed.remove(peer);
        for (String group : groups) {
            peers.add(group, peer);
            if (restartsOnChange(group)) {
                startElection(group);
            }
        }
    }

    /** A peer joined a group. */
    public void peerJoined(PeerId peer, String group) {
        peers.add(group, peer);
        if (restartsOnChange(group)) {
            startElection(group);
        }
    }

    /** A peer left a group. */
    public void peerLeft(PeerId peer, String group) {
        peers.remove(group, peer);
        boolean leaderLeft = peer.equals(leaders.get(group));
        if (leaderLeft) {
            leaders.remove(group);
        }
        if (leaderLeft && restartsOnChange(group)) {
            elections.remove(group);
            if (peers.count(group) == 0) {
                decide(group, self);
            } else {
                startElection(group);
            }
        }
    }

    /** A peer is gone (EXIT for any reason). */
    public void peerExited(PeerId peer) {
        for (String group : List.copyOf(ownGroups)) {
            boolean leaderLeft = peer.equals(leaders.get(group));
            if (leaderLeft) {
                leaders.remove(group);
            }
            Election running = elections.get(group);
            // zyre counts the exiting peer still: its group size includes it at this point
            boolean unfinished = running != null && running.leaderMessages() != peers.count(group);
            if (contested.contains(group) && (leaderLeft || unfinished)) {
                elections.remove(group);
                boolean alone = peers.of(group).stream().allMatch(peer::equals);
                if (alone) {
                    decide(group, self);
                } else {
                    // zyre's new wave goes to the exiting peer as well (harmless: it is gone)
                    startElection(group);
                }
            }
        }
        peers.removeEverywhere(peer);
        departed.add(peer);
        if (departed.size() > DEPARTED_REMEMBERED) {
            departed.remove(departed.iterator().next());
        }
    }

    // ------------------------------------------------------------------ messages

    /** {@code ELECT(group, challenger)} arrived from a peer. */
    public void electReceived(PeerId from, String group, PeerId challenger) {
        if (departed.contains(challenger)) {
            log.debug("ELECT in {} from {} for {}, which exited: dropped", group, from, challenger);
            return;
        }
        Election running = elections.get(group);
        if ((running == null || running.challenger() == null) && restartsOnChange(group)
                && self.compareTo(challenger) < 0) {
            // a higher member restarted alone (its watchdog): challenge it, or it would win with us relaying
            startElection(group);
        }
        Election election = elections.computeIfAbsent(group, g -> Election.waiting(nanoClock.getAsLong()));
        if (election.isBeatenBy(challenger) || election.isRestartedBy(from, challenger)) {
            election.follow(challenger, from, nanoClock.getAsLong());
            for (PeerId peer : peers.of(group)) {
                if (!peer.equals(from)) {
                    output.sendElect(peer, group, challenger);
                }
            }
        }
        // counted once per sender: a restarted wave's ELECTs must not add to the old wave's count
        if (election.supports(challenger) && election.countEcho(from) && election.echoes() == peers.count(group)) {
            if (challenger.equals(self)) {
                for (PeerId peer : peers.of(group)) {
                    output.sendLeader(peer, group, self);
                }
            } else {
                output.sendElect(Objects.requireNonNull(election.father()), group, challenger);
            }
        }
        // a higher challenger is ignored
    }

    /** {@code LEADER(group, leader)} arrived from a peer. */
    public void leaderReceived(PeerId from, String group, PeerId leader) {
        if (departed.contains(leader)) {
            log.debug("LEADER in {} from {} naming {}, which exited: dropped", group, from, leader);
            return;
        }
        Election election = elections.computeIfAbsent(group, g -> Election.waiting(nanoClock.getAsLong()));
        PeerId wave = election.challenger();
        if (wave == null) {
            log.debug("LEADER {} in {} from {} without an election here (it was restarted): ignored", leader, group,
                    from);
            return;
        }
        if (!leader.equals(self) && election.leaderMessages() == 0) {
            // zyre passes the announcement on naming its own wave's challenger
            for (PeerId peer : peers.of(group)) {
                output.sendLeader(peer, group, wave);
            }
        }
        if (election.countLeader(leader) == peers.count(group)) {
            elections.remove(group);
            PeerId decided = Objects.requireNonNull(election.announced());
            if (decided.equals(self) || peers.contains(group, decided)) {
                decide(group, decided);
            } else {
                log.warn("Election in {} named {}, which is not in the group: no leader", group, decided);
            }
        }
    }

    // ------------------------------------------------------------------ watchdog

    /**
     * Restarts (contesting members) or ends (anyone else) every election that has run for the
     * timeout or longer. A member that does not contest takes the leader its LEADER messages named,
     * if any came (the rest may never come, e.g. from a member it learnt of after that member had
     * sent its LEADER), else forgets the election. Call it periodically; the restart comes up to one
     * period late.
     */
    public void checkTimeouts() {
        long now = nanoClock.getAsLong();
        for (Map.Entry<String, Election> entry : List.copyOf(elections.entrySet())) {
            String group = entry.getKey();
            Election election = entry.getValue();
            if (now - election.startedAt() < watchdogNanos(group, election)) {
                continue;
            }
            elections.remove(group);
            PeerId announced = election.announced();
            if (!restartsOnChange(group) && announced != null
                    && (announced.equals(self) || peers.contains(group, announced))) {
                // a LEADER from a member we learnt of too late never comes; the wave's result is known
                log.debug("Election in {} did not complete in time; LEADER messages named {}: taken", group, announced);
                decide(group, announced);
            } else if (election.challenger() == null || !restartsOnChange(group)) {
                log.debug("Election in {} did not complete in time: forgotten", group);
            } else if (peers.count(group) == 0) {
                log.debug("Nobody else in {}: this node leads", group);
                decide(group, self);
            } else {
                log.info("Election in {} did not complete within {} ms (a member stayed silent): restarted", group,
                        timeoutNanos / 1_000_000);
                startElection(group);
            }
        }
    }

    // ------------------------------------------------------------------ queries

    /** The leader decided by the last completed election; empty while none is known. */
    public Optional<PeerId> leader(String group) {
        return Optional.ofNullable(leaders.get(group));
    }

    /** Whether a wave is under way in the group at this node. */
    public boolean electing(String group) {
        Election election = elections.get(group);
        return election != null && election.challenger() != null;
    }

    /** Whether this node contests the group. */
    public boolean contests(String group) {
        return contested.contains(group);
    }

    // ------------------------------------------------------------------ internals

    /** zyre's condition for restarting: we contest the group (and, here, are in it). */
    private boolean restartsOnChange(String group) {
        return contested.contains(group) && ownGroups.contains(group);
    }

    /**
     * How long the watchdog lets an election run (since it started, or since this node joined its
     * current wave). A contesting member that follows a lower challenger's
     * wave waits twice as long: the challenger restarts a stalled wave itself after one timeout (and the
     * follower's clock starts over with it), so the follower restarts only when the challenger is silent.
     * When every contesting member waited the same time, members that entered the election within a
     * few milliseconds of each other restarted within a few milliseconds of each other, every timeout:
     * each restart threw away the part the member had in the lower challenger's wave, and no wave ever
     * completed.
     */
    private long watchdogNanos(String group, Election election) {
        PeerId wave = election.challenger();
        boolean following = wave != null && !wave.equals(self) && restartsOnChange(group);
        return following ? 2 * timeoutNanos : timeoutNanos;
    }

    private void startElection(String group) {
        log.debug("Election in {} started with peers {}", group, peers.of(group));
        elections.put(group, Election.initiatedBy(self, nanoClock.getAsLong()));
        leaders.remove(group);
        for (PeerId peer : peers.of(group)) {
            output.sendElect(peer, group, self);
        }
    }

    private void decide(String group, PeerId leader) {
        leaders.put(group, leader);
        output.leaderDecided(group, leader);
    }
}
