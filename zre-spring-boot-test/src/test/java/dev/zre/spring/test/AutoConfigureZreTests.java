package dev.zre.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreConfig;
import dev.zre.ZreNode;
import dev.zre.spring.listener.ZreListener;
import dev.zre.spring.listener.ZrePeer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** {@link AutoConfigureZre} on real application contexts, answered by {@link ZreTestPeer}s. */
class AutoConfigureZreTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Echo.class)
    static class EchoApplication {
    }

    static class Echo {

        @ZreListener(groups = "echo")
        String onShout(String text, ZrePeer from) {
            return "echo from app: " + text + " (" + from.name() + ")";
        }
    }

    @Nested
    @SpringBootTest(classes = EchoApplication.class, properties = "zre.name=echo-app")
    @AutoConfigureZre
    class SharedCluster {

        @RegisterExtension
        static ZreTestPeer client = ZreTestPeer.named("client").group("echo");

        @Autowired
        ZreNode node;

        @Test
        void putsTheNodeOnLoopbackWithTheSharedPortFastBeaconsAndShortTimeouts() {
            ZreConfig config = node.config();
            assertThat(config.networkInterface()).isEqualTo(ZreConfig.LOOPBACK);
            assertThat(config.beaconPort()).isEqualTo(ZreTestSettings.shared().beaconPort());
            assertThat(config.beaconInterval()).isEqualTo(ZreTestSettings.BEACON_INTERVAL);
            assertThat(config.evasiveTimeout()).isEqualTo(ZreTestSettings.EVASIVE_TIMEOUT);
            assertThat(config.expiredTimeout()).isEqualTo(ZreTestSettings.EXPIRED_TIMEOUT);
            assertThat(config.helloTimeout()).isEqualTo(ZreTestSettings.HELLO_TIMEOUT);
            assertThat(node.endpoint()).hasValueSatisfying(e -> assertThat(e).startsWith("tcp://127.0.0.1:"));
        }

        @Test
        void aListenerUnderTestAnswersTheTestPeer() {
            UUID app = client.awaitEnter("echo-app").peer();
            assertThat(app).isEqualTo(node.uuid());
            client.awaitJoin("echo");

            client.shout("echo", "hello");

            assertThat(client.awaitWhisper("echo from app: hello (client)").peer()).isEqualTo(app);
        }
    }

    @Nested
    @SpringBootTest(classes = EchoApplication.class,
            properties = { "zre.name=isolated-app", "zre.evasive-timeout=2s" })
    @AutoConfigureZre(isolated = true)
    class IsolatedCluster {

        @RegisterExtension
        ZreTestPeer client = ZreTestPeer.named("client").timeout(Duration.ofSeconds(20));

        @Autowired
        ZreNode node;

        @Test
        void hasABeaconPortOfItsOwnAndTheExtensionFollowsTheNodeThere() {
            assertThat(node.config().beaconPort()).isNotEqualTo(ZreTestSettings.shared().beaconPort());
            assertThat(client.node().config().beaconPort()).isEqualTo(node.config().beaconPort());
            assertThat(client.awaitEnter("isolated-app").peer()).isEqualTo(node.uuid());
        }

        @Test
        void theTestsOwnPropertiesWin() {
            assertThat(node.config().evasiveTimeout()).isEqualTo(Duration.ofSeconds(2));
        }
    }
}
