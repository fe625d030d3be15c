package dev.zre.internal;

import dev.zre.InvalidZreSettingException;
import dev.zre.ZreConfig;
import dev.zre.protocol.GossipMessage;
import dev.zre.protocol.Uuids;
import dev.zre.security.CurveKeyPair;
import dev.zre.security.Z85;
import dev.zre.security.ZreSecurity;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * A node's ZGossip part, as zyre does it: checks the gossip settings before anything is opened, and
 * builds our tuple, our own hub ({@code gossipBind}) and a client per {@code gossipConnect} hub.
 */
final class GossipWiring {

    private static final Logger log = LoggerFactory.getLogger(GossipWiring.class);

    private GossipWiring() {
    }

    /**
     * ZGossip: our hub when {@code gossipBind} is set, a client of each {@code gossipConnect} hub. Our tuple is
     * zyre's: our UUID as 32 upper-case hex digits, the advertised endpoint with {@code |<Z85 key>} under CURVE.
     */
    static List<Discovery> discoveries(ZContext context, ZreConfig config, UUID uuid, String announced,
            TransportSecurity transport, AllowList allowList, PeerKeys peerKeys, List<String> hubs,
            DiscoveredPeers found, NodeCounters stats, ProtocolErrors errors, long now) {
        List<Discovery> discoveries = new ArrayList<>();
        ZreSecurity security = config.security();
        CurveKeyPair keys = security.keyPair();
        String value = keys == null ? announced : announced + "|" + keys.publicKeyZ85();
        GossipMessage.Publish ownTuple = new GossipMessage.Publish(Uuids.toHex(uuid), value, 0);
        GossipPeers.TupleKeys tupleKeys = keys == null ? null : (peer, endpoint, publicKey) -> {
            if (!security.allowsAny() && !allowList.allows(Z85.encode(publicKey))) {
                return false;
            }
            peerKeys.learn(endpoint, publicKey);
            return true;
        };
        GossipPeers gossipPeers = new GossipPeers(uuid, announced, tupleKeys, found, stats);
        // no slow-or-stalled judgement on gossip sockets: JeroMQ's own deadline, short, rebuilds a stalled one
        int handshakeMillis = (int) Math.min(Integer.MAX_VALUE, config.handshakeInterval().toMillis() * 2);
        String bind = config.gossipBind();
        if (bind != null) {
            GossipHubDiscovery hub;
            try {
                hub = GossipHubDiscovery.bind(context, bind, transport, handshakeMillis, gossipPeers, errors);
            } catch (RuntimeException e) {
                throw InvalidZreSettingException.unusable("gossipBind", bind, "cannot bind " + bind + ": "
                        + e.getMessage(), "a tcp://host:port this host can bind", e);
            }
            discoveries.add(hub);
            hub.publishOwn(ownTuple);
            log.info("ZRE node {} runs a gossip hub at {}", Uuids.toHex(uuid), hub.endpoint());
        }
        long resyncNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(500), config.expiredTimeout().toNanos() / 3);
        for (String hub : hubs) {
            try {
                discoveries.add(new GossipClient(context, hub, transport, handshakeMillis, ownTuple, gossipPeers,
                        errors, resyncNanos, config.beaconInterval().toNanos(), now));
            } catch (IllegalArgumentException e) {
                discoveries.forEach(Discovery::close);
                throw InvalidZreSettingException.unusable("gossipConnect", hub, String.valueOf(e.getMessage()),
                        "tcp://host:port of a ZGossip hub", e);
            }
        }
        return discoveries;
    }

    /**
     * Gossip hands our endpoint to nodes anywhere: it must be one they can reach. A CURVE node needs each
     * hub's public key.
     */
    static void checkSettings(ZreConfig config, InetAddress bound, List<String> hubs, PeerKeys keys) {
        if (!config.gossipEnabled()) {
            return;
        }
        if (config.advertisedEndpoint() == null) {
            if (bound.isAnyLocalAddress()) {
                throw new InvalidZreSettingException("advertisedEndpoint", null, "tcp://host:port that other nodes can"
                        + " reach: gossip needs a routable endpoint and the mailbox is bound to every interface ("
                        + bound.getHostAddress() + ")");
            }
            if (bound.isLoopbackAddress()) {
                for (String hub : hubs) {
                    if (!isLoopbackEndpoint(hub)) {
                        throw new InvalidZreSettingException("advertisedEndpoint", null, "tcp://host:port that other"
                                + " nodes can reach: the mailbox is on loopback (" + bound.getHostAddress()
                                + ") and the gossip hub " + hub + " would hand that to other hosts");
                    }
                }
            }
        }
        if (config.security().mechanism() == ZreSecurity.Mechanism.CURVE) {
            for (String hub : hubs) {
                if (keys.key(hub) == null) {
                    throw new InvalidZreSettingException("gossipConnect", hub,
                            "tcp://host:port|<the hub's Z85 public key>: this node is CURVE-secured");
                }
            }
        }
    }

    private static boolean isLoopbackEndpoint(String endpoint) {
        String host = endpoint.substring(endpoint.indexOf("://") + 3, Math.max(endpoint.lastIndexOf(':'), 0));
        return host.startsWith("127.") || host.equals("localhost") || host.equals("[::1]");
    }
}
