package dev.zre.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZCert;
import dev.zre.security.ZreSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code secure} profile: two instances with keypairs made here (as {@code zre keygen} would)
 * and one allow directory find each other over CURVE; a plain instance in the same cluster sees
 * neither.
 */
class SecureProfileTest {

    @TempDir
    Path keys;

    @Test
    void twoSecuredInstancesMeetAndAPlainOneSeesNeither() throws Exception {
        Path allowed = Files.createDirectory(this.keys.resolve("allowed"));
        for (String name : new String[] { "alice", "bob" }) {
            ZCert.of(CurveKeyPair.generate(), Map.of("name", name)).write(this.keys.resolve(name + ".cert"));
            Files.copy(this.keys.resolve(name + ".cert"), allowed.resolve(name + ".cert"));
        }
        int beaconPort = SampleInstance.randomBeaconPort();
        try (SampleInstance alice = secured("alice", beaconPort, allowed);
                SampleInstance bob = secured("bob", beaconPort, allowed);
                SampleInstance plain = SampleInstance.start("plain", beaconPort)) {
            assertThat(alice.node().config().security().mechanism()).isEqualTo(ZreSecurity.Mechanism.CURVE);
            alice.awaitPeer(bob);
            bob.awaitPeer(alice);
            Map<String, Object> zre = alice.getObject("/actuator/zre");
            assertThat(zre.toString()).contains("CURVE").contains(alice.node().config().security().publicKeyZ85());
            assertThat(plain.getList("/api/peers")).isEmpty();
            assertThat(alice.getList("/api/peers")).hasSize(1);
        }
    }

    private SampleInstance secured(String name, int beaconPort, Path allowed) {
        return SampleInstance.start(name, beaconPort, "--spring.profiles.active=secure",
                "--zre.security.curve.key-file=" + this.keys.resolve(name + ".cert_secret"),
                "--zre.security.curve.allow-dir=" + allowed);
    }

}
