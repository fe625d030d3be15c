package dev.zre.interop;

import static dev.zre.interop.Event.from;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Checks the harness itself, without the Java peer: two zyre.js peers in two lab namespaces find each other,
 * and group and direct messages pass. If this fails, the lab or the zyre.js install is broken, not us.
 */
@Timeout(60)
class ZyreJsSmokeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private NetnsLab lab;

    @BeforeEach
    void createLab() {
        Interop.assumeLabAvailable();
        lab = NetnsLab.create(2);
    }

    @AfterEach
    void teardown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void twoZyreJsPeersMeetAndTalkInsideTheLab(TestInfo test) {
        PeerProcess a = Interop.js(lab, lab.node(1), lab.node(1).iface(), Interop.logDir(test), "js-a",
                "--header", "side=a");
        PeerProcess b = Interop.js(lab, lab.node(2), lab.node(2).address(), Interop.logDir(test), "js-b");
        String aId = a.ready(DEADLINE).uuid();
        String bId = b.ready(DEADLINE).uuid();
        assertThat(a.ready(DEADLINE).string("endpoint")).startsWith("tcp://" + lab.node(1).address() + ":");

        Event enter = b.await("ENTER of js-a", DEADLINE, from("ENTER", aId));
        assertThat(enter.name()).isEqualTo("js-a");
        assertThat(enter.map("headers")).containsEntry("side", "a");
        a.await("ENTER of js-b", DEADLINE, from("ENTER", bId));

        a.join("smoke");
        b.join("smoke");
        a.await("JOIN of js-b", DEADLINE, from("JOIN", bId, "smoke"));
        b.await("JOIN of js-a", DEADLINE, from("JOIN", aId, "smoke"));

        a.shoutText("smoke", "hello from a");
        assertThat(b.await("SHOUT", DEADLINE, from("SHOUT", aId, "smoke")).string("text")).isEqualTo("hello from a");
        b.whisperText(aId, "psst");
        assertThat(a.await("WHISPER", DEADLINE, from("WHISPER", bId)).string("text")).isEqualTo("psst");

        assertThat(a.quit(DEADLINE)).isZero();
        b.await("EXIT of js-a", DEADLINE, from("EXIT", aId));
        assertThat(b.quit(DEADLINE)).isZero();
    }
}
