package dev.zre.internal;

import dev.zre.ZreEvent;

/**
 * What the actor tells the world: events for the listeners, and the {@link ClusterView} that
 * queries read. The view is refreshed before the event that changed it is published, so a listener
 * reacting to ENTER finds the peer in the queries.
 */
final class NodeEvents {

    private final EventDispatcher dispatcher;
    private final PeerTable peers;
    private volatile ClusterView view = ClusterView.EMPTY;

    NodeEvents(EventDispatcher dispatcher, PeerTable peers) {
        this.dispatcher = dispatcher;
        this.peers = peers;
    }

    /** Rebuilds the view after a membership change (actor thread). */
    void viewChanged() {
        view = ClusterView.of(peers.all());
    }

    /** Reports an event; it reaches the listeners when the actor's turn ends ({@link #deliverStaged}, {@link #handOver}). */
    void publish(ZreEvent event) {
        dispatcher.stage(event);
    }

    /** Gives this turn's events to the protocol-thread listeners (with the node's lock held). */
    void deliverStaged() {
        dispatcher.deliverStaged();
    }

    /** Hands them to the event thread (protocol thread, after releasing the node's lock). */
    void handOver() {
        dispatcher.handOver();
    }

    /** Whether this turn has events not yet handed over. */
    boolean hasStaged() {
        return dispatcher.hasStaged();
    }

    /** The view as of the last change (any thread). */
    ClusterView view() {
        return view;
    }

    void clearView() {
        view = ClusterView.EMPTY;
    }
}
