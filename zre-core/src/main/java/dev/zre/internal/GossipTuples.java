package dev.zre.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A gossip hub's tuples (key = a node's UUID, value = its endpoint, optionally {@code |key}) and who
 * published each. czmq's hub keeps every tuple forever; this one also forgets
 * <ul>
 *   <li>a tuple whose endpoint is published again under another key (the node restarted with a new UUID
 *       on the same address: the old tuple names a node that is gone), and</li>
 *   <li>the tuples of a client that went silent ({@link #forgetOwner}), so nodes that have gone are not
 *       handed to newcomers.</li>
 * </ul>
 * Not thread-safe: used by the hub's thread only.
 */
final class GossipTuples {

    /** One tuple and the client that published it last; a null owner is the hub's own node. */
    record Tuple(String key, String value, @Nullable String owner) {
    }

    private final Map<String, Tuple> byKey = new LinkedHashMap<>();
    private final int capacity;

    /** @param capacity tuples held at most; beyond it new keys are refused */
    GossipTuples(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Stores a tuple.
     *
     * @return true when it is new or changed (to be forwarded); false when identical to the one held
     *     (its owner is updated) or refused because the table is full
     */
    boolean publish(String key, String value, @Nullable String owner) {
        Tuple held = byKey.get(key);
        if (held != null && held.value().equals(value)) {
            byKey.put(key, new Tuple(key, value, owner));
            return false;
        }
        String endpoint = endpointOf(value);
        byKey.values().removeIf(t -> !t.key().equals(key) && endpointOf(t.value()).equals(endpoint));
        if (held == null && byKey.size() >= capacity) {
            return false;
        }
        byKey.put(key, new Tuple(key, value, owner));
        return true;
    }

    /** Forgets every tuple this client published; returns how many. */
    int forgetOwner(String owner) {
        int removed = 0;
        for (Iterator<Tuple> it = byKey.values().iterator(); it.hasNext(); ) {
            if (Objects.equals(it.next().owner(), owner)) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    List<Tuple> all() {
        return new ArrayList<>(byKey.values());
    }

    @Nullable Tuple get(String key) {
        return byKey.get(key);
    }

    int size() {
        return byKey.size();
    }

    /** The endpoint part of a value: what comes before zyre's {@code |key}. */
    static String endpointOf(String value) {
        int bar = value.indexOf('|');
        return bar < 0 ? value : value.substring(0, bar);
    }
}
