package dev.zre.internal;

import dev.zre.protocol.GossipMessage;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The ZGossip hub a node runs itself ({@code gossipBind}): it holds our own tuple and hands every
 * tuple its clients publish to {@link GossipPeers}, so the node learns its peers from its own hub.
 */
final class GossipHubDiscovery implements Discovery {

    private @Nullable GossipHub hub;

    private GossipHubDiscovery() {
    }

    /**
     * Binds the node's hub; the tuples its clients publish go to {@code peers}.
     *
     * @throws RuntimeException when it cannot bind
     */
    static GossipHubDiscovery bind(ZContext context, String endpoint, TransportSecurity security, int handshakeMillis,
            GossipPeers peers, ProtocolErrors errors) {
        GossipHubDiscovery discovery = new GossipHubDiscovery();
        discovery.hub = GossipHub.bind(context, endpoint, security, handshakeMillis,
                (key, value) -> peers.tuple(discovery, key, value), errors::report);
        return discovery;
    }

    private GossipHub hub() {
        return java.util.Objects.requireNonNull(hub, "hub");
    }

    /** Holds our own tuple and hands it to every client. */
    void publishOwn(GossipMessage.Publish tuple) {
        hub().publishOwn(tuple.key(), tuple.value());
    }

    @Override
    public String name() {
        return "gossip";
    }

    String endpoint() {
        return hub().endpoint();
    }

    @Override
    public void register(ActorPoller poller) {
        hub().register(poller);
    }

    @Override
    public void receive(ActorPoller poller) {
        hub().receive(poller);
    }

    @Override
    public long nextDeadline() {
        return hub().nextDeadline();
    }

    @Override
    public void onTimer(long now) {
        hub().onTimer(now);
    }

    @Override
    public void close() {
        hub().close();
    }
}
