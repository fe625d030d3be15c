package dev.zre.internal;

import dev.zre.ZreException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * Waits until one of a thread's sockets or channels has something to read, or another thread
 * {@linkplain #wakeup() wakes it}. It keeps one selector and its registrations for its whole life,
 * where {@code ZMQ.Poller} rebuilds its key map and selects twice on every call; and its wake-up is
 * the selector's own, so no thread ever writes to a pipe to wake the actor (a pipe write from an
 * interrupted application thread would close the pipe).
 *
 * <p>A ZeroMQ socket's descriptor only says that the socket's state may have changed, so a socket's
 * readiness is asked of the socket itself ({@code ZMQ_EVENTS}), before waiting and after, unless its
 * owner drains it on every turn ({@link #registerDrained}).
 *
 * <p>A descriptor can be readable while its socket has nothing for us: JeroMQ's signaller writes
 * its byte first and counts it after, and the write wakes us in between. Until the count is made,
 * JeroMQ leaves the byte where it is, so every further select returns at once. On a busy machine the
 * signalling thread has often just been preempted by the thread it woke, and a reader that selects
 * again keeps it from finishing: 50 nodes on two cores spent most of a burst in such spins (about
 * 20,000 empty wake-ups per node). So after a wake-up that found a socket empty, the next poll first
 * gives way to other threads, once.
 * Not thread-safe, except {@link #wakeup()}.
 */
final class ActorPoller implements AutoCloseable {

    private static final class Item {

        final ZMQ.@Nullable Socket socket;
        boolean ready;

        Item(ZMQ.@Nullable Socket socket) {
            this.socket = socket;
        }
    }

    private final Selector selector;
    private final List<Item> items = new ArrayList<>();
    private final List<Item> sockets = new ArrayList<>();
    private final Runnable giveWay;
    private @Nullable Item drained;
    /** The last wake-up found a ZeroMQ socket's descriptor readable and the socket empty. */
    private boolean wokenForNothing;

    ActorPoller() {
        this(ActorPoller::yieldToOthers);
    }

    /** @param giveWay what the poll does after a wake-up for nothing, before it selects again */
    ActorPoller(Runnable giveWay) {
        this.giveWay = giveWay;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new ZreException("could not open a selector: " + e.getMessage(), e);
        }
    }

    /** Watches a ZeroMQ socket for messages; returns its index for {@link #pollin}. */
    int register(ZMQ.Socket socket) {
        Item item = new Item(socket);
        watch(socket.getFD(), item);
        sockets.add(item);
        return add(item);
    }

    /**
     * Watches a ZeroMQ socket whose owner reads it after every poll until it has nothing more, or
     * else makes the next poll not wait: then the socket's descriptor signals the next message
     * (JeroMQ wakes a reader that found its pipes empty), and its readiness need not be asked.
     */
    void registerDrained(ZMQ.Socket socket) {
        Item item = new Item(null);
        watch(socket.getFD(), item);
        drained = item;
    }

    /**
     * The owner of the {@linkplain #registerDrained drained} socket read nothing from it after this
     * poll: if its descriptor was what woke us, the next poll gives way first (see the class comment).
     */
    void drainedWasEmpty() {
        Item item = drained;
        if (item != null && item.ready) {
            wokenForNothing = true;
        }
    }

    /** Watches a non-blocking channel (a UDP socket) for data; returns its index for {@link #pollin}. */
    int register(SelectableChannel channel) {
        Item item = new Item(null);
        watch(channel, item);
        return add(item);
    }

    private void watch(SelectableChannel channel, Item item) {
        try {
            channel.register(selector, SelectionKey.OP_READ, item);
        } catch (ClosedChannelException e) {
            throw new ZreException("could not watch a closed channel", e);
        }
    }

    private int add(Item item) {
        items.add(item);
        return items.size() - 1;
    }

    /**
     * Waits up to {@code timeoutMillis} (0: not at all) until something is readable or {@link
     * #wakeup()} is called, then records what is readable.
     */
    void poll(long timeoutMillis) {
        if (wokenForNothing) {
            wokenForNothing = false;
            giveWay.run();
        }
        try {
            if (timeoutMillis <= 0 || anySocketReadable()) {
                selector.selectNow();
            } else {
                selector.select(timeoutMillis);
            }
        } catch (IOException e) {
            throw new ZreException("poll failed: " + e.getMessage(), e);
        }
        for (Item item : items) {
            item.ready = false;
        }
        if (drained != null) {
            drained.ready = false;
        }
        for (SelectionKey key : selector.selectedKeys()) {
            ((Item) key.attachment()).ready = true;
        }
        selector.selectedKeys().clear();
        for (Item item : sockets) {
            boolean selected = item.ready;
            item.ready = readable(item);
            wokenForNothing |= selected && !item.ready;
        }
    }

    @SuppressWarnings("ThreadPriorityCheck") // a hint is all that is wanted: let the signalling thread finish
    private static void yieldToOthers() {
        Thread.yield();
    }

    private boolean anySocketReadable() {
        for (Item item : sockets) {
            if (readable(item)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readable(Item item) {
        ZMQ.Socket socket = item.socket;
        return socket != null && (socket.getEvents() & ZMQ.Poller.POLLIN) != 0;
    }

    /** Whether the socket or channel registered at {@code index} had something to read at the last poll. */
    boolean pollin(int index) {
        return index >= 0 && index < items.size() && items.get(index).ready;
    }

    /** Makes the current or next {@link #poll} return at once (any thread). */
    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
