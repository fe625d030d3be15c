package dev.zre.internal;

import dev.zre.PeerId;
import dev.zre.ZreStatistics.Counter;
import dev.zre.security.CurveKeyPair;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns gossip tuples into peers, as zyre does: key = the node's UUID, value = its mailbox endpoint,
 * with {@code |<Z85 public key>} when it is CURVE-secured. Our own tuple is skipped. A CURVE node
 * takes only tuples with a key it allows (zyre aborts on a key-less one); any other node only tuples
 * without a key, just as v1 and v3 beacons ignore each other. Skipped tuples are counted.
 */
final class GossipPeers {

    /** A CURVE node's side: whether a peer's key may be connected to (and then remembering it). */
    interface TupleKeys {
        boolean accept(UUID peer, String endpoint, byte[] publicKey);
    }

    private static final Logger log = LoggerFactory.getLogger(GossipPeers.class);

    private final UUID self;
    private final String ownEndpoint;
    private final @Nullable TupleKeys keys;
    private final Discovery.Listener listener;
    private final NodeCounters stats;

    GossipPeers(UUID self, String ownEndpoint, @Nullable TupleKeys keys, Discovery.Listener listener,
            NodeCounters stats) {
        this.self = self;
        this.ownEndpoint = ownEndpoint;
        this.keys = keys;
        this.listener = listener;
        this.stats = stats;
    }

    /** A usable tuple: the peer and its endpoint (without the key, which {@link TupleKeys} has learnt). */
    record Found(UUID uuid, String endpoint) {
    }

    /**
     * Reports a tuple to the node.
     *
     * @return the peer it names, or null when the tuple is our own or not usable
     */
    @Nullable Found tuple(Discovery source, String key, String value) {
        stats.increment(Counter.GOSSIP_TUPLES_RECEIVED);
        UUID uuid;
        try {
            uuid = PeerId.parse(key).uuid();
        } catch (IllegalArgumentException e) {
            ignored(key, value, "its key is not a node's UUID");
            return null;
        }
        int bar = value.indexOf('|');
        String endpoint = bar < 0 ? value : value.substring(0, bar);
        if (uuid.equals(self) || endpoint.equals(ownEndpoint)) {
            return null;
        }
        if (!endpoint.startsWith("tcp://") || endpoint.lastIndexOf(':') < "tcp://".length()) {
            ignored(key, value, "its value is not tcp://host:port");
            return null;
        }
        if (keys == null) {
            if (bar >= 0) {
                ignored(key, value, "it names a CURVE key and this node is not CURVE-secured");
                return null;
            }
        } else {
            if (bar < 0) {
                ignored(key, value, "it names no CURVE key and this node is CURVE-secured");
                return null;
            }
            byte[] publicKey;
            try {
                publicKey = CurveKeyPair.decodeKey(value.substring(bar + 1), "public key of " + endpoint);
            } catch (IllegalArgumentException e) {
                ignored(key, value, e.getMessage());
                return null;
            }
            if (!keys.accept(uuid, endpoint, publicKey)) {
                ignored(key, value, "its key is not allowed");
                return null;
            }
        }
        Found found = new Found(uuid, endpoint);
        refound(source, found);
        return found;
    }

    /** Reports a peer again (a tuple received earlier): a connection is opened if the node does not know it. */
    void refound(Discovery source, Found found) {
        if (listener.peerFound(source, found.uuid(), found.endpoint())) {
            stats.increment(Counter.GOSSIP_PEERS_FOUND);
        }
    }

    private void ignored(String key, String value, @Nullable String why) {
        stats.increment(Counter.GOSSIP_TUPLES_IGNORED);
        log.debug("gossip tuple {} = {} ignored: {}", key, value, why);
    }
}
