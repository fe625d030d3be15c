package dev.zre.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Endpoints where nothing listened when we last tried, so that beacons naming them again (a
 * restarting peer, or made-up beacons flooding the network) do not open connection after
 * connection. The quiet time doubles with each refusal, from one beacon interval up to a limit; a
 * HELLO from the endpoint's node, or the quiet time passing, lets it be tried again. Bounded: the
 * oldest entries make room for new ones.
 */
final class RefusedEndpoints {

    private static final int MAX_ENTRIES = 4096;
    private static final int MAX_DOUBLINGS = 5;

    private record Entry(long retryAt, int refusals) {
    }

    private final long firstQuietNanos;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    RefusedEndpoints(long firstQuietNanos) {
        this.firstQuietNanos = firstQuietNanos;
    }

    /** Remembers a refusal at the endpoint. */
    void refused(String endpoint, long now) {
        Entry before = entries.remove(endpoint);
        int refusals = before == null ? 1 : before.refusals + 1;
        long quiet = firstQuietNanos << Math.min(refusals - 1, MAX_DOUBLINGS);
        entries.put(endpoint, new Entry(now + quiet, refusals));
    }

    /** Whether the endpoint is still in its quiet time. */
    boolean quiet(String endpoint, long now) {
        Entry e = entries.get(endpoint);
        return e != null && now - e.retryAt < 0;
    }

    /** The endpoint's node spoke to us: forget its refusals. */
    void forget(String endpoint) {
        entries.remove(endpoint);
    }

    int size() {
        return entries.size();
    }
}
