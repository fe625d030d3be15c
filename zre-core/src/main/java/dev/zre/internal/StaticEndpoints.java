package dev.zre.internal;

import java.util.List;

/**
 * The endpoints from the configuration ({@code endpoints}): reported on every check, so the node
 * keeps a connection attempt open to each one that has no peer behind it. No beacon is needed; the
 * peer's HELLO says who it is.
 */
final class StaticEndpoints implements Discovery {

    private final List<String> endpoints;
    private final long intervalNanos;
    private final Listener listener;
    private long next;

    StaticEndpoints(List<String> endpoints, long intervalNanos, Listener listener, long now) {
        this.endpoints = List.copyOf(endpoints);
        this.intervalNanos = intervalNanos;
        this.listener = listener;
        this.next = now; // at once: configured endpoints are connected without waiting a tick
    }

    @Override
    public String name() {
        return "endpoints";
    }

    @Override
    public long nextDeadline() {
        return next;
    }

    @Override
    public void onTimer(long now) {
        for (String endpoint : endpoints) {
            listener.endpointFound(this, endpoint);
        }
        next = now + intervalNanos;
    }
}
