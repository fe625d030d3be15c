package dev.zre;

/** Lifecycle of a {@link ZreNode}. */
public enum NodeState {
    /** Created, never started. */
    NEW,
    /** Binding sockets. */
    STARTING,
    /** Discovering and talking to peers. */
    RUNNING,
    /** Saying goodbye and closing sockets. */
    STOPPING,
    /** Stopped on request; {@link ZreNode#start()} may start it again. */
    STOPPED,
    /** Could not start, or its protocol thread died; see {@link ZreNode#failure()}. */
    FAILED
}
