package dev.zre.interop;

import static dev.zre.interop.Event.from;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Interfaces whose address has no broadcast address set ({@code ip addr add 198.18.0.11/24 dev eth0}, without
 * {@code brd +}; Java then reports the broadcast address as 0.0.0.0). zyre.js computes the broadcast address
 * from address and netmask and beacons to 198.18.x.255; zre-core used to beacon to 0.0.0.0 there, so its
 * port-0 leave beacon reached nobody and a gracefully stopped Java peer was only noticed when it expired.
 * zre-core now derives the broadcast address from the prefix too; these tests keep it that way. See the
 * README, "Differences found".
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
