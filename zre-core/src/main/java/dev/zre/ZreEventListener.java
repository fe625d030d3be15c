package dev.zre;

/**
 * Receives a node's events on the node's event thread, one at a time and in order. Keep it quick
 * or hand work off: while it runs, later events wait (WHISPER/SHOUT beyond the queue capacity are
 * dropped and counted). An exception it throws is logged and counted, and the next event is
 * delivered as usual.
 */
@FunctionalInterface
public interface ZreEventListener {
    void onEvent(ZreEvent event);
}
