package dev.zre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.PeerId;
import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZCert;
import dev.zre.security.ZreSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zre keygen} and the security options of node commands. */
class SecurityOptionsTest {

    @TempDir
    Path dir;

    @Test
    void keygenWritesAZcertPairAndPrintsThePublicKey() throws Exception {
        Path file = dir.resolve("alice.cert");
        Cli cli = Cli.run("keygen", file.toString(), "--name", "alice");
        assertThat(cli.exitCode()).isZero();
        String printed = cli.out.text().strip();
        assertThat(printed).hasSize(40);
        assertThat(ZCert.read(file).publicKeyZ85()).isEqualTo(printed);
        assertThat(ZCert.read(file).metadata()).containsEntry("name", "alice");
        assertThat(ZCert.read(dir.resolve("alice.cert_secret")).keyPair().publicKeyZ85()).isEqualTo(printed);
        assertThat(Files.readString(file)).doesNotContain("secret-key");
        assertThat(Cli.run("keygen", file.toString()).exitCode()).as("refuses to overwrite").isEqualTo(ZreCli.FAILURE);
    }

    @Test
    void aCurveShellMeetsACurveNodeWhoseCertificateIsInTheAllowDirectory() throws Exception {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        assertThat(Cli.run("keygen", dir.resolve("shell.cert").toString()).exitCode()).isZero();
        Files.copy(dir.resolve("shell.cert"), certs.resolve("shell.cert"));
        CurveKeyPair bobKeys = CurveKeyPair.generate();
        ZCert.of(bobKeys, Map.of()).write(certs.resolve("bob.cert"));
        try (Peers peers = new Peers(); Cli cli = Cli.start(peers.args("shell", "--json", "--name", "alice",
                "--curve-secret-file", dir.resolve("shell.cert_secret").toString(), "--allow-dir", certs.toString()))) {
            cli.awaitOut(l -> l.contains("\"READY\""), "READY");
            Peers.Node bob = peers.start("bob", b -> b.security(ZreSecurity.curve(bobKeys).allowDirectory(certs)));
            String enter = cli.awaitOut(l -> l.contains("\"ENTER\""), "ENTER");
            assertThat(enter).contains(PeerId.of(bob.node().uuid()).toString());
        }
    }

    @Test
    void curveWithoutAnAllowListIsAUsageErrorNamingTheOptions() throws Exception {
        assertThat(Cli.run("keygen", dir.resolve("n.cert").toString()).exitCode()).isZero();
        Cli cli = Cli.run("shell", "--interface", "loopback", "--curve-secret-file", dir.resolve("n.cert_secret").toString());
        assertThat(cli.exitCode()).isEqualTo(ZreCli.USAGE);
        assertThat(cli.err.text()).contains("--allow-dir");
        Cli pub = Cli.run("shell", "--interface", "loopback", "--curve-secret-file", dir.resolve("n.cert").toString(),
                "--allow-any");
        assertThat(pub.exitCode()).isEqualTo(ZreCli.USAGE);
        assertThat(pub.err.text()).contains("public certificate");
    }
}
