package dev.zre.interop;

import static dev.zre.interop.Event.from;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ZGossip against czmq's own {@code zgossip} (Debian's libczmq, an independent implementation): Java nodes
 * with beacons off find each other through czmq's hub, and czmq's client works with our hub both ways.
 * One namespace per process on the lab's bridge.
 */
class CzmqGossipIT extends LabTest {

    private static final int HUB_PORT = 9001;

    @Override
    int nodes() {
        return 3;
    }

    @BeforeEach
    void czmq() {
        Czmq.assumeAvailable();
    }

    private String hubEndpoint() {
        return "tcp://" + lab.node(1).address() + ":" + HUB_PORT;
    }

    @Test
    void javaNodesWithoutBeaconsFindEachOtherThroughCzmqsHub() {
        PeerProcess hub = track(Czmq.hub(lab, lab.node(1), logDir(), "czmq-hub", hubEndpoint()));
        hub.await("czmq hub ready", DISCOVERY, e -> e.line().equals("READY"));
        PeerProcess a = java(2, "java-a", "--no-beacon", "--gossip", hubEndpoint());
        PeerProcess b = java(3, "java-b", "--no-beacon", "--gossip", hubEndpoint());
        meet(a, b);
        // czmq's hub saw both tuples, keyed by the nodes' UUIDs as zyre writes them (32 upper-case hex digits)
        for (PeerProcess p : new PeerProcess[] {a, b}) {
            String key = p.uuid().toUpperCase(java.util.Locale.ROOT);
            hub.await("czmq hub got " + p.label() + "'s tuple", DELIVERY,
                    e -> e.line().startsWith("DELIVER " + key + " tcp://"));
        }
        assertThat(a.request(DELIVERY, "cmd", "stats").map("counters").get("gossip_tuples_received"))
                .isNotEqualTo(0);
    }

    @Test
    void czmqsClientAndJavaNodesMeetThroughOurHub() {
        PeerProcess hub = track(Czmq.javaHub(lab, lab.node(1), logDir(), "java-hub", hubEndpoint()));
        hub.await("java hub ready", DISCOVERY, e -> e.line().startsWith("gossip hub listening at"));
        // a node that only czmq's client speaks for: no beacons, no gossip of its own
        String quietId = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
        String quietEndpoint = "tcp://" + lab.node(2).address() + ":5999";
        PeerProcess quiet = java(2, "java-quiet", "--no-beacon", "--uuid", quietId, "--mailbox-port", "5999");
        quiet.ready(DISCOVERY);
        PeerProcess czmq = track(Czmq.client(lab, lab.node(2), logDir(), "czmq-client", hubEndpoint(), quietId,
                quietEndpoint));
        PeerProcess gossiper = java(3, "java-gossiper", "--no-beacon", "--gossip", hubEndpoint());
        String gossiperKey = gossiper.ready(DISCOVERY).uuid().toUpperCase(java.util.Locale.ROOT);
        // czmq's tuple went through our hub to our node, which connected to the node it names
        gossiper.await("ENTER of the node czmq published", DISCOVERY, from("ENTER", quietId));
        quiet.await("ENTER of the gossiping node", DISCOVERY, from("ENTER", gossiperKey));
        // and our node's tuple reached czmq's client
        czmq.await("czmq client got java-gossiper's tuple", DISCOVERY,
                e -> e.line().startsWith("DELIVER " + gossiperKey + " tcp://" + lab.node(3).address() + ":"));
    }
}
