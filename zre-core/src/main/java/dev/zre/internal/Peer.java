package dev.zre.internal;

import dev.zre.PeerState;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One remote node as the actor sees it: its connection, the sequence it must send next, what its
 * HELLO said, and its liveness. Owned by the actor thread; the few fields read by other threads
 * (snapshots) are volatile.
 */
// only the actor thread writes the volatile counters; other threads read them, so ++ is not a race
@SuppressWarnings("NonAtomicVolatileUpdate")
final class Peer {

    final UUID uuid;
    /** The endpoint our DEALER connects to. */
    final String endpoint;
    /** Our DEALER to it; null once closed. */
    @Nullable PeerConnection connection;
    /** Sequence expected on the next message from the peer. */
    int wantSequence;
    /** Whether the peer said HELLO (ENTER was reported). */
    boolean ready;
    String name = "";
    String address = "";
    Map<String, String> headers = Map.of();
    final Set<String> groups = new HashSet<>();
    int status;
    /** Connections rebuilt while waiting for HELLO. */
    int rebuilds;
    /** When we last said HELLO to it (monotonic nanos; a connection of ours opened or re-introduced). */
    long helloSentAt;
    /** Stalled handshakes seen on our link to it (each makes the next stall deadline longer). */
    int stalls;
    /** Whether it was found by a discovery that hears us leave (a beacon: it hears our port-0 beacon on stop). */
    boolean viaBeacon;
    /** Monotonic nanos of the last message from the peer. */
    long lastHeard;
    long lastPingSent;
    boolean evasiveReported;
    boolean silentReported;
    /** When our link to it was last rebuilt because it was SILENT (monotonic nanos). */
    long relinkedAt;
    @Nullable Instant enteredAt;

    volatile long lastSeenMillis;
    volatile long messagesIn;
    volatile long messagesOut;
    volatile PeerState state = PeerState.ALIVE;
    /** Names of the discoveries that reported it; replaced, never changed, so snapshots read it as it is. */
    volatile Set<String> discoveredBy = Set.of();

    Peer(UUID uuid, String endpoint, long now) {
        this.uuid = uuid;
        this.endpoint = endpoint;
        this.lastHeard = now;
        this.lastSeenMillis = System.currentTimeMillis();
    }

    /** Records that something arrived from the peer: a new quiet spell starts from here. */
    void heard(long now) {
        lastHeard = now;
        lastSeenMillis = System.currentTimeMillis();
        messagesIn++;
        if (state != PeerState.ALIVE) {
            state = PeerState.ALIVE;
        }
        evasiveReported = false;
        silentReported = false;
    }

    /** Records that a discovery reported this peer (actor thread). */
    void discoveredBy(String source) {
        if (!discoveredBy.contains(source)) {
            Set<String> more = new java.util.TreeSet<>(discoveredBy);
            more.add(source);
            discoveredBy = Set.copyOf(more);
        }
    }

    /** Records several discoveries at once (those that reported the endpoint it answered at). */
    void discoveredBy(Set<String> sources) {
        for (String s : sources) {
            discoveredBy(s);
        }
    }

    /** Closes our DEALER, if open. */
    void disconnect() {
        PeerConnection c = connection;
        if (c != null) {
            c.close();
            connection = null;
        }
    }

    /** Accepts the next sequence number, and Pyre's wrap from 65534 to 0 as well as 65535 to 0. */
    boolean acceptSequence(int sequence) {
        int want = wantSequence;
        if (sequence == want || (want == 0xFFFF && sequence == 0)) {
            wantSequence = (sequence + 1) & 0xFFFF;
            return true;
        }
        return false;
    }
}
