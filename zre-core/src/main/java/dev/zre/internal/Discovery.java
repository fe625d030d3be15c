package dev.zre.internal;

import java.util.UUID;
import org.zeromq.ZMQ;

/**
 * One way of finding peers (UDP beacons, configured endpoints; gossip and DNS fit the same shape).
 * Runs on the actor thread: it may register channels with the actor's poller, acts when they are
 * readable or when its timer is due, and tells the node what it found through a {@link Listener}.
 */
interface Discovery extends AutoCloseable {

    /** What a discovery reports to the node. */
    interface Listener {

        /**
         * A node with this UUID has its mailbox at the endpoint.
         *
         * @return whether it is new to this node (a connection to it was opened just now)
         */
        boolean peerFound(Discovery source, UUID peer, String endpoint);

        /** The node with this UUID announced that it is leaving. */
        void peerLeaving(Discovery source, UUID peer);

        /** Something may listen at this endpoint; its HELLO will say who (configured endpoints, DNS). */
        void endpointFound(Discovery source, String endpoint);

        /**
         * The endpoint is no longer reported by the source (it left a DNS answer): stop trying it
         * for this source. A peer that answered there is kept; liveness decides about it.
         */
        default void endpointGone(Discovery source, String endpoint) {
        }
    }

    /** A short name for logs and reports ({@code PeerSnapshot.discoveredBy}): {@code beacon}, {@code endpoints}, {@code dns}. */
    String name();

    /** Registers the channels to watch with the actor's poller (none by default). */
    default void register(ActorPoller poller) {
    }

    /** Handles what arrived on its channels after a poll. */
    default void receive(ActorPoller poller) {
    }

    /** When {@link #onTimer} is due next (monotonic nanos). */
    long nextDeadline();

    /** Periodic duties: announce ourselves, report candidates. */
    void onTimer(long now);

    /** The node is stopping: tell whoever listens (a port-0 beacon). */
    default void leaving() {
    }

    /** Whether peers found this way hear {@link #leaving()}, so they need no GOODBYE. */
    default boolean announcesLeaving() {
        return false;
    }

    @Override
    default void close() {
    }
}
