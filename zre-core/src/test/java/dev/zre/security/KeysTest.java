package dev.zre.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Z85, zcert files and keypair generation. */
class KeysTest {

    @TempDir
    Path dir;

    @Test
    void z85MatchesTheSpecExampleBothWays() {
        byte[] bytes = HexFormat.of().parseHex("864FD26FB559F75B");
        assertThat(Z85.encode(bytes)).isEqualTo("HelloWorld");
        assertThat(Z85.decode("HelloWorld")).isEqualTo(bytes);
    }

    @Test
    void z85RoundTripsKeysAndRejectsBadText() {
        CurveKeyPair pair = CurveKeyPair.generate();
        assertThat(Z85.decode(pair.publicKeyZ85())).isEqualTo(pair.publicKey());
        assertThat(pair.publicKeyZ85()).hasSize(40);
        assertThatThrownBy(() -> Z85.decode("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Z85.decode("abcd\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurveKeyPair.decodeKey("x".repeat(39), "key")).hasMessageContaining("40");
        String secret = pair.secretKeyZ85();
        assertThatThrownBy(() -> CurveKeyPair.decodeKey(secret.substring(0, 39) + "~", "secret key"))
                .hasMessageNotContaining(secret.substring(0, 39));
    }

    @Test
    void zyresCapturedPublicKeyDecodes() {
        // the X-PUBLICKEY zyre sent in HELLO during the CURVE capture
        assertThat(CurveKeyPair.decodeKey("lQ!b8/3ArP3cbfD:04#z<74w$czd4Bt>-ER2k)z8", "key")).hasSize(32);
    }

    @Test
    void aKeypairWhosePublicKeyStartsWithZeroIsDrawnAgain() {
        byte[] zeroFirst = new byte[32];
        zeroFirst[5] = 1;
        byte[] good = new byte[32];
        good[0] = 9;
        Deque<CurveKeyPair> draws = new ArrayDeque<>();
        draws.add(CurveKeyPair.of(zeroFirst, new byte[32]));
        draws.add(CurveKeyPair.of(zeroFirst, new byte[32]));
        draws.add(CurveKeyPair.of(good, new byte[32]));
        assertThat(CurveKeyPair.generate(draws::removeFirst).publicKey()).isEqualTo(good);
        assertThat(draws).isEmpty();
        assertThat(CurveKeyPair.discoverable(zeroFirst)).isFalse();
        assertThat(CurveKeyPair.discoverable(good)).isTrue();
    }

    @Test
    void zcertFilesRoundTripAndReadCzmqsLayout() throws Exception {
        CurveKeyPair pair = CurveKeyPair.generate();
        Path file = dir.resolve("node");
        ZCert.of(pair, Map.of("name", "alice")).write(file);
        ZCert pub = ZCert.read(file);
        assertThat(pub.publicKey()).isEqualTo(pair.publicKey());
        assertThat(pub.secretKey()).isNull();
        assertThat(pub.metadata()).containsEntry("name", "alice");
        ZCert secret = ZCert.read(dir.resolve("node_secret"));
        assertThat(secret.keyPair()).isEqualTo(pair);
        assertThat(secret.toString()).doesNotContain(pair.secretKeyZ85());

        // written by czmq's zcert_save_public
        Path czmq = dir.resolve("czmq.cert");
        Files.writeString(czmq, "#   ****  Generated on 2026-01-01 by CZMQ  ****\n"
                + "#   ZeroMQ CURVE Public Certificate\n\nmetadata\n    name = \"bob\"\ncurve\n"
                + "    public-key = \"lQ!b8/3ArP3cbfD:04#z<74w$czd4Bt>-ER2k)z8\"\n");
        assertThat(ZCert.read(czmq).publicKeyZ85()).isEqualTo("lQ!b8/3ArP3cbfD:04#z<74w$czd4Bt>-ER2k)z8");
        assertThat(ZCert.read(czmq).metadata()).containsEntry("name", "bob");
        Files.writeString(dir.resolve("junk"), "not a cert\n");
        assertThatThrownBy(() -> ZCert.read(dir.resolve("junk"))).hasMessageContaining("no public-key");
    }
}
