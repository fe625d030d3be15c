package dev.zre.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CURVE public keys of peers' mailboxes, by endpoint, as learned from v3 beacons, HELLO's
 * {@code X-PUBLICKEY} and configured {@code endpoint|key} entries: the server key each DEALER needs.
 * Used on the actor thread only.
 */
final class PeerKeys {

    private final Map<String, byte[]> keys = new HashMap<>();

    void learn(String endpoint, byte[] publicKey) {
        keys.put(endpoint, publicKey.clone());
    }

    byte @Nullable [] key(String endpoint) {
        return keys.get(endpoint);
    }

    void forget(String endpoint) {
        keys.remove(endpoint);
    }
}
