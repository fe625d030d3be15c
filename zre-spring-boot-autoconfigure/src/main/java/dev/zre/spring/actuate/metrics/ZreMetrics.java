package dev.zre.spring.actuate.metrics;

import dev.zre.ExitReason;
import dev.zre.HandshakeFailure;
import dev.zre.MessageType;
import dev.zre.PeerState;
import dev.zre.ProtocolError;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics;
import dev.zre.ZreStatistics.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Binds the meters of a ZRE node. Gauges of peers have no base unit (a count needs none, and Prometheus
 * would append it: {@code zre_peers_evasive_peers}). Every counter is a {@link FunctionCounter} over
 * {@link ZreNode#statistics()}; no meter is tagged with a peer's UUID or name, and the {@code group}
 * tag of {@code zre.group.peers} and {@code zre.leader} is limited to the first groups by name.
 */
public class ZreMetrics implements MeterBinder {

    private final ZreNode node;

    private final int maxGroupTags;

    private volatile Set<String> taggedGroups = Set.of();

    private volatile Set<String> taggedContestedGroups = Set.of();

    /**
     * Creates a binder.
     * @param node the node
     * @param maxGroupTags how many groups get a {@code zre.group.peers} gauge at most
     */
    public ZreMetrics(ZreNode node, int maxGroupTags) {
        Assert.notNull(node, "'node' must not be null");
        Assert.isTrue(maxGroupTags >= 0, "'maxGroupTags' must not be negative");
        this.node = node;
        this.maxGroupTags = maxGroupTags;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ZreNode node = this.node;
        ZreStatistics stats = node.statistics();
        Gauge.builder("zre.peers", node, (n) -> n.peers().size())
            .description("Connected peers")
            .register(registry);
        Gauge.builder("zre.peers.evasive", node, ZreMetrics::evasivePeers)
            .description("Peers that are evasive or silent")
            .register(registry);
        Gauge.builder("zre.groups", node, (n) -> n.ownGroups().size())
            .description("Groups this node is in")
            .register(registry);
        bindGroupPeers(registry);
        bindLeaders(registry);
        for (MessageType type : MessageType.values()) {
            Tags tags = Tags.of("type", type.tag());
            FunctionCounter.builder("zre.messages.sent", stats, (s) -> s.messagesSent(type))
                .description("ZRE messages sent")
                .tags(tags)
                .register(registry);
            FunctionCounter.builder("zre.messages.received", stats, (s) -> s.messagesReceived(type))
                .description("ZRE messages received")
                .tags(tags)
                .register(registry);
        }
        // the base unit becomes Prometheus' suffix: zre_data_sent_bytes_total, not zre_bytes_sent_bytes_total
        counter(registry, "zre.data.sent", "Bytes of ZRE messages sent", Counter.BYTES_SENT, BaseUnits.BYTES);
        counter(registry, "zre.data.received", "Bytes of ZRE messages received", Counter.BYTES_RECEIVED, BaseUnits.BYTES);
        counter(registry, "zre.beacons.sent", "UDP beacons sent", Counter.BEACONS_SENT, null);
        counter(registry, "zre.beacons.received", "UDP beacons received", Counter.BEACONS_RECEIVED, null);
        counter(registry, "zre.peers.entered", "Peers that said HELLO", Counter.PEERS_ENTERED, null);
        counter(registry, "zre.events.dropped", "WHISPER and SHOUT events dropped by full node queues",
                Counter.EVENTS_DROPPED, null);
        counter(registry, "zre.peers.refused", "Peers refused (peer table full or connect rate limit)",
                Counter.PEERS_REFUSED, null);
        counter(registry, "zre.connections.rebuilt", "Peer connections closed and opened again",
                Counter.CONNECTIONS_REBUILT, null);
        counter(registry, "zre.peers.abandoned", "Peers given up because they never said HELLO",
                Counter.PEERS_ABANDONED, null);
        counter(registry, "zre.peers.evicted", "Peers that never said HELLO, dropped to make room for others",
                Counter.PEERS_EVICTED, null);
        counter(registry, "zre.connections.refused", "Connections refused because nothing listened at the endpoint",
                Counter.CONNECTIONS_REFUSED, null);
        counter(registry, "zre.discoveries.ignored", "Discovery reports ignored while their endpoint rests after a refusal",
                Counter.DISCOVERIES_IGNORED, null);
        counter(registry, "zre.messages.resent",
                "Messages sent again on a rebuilt link because the stalled one never delivered them",
                Counter.MESSAGES_RESENT, null);
        connectionsRepaired(registry, "stalled_handshake", Counter.HANDSHAKES_STALLED);
        connectionsRepaired(registry, "silent_peer", Counter.SILENT_LINKS_REBUILT);
        for (ProtocolError error : ProtocolError.values()) {
            FunctionCounter.builder("zre.protocol.errors", stats, (s) -> s.protocolErrors(error))
                .description("Datagrams and messages rejected or repaired")
                .tag("reason", error.tag())
                .register(registry);
        }
        for (HandshakeFailure failure : HandshakeFailure.values()) {
            FunctionCounter.builder("zre.handshake.failures", stats, (s) -> s.handshakeFailures(failure))
                .description("Secured links that did not come up (wrong server key, not allowed, PLAIN refused, mechanism mismatch)")
                .tag("reason", failure.tag())
                .register(registry);
        }
        for (ExitReason reason : ExitReason.values()) {
            FunctionCounter.builder("zre.peers.exited", stats, (s) -> s.peersExited(reason))
                .description("Peers that left this node's view")
                .tag("reason", reason.tag())
                .register(registry);
        }
    }

    private void connectionsRepaired(MeterRegistry registry, String reason, Counter counter) {
        FunctionCounter.builder("zre.connections.repaired", this.node.statistics(), (s) -> s.get(counter))
            .description("Connections rebuilt to repair a stuck link (also counted in zre.connections.rebuilt)")
            .tag("reason", reason)
            .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, Counter counter,
            @Nullable String baseUnit) {
        FunctionCounter.Builder<ZreStatistics> builder = FunctionCounter
            .builder(name, this.node.statistics(), (s) -> s.get(counter))
            .description(description);
        if (baseUnit != null) {
            builder.baseUnit(baseUnit);
        }
        builder.register(registry);
    }

    private static double evasivePeers(ZreNode node) {
        return node.peerSnapshots().stream().filter((peer) -> peer.state() != PeerState.ALIVE).count();
    }

    private void bindGroupPeers(MeterRegistry registry) {
        MultiGauge gauge = MultiGauge.builder("zre.group.peers")
            .description("Peers per group (the first groups by name, see zre.metrics.max-group-tags)")
            .register(registry);
        refreshGroupPeers(gauge);
        this.node.subscribe((event) -> {
            if (event.type().isMembership()) {
                refreshGroupPeers(gauge);
            }
        });
    }

    private void bindLeaders(MeterRegistry registry) {
        MultiGauge gauge = MultiGauge.builder("zre.leader")
            .description("1 when this node leads the contested group, else 0 (the first groups by name, see "
                    + "zre.metrics.max-group-tags)")
            .register(registry);
        refreshLeaders(gauge);
        this.node.subscribe((event) -> {
            if (event.type().isMembership()) {
                refreshLeaders(gauge);
            }
        });
    }

    private void refreshLeaders(MultiGauge gauge) {
        Set<String> limited = new TreeSet<>(
                new TreeSet<>(this.node.contestedGroups()).stream().limit(this.maxGroupTags).toList());
        if (limited.equals(this.taggedContestedGroups)) {
            return;
        }
        this.taggedContestedGroups = limited;
        List<MultiGauge.Row<?>> rows = limited.stream()
            .<MultiGauge.Row<?>>map((group) -> MultiGauge.Row.of(Tags.of("group", group), this.node,
                    (n) -> n.leader(group).filter(n.uuid()::equals).isPresent() ? 1 : 0))
            .toList();
        gauge.register(rows, true);
    }

    private void refreshGroupPeers(MultiGauge gauge) {
        Set<String> groups = new TreeSet<>(this.node.ownGroups());
        groups.addAll(this.node.peerGroups());
        Set<String> limited = new TreeSet<>(groups.stream().limit(this.maxGroupTags).toList());
        if (limited.equals(this.taggedGroups)) {
            return;
        }
        this.taggedGroups = limited;
        List<MultiGauge.Row<?>> rows = limited.stream()
            .<MultiGauge.Row<?>>map((group) -> MultiGauge.Row.of(Tags.of("group", group), this.node,
                    (n) -> n.peersByGroup(group).size()))
            .toList();
        gauge.register(rows, true);
    }

}
