package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every setting is checked when the configuration is built, and the message names the setting. */
class ZreConfigTest {

    private static void invalid(String setting, Consumer<ZreConfig.Builder> change) {
        ZreConfig.Builder builder = ZreConfig.builder().networkInterface(ZreConfig.LOOPBACK);
        change.accept(builder);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + setting + "'");
    }

    @Test
    void defaultsAreZyres() {
        ZreConfig c = ZreConfig.builder().build();
        assertThat(c.beaconPort()).isEqualTo(5670);
        assertThat(c.beaconInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.evasiveTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.expiredTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.beaconEnabled()).isTrue();
        assertThat(c.networkInterface()).isEqualTo(ZreConfig.AUTO);
        assertThat(c.ioThreads()).as("automatic").isZero();
    }

    @Test
    void ioThreadsOutsideZeroToSixteenAreRefused() {
        invalid("ioThreads", b -> b.ioThreads(-1));
        invalid("ioThreads", b -> b.ioThreads(ZreConfig.MAX_IO_THREADS + 1));
        assertThat(ZreConfig.builder().ioThreads(ZreConfig.MAX_IO_THREADS).build().ioThreads()).isEqualTo(16);
    }

    @Test
    void nameLongerThan255BytesIsRefused() {
        invalid("name", b -> b.name("é".repeat(128)));
    }

    @Test
    void emptyOrTooLongHeaderKeyIsRefused() {
        invalid("headers", b -> b.header("", "v"));
        invalid("headers", b -> b.header("k".repeat(256), "v"));
    }

    @Test
    void emptyOrTooLongGroupIsRefused() {
        invalid("groups", b -> b.group(""));
        invalid("groups", b -> b.group("g".repeat(256)));
    }

    @Test
    void electionTimeoutMustBePositiveAndContestedGroupsAreChecked() {
        assertThat(ZreConfig.builder().build().electionTimeout()).isEqualTo(Duration.ofSeconds(5));
        invalid("electionTimeout", b -> b.electionTimeout(Duration.ZERO));
        invalid("contested", b -> b.contest(""));
    }

    @Test
    void contestedGroupsAreJoinedAndContestedAtStart() {
        ZreNode node = new ZreNode(ZreConfig.builder().contest("ops", "jobs").group("chat").build());
        assertThat(node.ownGroups()).containsExactlyInAnyOrder("ops", "jobs", "chat");
        assertThat(node.config().toBuilder().build().contested()).containsExactlyInAnyOrder("ops", "jobs");
    }

    @Test
    void blankNetworkInterfaceIsRefused() {
        invalid("networkInterface", b -> b.networkInterface(" "));
    }

    @Test
    void beaconPortOutsideOneTo65535IsRefused() {
        invalid("beaconPort", b -> b.beaconPort(0));
        invalid("beaconPort", b -> b.beaconPort(65536));
    }

    @Test
    void nonPositiveDurationsAreRefused() {
        invalid("beaconInterval", b -> b.beaconInterval(Duration.ZERO));
        invalid("evasiveTimeout", b -> b.evasiveTimeout(Duration.ofSeconds(-1)));
        invalid("expiredTimeout", b -> b.expiredTimeout(Duration.ZERO));
        invalid("handshakeInterval", b -> b.handshakeInterval(Duration.ZERO));
        invalid("helloTimeout", b -> b.helloTimeout(Duration.ofMillis(-5)));
    }

    @Test
    void expiredTimeoutMustExceedEvasiveTimeout() {
        invalid("expiredTimeout", b -> b.evasiveTimeout(Duration.ofSeconds(5)).expiredTimeout(Duration.ofSeconds(5)));
    }

    @Test
    void mailboxPortOutsideZeroTo65535IsRefused() {
        invalid("mailboxPort", b -> b.mailboxPort(-1));
        invalid("mailboxPort", b -> b.mailboxPort(65536));
    }

    @Test
    void endpointsMustBeTcpHostAndPort() {
        invalid("endpoints", b -> b.endpoint("udp://127.0.0.1:5000"));
        invalid("endpoints", b -> b.endpoint("tcp://127.0.0.1"));
        invalid("endpoints", b -> b.endpoint("127.0.0.1:5000"));
    }

    @Test
    void countsBelowOneAreRefused() {
        invalid("sendHighWaterMark", b -> b.sendHighWaterMark(0));
        invalid("maxPeers", b -> b.maxPeers(0));
        invalid("maxPendingPeers", b -> b.maxPendingPeers(0));
        invalid("maxNewPeersPerSecond", b -> b.maxNewPeersPerSecond(0));
        invalid("eventQueueCapacity", b -> b.eventQueueCapacity(0));
    }

    @Test
    void invalidGroupIsRefusedByJoinToo() {
        ZreNode node = new ZreNode(ZreConfig.builder().networkInterface(ZreConfig.LOOPBACK).build());
        assertThatThrownBy(() -> node.join("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'group'");
    }

    @Test
    void unknownInterfaceFailsStartListingTheChoices() {
        ZreNode node = new ZreNode(ZreConfig.builder().networkInterface("no-such-if0").build());
        assertThatThrownBy(node::start).isInstanceOf(ZreException.class)
                .hasMessageContaining("'networkInterface'")
                .hasMessageContaining("no-such-if0")
                .hasMessageContaining("127.0.0.1"); // the loopback interface is among the listed choices
        assertThat(node.state()).isEqualTo(NodeState.FAILED);
        assertThat(node.failure()).isPresent();
        node.stop();
    }

    @Test
    void mailboxPortInUseFailsStartNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ZreNode node = new ZreNode(ZreConfig.builder().networkInterface(ZreConfig.LOOPBACK).beaconEnabled(false)
                    .mailboxPort(taken.getLocalPort()).build());
            assertThatThrownBy(node::start).isInstanceOf(ZreException.class).hasMessageContaining("'mailboxPort'");
            assertThat(node.state()).isEqualTo(NodeState.FAILED);
        }
    }
}
