package dev.zre.internal;

import dev.zre.PeerState;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * One remote node as the actor sees it: the DEALER that talks to it, the sequence numbers in both
 * directions, what its HELLO said, and its liveness. Owned by the actor thread; the few fields read
 * by other threads (snapshots) are volatile.
 */
final class Peer {

    final UUID uuid;
    /** The endpoint our DEALER connects to. */
    String endpoint;
    ZMQ.@Nullable Socket dealer;
    /** Sequence of the last message sent on the current DEALER (HELLO is 1). */
    int sentSequence;
    /** Sequence expected on the next message from the peer. */
    int wantSequence;
    /** Whether the peer said HELLO (ENTER was reported). */
    boolean ready;
    String name = "";
    String address = "";
    Map<String, String> headers = Map.of();
    final Set<String> groups = new HashSet<>();
    int status;
    /** When the current DEALER was opened (monotonic nanos), for the HELLO deadline. */
    long connectedAt;
    /** Connections rebuilt while waiting for HELLO. */
    int rebuilds;
    /** Whether a beacon from this peer has been seen (it then hears our port-0 beacon on stop). */
    boolean viaBeacon;
    /** Monotonic nanos of the last message from the peer. */
    long lastHeard;
    long lastPingSent;
    boolean evasiveReported;
    boolean silentReported;
    @Nullable Instant enteredAt;

    volatile long lastSeenMillis;
    volatile long messagesIn;
    volatile long messagesOut;
    volatile PeerState state = PeerState.ALIVE;

    Peer(UUID uuid, String endpoint, long now) {
        this.uuid = uuid;
        this.endpoint = endpoint;
        this.lastHeard = now;
        this.lastSeenMillis = System.currentTimeMillis();
    }

    /** The next outgoing sequence number, wrapping at 65536 like zyre. */
    int nextSequence() {
        sentSequence = (sentSequence + 1) & 0xFFFF;
        return sentSequence;
    }

    /** Records that something arrived from the peer. */
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
}
