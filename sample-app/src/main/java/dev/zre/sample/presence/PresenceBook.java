package dev.zre.sample.presence;

import dev.zre.PeerId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** This node's status and the last status each peer announced. */
@Component
public class PresenceBook {

    /** The statuses the page offers. */
    public static final Set<String> STATUSES = Set.of("available", "busy", "away");

    private volatile String own = "available";

    private final Map<UUID, String> peers = new ConcurrentHashMap<>();

    /** This node's status. */
    public String own() {
        return this.own;
    }

    /** Sets this node's status. */
    public void own(String status) {
        this.own = status;
    }

    /** Remembers what a peer announced. */
    public void peer(UUID peer, String status) {
        this.peers.put(peer, status);
    }

    /** Forgets a peer that left. */
    public void forget(UUID peer) {
        this.peers.remove(peer);
    }

    /** Every peer's status, keyed by its UUID in 32 upper-case hex digits. */
    public Map<String, String> peers() {
        Map<String, String> byHex = new TreeMap<>();
        this.peers.forEach((uuid, status) -> byHex.put(PeerId.of(uuid).toString(), status));
        return byHex;
    }

}
