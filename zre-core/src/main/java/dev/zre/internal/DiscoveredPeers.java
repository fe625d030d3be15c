package dev.zre.internal;

import dev.zre.ExitReason;
import java.util.UUID;

/**
 * What the node does with a discovery's reports: connect to a new peer, replace one that came back
 * on another port (it restarted), let one go that announced it is leaving, and keep probing
 * endpoints whose node is not known yet.
 */
final class DiscoveredPeers implements Discovery.Listener {

    private final PeerTable peers;
    private final Connections connections;
    private final EndpointProbes probes;

    DiscoveredPeers(PeerTable peers, Connections connections, EndpointProbes probes) {
        this.peers = peers;
        this.connections = connections;
        this.probes = probes;
    }

    @Override
    public boolean peerFound(Discovery source, UUID uuid, String endpoint) {
        Peer peer = peers.get(uuid);
        if (peer != null && portOf(peer.endpoint) != portOf(endpoint)) {
            connections.remove(peer, ExitReason.REPLACED); // same UUID, new mailbox: it restarted
            peer = null;
        }
        boolean created = false;
        if (peer == null) {
            peer = connections.create(uuid, endpoint, System.nanoTime(), false);
            created = peer != null;
        }
        if (peer != null) {
            peer.discoveredBy(source.name());
            if (source.announcesLeaving()) {
                peer.viaBeacon = true;
            }
        }
        return created;
    }

    @Override
    public void peerLeaving(Discovery source, UUID uuid) {
        Peer peer = peers.get(uuid);
        if (peer != null) {
            connections.remove(peer, ExitReason.LEFT);
        }
    }

    /**
     * Probes the endpoint unless a peer we know has its mailbox there (found by another discovery, or
     * it introduced itself): a probe would open a second connection with our identity to it.
     */
    @Override
    public void endpointFound(Discovery source, String endpoint) {
        Peer known = peers.atEndpoint(endpoint);
        if (known != null) {
            known.discoveredBy(source.name());
            probes.standDown(endpoint, known.uuid, source.name());
            return;
        }
        probes.probe(endpoint, System.nanoTime(), uuid -> peers.get(uuid) != null, source.name());
    }

    @Override
    public void endpointGone(Discovery source, String endpoint) {
        probes.withdraw(endpoint, source.name());
    }

    private static int portOf(String tcpEndpoint) {
        int colon = tcpEndpoint.lastIndexOf(':');
        try {
            return Integer.parseInt(tcpEndpoint.substring(colon + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
