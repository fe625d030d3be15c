package dev.zre.interop;

import static dev.zre.interop.Event.from;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Interfaces whose address has no broadcast address set ({@code ip addr add 198.18.0.11/24 dev eth0}, without
 * {@code brd +}; Java then reports the broadcast address as 0.0.0.0). zyre.js computes the broadcast address
 * from address and netmask and beacons to 198.18.x.255; zre-core beacons to 0.0.0.0, so its beacons (and its
 * port-0 leave beacon) reach nobody. Discovery with zyre.js still works (our node answers zyre.js's beacons
 * with HELLO), but a gracefully stopped Java peer is only noticed when it expires (30 s), and two Java peers
 * on such interfaces never meet. See the README, "Differences found".
 */
class NoBroadcastAddressIT extends LabTest {

    @Override
    boolean broadcastAddress() {
        return false;
    }

    @Test
    void zyreJsFindsTheJavaPeerOnAnInterfaceWithoutBroadcastAddress() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js); // works today: the JS beacon reaches Java, Java connects and says HELLO
    }

    @Test
    void gracefulStopOfJavaIsAnExitAtZyreJsPromptlyWithoutBroadcastAddress() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        String javaId = java.uuid();
        assertThat(java.quit(STOP)).isZero();
        js.await("EXIT of java (leave beacon)", Duration.ofSeconds(5), from("EXIT", javaId));
    }
}
