package dev.zre.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How busy the I/O threads of one JeroMQ context are with ZMTP greetings: how many connections, of
 * every node on the context, have TCP up and wait for their greeting, and when the last greeting
 * anywhere on it came. Nodes that share a context (all NULL nodes of a JVM) share its I/O threads,
 * so one node's own connections cannot tell a greeting that waits its turn from a stalled one.
 * Written by JeroMQ's I/O threads through {@link ConnectionProgress}, read by the nodes' actors.
 */
final class GreetingActivity {

    private final AtomicInteger awaiting = new AtomicInteger();
    /** Monotonic nanos of the last greeting on the context; meaningful once {@link #anyGreeting}. */
    private volatile long lastGreetingAt;
    private volatile boolean anyGreeting;

    /** A connection's TCP came up: its greeting is awaited. Returns how many were awaited before it. */
    int waiting() {
        return awaiting.getAndIncrement();
    }

    /** A connection no longer waits: it was closed, or JeroMQ dropped it before its greeting. */
    void noLongerWaiting() {
        awaiting.decrementAndGet();
    }

    /** A connection's greeting came. */
    void greeted(long now) {
        awaiting.decrementAndGet();
        lastGreetingAt = now;
        anyGreeting = true;
    }

    /** Connections on the context waiting for their greeting now. */
    int awaiting() {
        return Math.max(0, awaiting.get());
    }

    /**
     * How long no greeting came anywhere on the context, counted from {@code since} at the earliest
     * (a connection asks from when its own TCP came up).
     */
    long quietFor(long since, long now) {
        long last = anyGreeting && lastGreetingAt - since > 0 ? lastGreetingAt : since;
        return now - last;
    }
}
