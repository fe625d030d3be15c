package dev.zre.interop;

import static dev.zre.interop.Event.from;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The zre CLI (Java, zre-core) against zyre.js 1.3.0, one peer per namespace, every scenario checked from
 * both sides. Java is the CLI in {@code shell --json} mode; JS is {@code src/test/js/zyre-peer.js}.
 */
class JavaZyreJsIT extends LabTest {

    /** Content sizes from 1 byte to 64 KB, across the 1-byte/4-byte length and frame-size boundaries. */
    static final int[] SIZES = {1, 2, 255, 256, 1000, 4096, 65535, 65536};

    @Test
    void discoveryReportsNameAndHeadersBothWays() {
        PeerProcess java = java(1, "java-1", "--header", "X-IMPL=zre-java", "--header", "X-ROLE=tester");
        PeerProcess js = js(2, "js-1", "--header", "X-IMPL=zyre.js", "--header", "X-EMPTY=");
        String javaId = java.ready(DISCOVERY).uuid();
        String jsId = js.ready(DISCOVERY).uuid();

        Event javaAtJs = js.await("ENTER of java-1", DISCOVERY, from("ENTER", javaId));
        assertThat(javaAtJs.name()).isEqualTo("java-1");
        assertThat(javaAtJs.map("headers")).containsEntry("X-IMPL", "zre-java").containsEntry("X-ROLE", "tester");
        assertThat(javaAtJs.string("address")).isEqualTo(java.ready(DISCOVERY).string("endpoint"))
                .startsWith("tcp://" + lab.node(1).address() + ":");

        Event jsAtJava = java.await("ENTER of js-1", DISCOVERY, from("ENTER", jsId));
        assertThat(jsAtJava.name()).isEqualTo("js-1");
        assertThat(jsAtJava.map("headers")).containsEntry("X-IMPL", "zyre.js").containsEntry("X-EMPTY", "");
        assertThat(jsAtJava.string("address")).isEqualTo(js.ready(DISCOVERY).string("endpoint"))
                .startsWith("tcp://" + lab.node(2).address() + ":");

        // each sees exactly one peer: no duplicates, no phantom self
        assertThat(java.request(DELIVERY, "cmd", "peers").fields().get("peers")).asList().hasSize(1);
        assertThat(js.request(DELIVERY, "cmd", "peers").fields().get("peers")).asList().hasSize(1);
    }

    @Test
    void utf8NamesHeadersAndGroupsPassBothWays() {
        PeerProcess java = java(1, "jürgen-日本", "--header", "X-CITY=Zürich ✓");
        PeerProcess js = js(2, "zoë-✓", "--header", "X-NOTE=naïve 日本");
        meet(java, js);
        Event javaAtJs = js.await("ENTER", DELIVERY, from("ENTER", java.uuid()));
        assertThat(javaAtJs.name()).isEqualTo("jürgen-日本");
        assertThat(javaAtJs.map("headers")).containsEntry("X-CITY", "Zürich ✓");
        Event jsAtJava = java.await("ENTER", DELIVERY, from("ENTER", js.uuid()));
        assertThat(jsAtJava.name()).isEqualTo("zoë-✓");
        assertThat(jsAtJava.map("headers")).containsEntry("X-NOTE", "naïve 日本");

        joinAll("grüppe-日本", java, js);
        java.shoutText("grüppe-日本", "from java");
        js.shoutText("grüppe-日本", "from js");
        assertThat(js.await("SHOUT", DELIVERY, from("SHOUT", java.uuid(), "grüppe-日本")).string("text"))
                .isEqualTo("from java");
        assertThat(java.await("SHOUT", DELIVERY, from("SHOUT", js.uuid(), "grüppe-日本")).string("text"))
                .isEqualTo("from js");
    }

    @Test
    void joinIsSeenBothWaysIncludingGroupsAnnouncedInHello() {
        // groups joined before the peers meet travel in HELLO; later ones as JOIN messages
        PeerProcess java = java(1, "java-1", "--group", "early-java");
        PeerProcess js = js(2, "js-1");
        js.ready(DISCOVERY);
        js.join("early-js");
        meet(java, js);
        String javaId = java.uuid();
        String jsId = js.uuid();
        js.await("JOIN early-java (from HELLO)", DELIVERY, from("JOIN", javaId, "early-java"));
        java.await("JOIN early-js (from HELLO)", DELIVERY, from("JOIN", jsId, "early-js"));

        java.join("late");
        js.join("late");
        js.await("JOIN late of java", DELIVERY, from("JOIN", javaId, "late"));
        java.await("JOIN late of js", DELIVERY, from("JOIN", jsId, "late"));

        // ours reports ENTER before the JOINs of that peer (zyre.js reports HELLO's groups before ENTER)
        List<Event> seen = java.events();
        assertThat(seen.indexOf(java.await("ENTER", DELIVERY, from("ENTER", jsId))))
                .isLessThan(seen.indexOf(java.await("JOIN", DELIVERY, from("JOIN", jsId, "early-js"))));
        Event groups = java.request(DELIVERY, "cmd", "groups");
        assertThat(groups.map("peers")).containsKeys("early-js", "late");
    }

    @Test
    void shoutFromJavaReachesZyreJsTextAndBinaryFrom1ByteTo64KB() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        joinAll("chat", java, js);

        List<byte[]> sent = payloads(1);
        for (byte[] p : sent) {
            java.shoutBytes("chat", p);
        }
        java.shoutText("chat", "grüße ✓ 日本");

        List<Event> got = js.awaitCount("SHOUTs from java", DELIVERY, sent.size() + 1,
                from("SHOUT", java.uuid(), "chat"));
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i).frames()).as("shout %d (%d bytes)", i, sent.get(i).length).hasSize(1);
            assertThat(got.get(i).content()).as("shout %d (%d bytes)", i, sent.get(i).length)
                    .isEqualTo(sent.get(i));
        }
        assertThat(got.get(sent.size()).string("text")).isEqualTo("grüße ✓ 日本");
        assertThat(got.get(sent.size()).name()).isEqualTo("java-1");
    }

    @Test
    void shoutFromZyreJsReachesJavaTextAndBinaryFrom1ByteTo64KB() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        joinAll("chat", java, js);

        List<byte[]> sent = payloads(2);
        for (byte[] p : sent) {
            js.shoutBytes("chat", p);
        }
        js.shoutText("chat", "grüße ✓ 日本");

        List<Event> got = java.awaitCount("SHOUTs from js", DELIVERY, sent.size() + 1,
                from("SHOUT", js.uuid(), "chat"));
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i).frames()).as("shout %d (%d bytes)", i, sent.get(i).length).hasSize(1);
            assertThat(got.get(i).content()).as("shout %d (%d bytes)", i, sent.get(i).length)
                    .isEqualTo(sent.get(i));
        }
        assertThat(got.get(sent.size()).string("text")).isEqualTo("grüße ✓ 日本");
        assertThat(got.get(sent.size()).name()).isEqualTo("js-1");
    }

    @Test
    void whisperPassesBothWays() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        byte[] binary = random(3, 65536);
        binary[0] = (byte) 0xff; // not UTF-8

        java.whisperText(js.uuid(), "hello js");
        java.whisperBytes(js.uuid(), binary);
        List<Event> atJs = js.awaitCount("WHISPERs from java", DELIVERY, 2, from("WHISPER", java.uuid()));
        assertThat(atJs.get(0).string("text")).isEqualTo("hello js");
        assertThat(atJs.get(1).content()).isEqualTo(binary);
        assertThat(atJs.get(1).string("text")).isNull();

        js.whisperText(java.uuid(), "hello java");
        js.whisperBytes(java.uuid(), binary);
        List<Event> atJava = java.awaitCount("WHISPERs from js", DELIVERY, 2, from("WHISPER", js.uuid()));
        assertThat(atJava.get(0).string("text")).isEqualTo("hello java");
        assertThat(atJava.get(1).content()).isEqualTo(binary);
        assertThat(atJava.get(1).string("text")).isNull();
    }

    /**
     * zyre.js's ROUTER handler reads the first content frame only; the remaining frames of the same
     * ZeroMQ message are passed to it as extra arguments and ignored, so they vanish without trace, and
     * the next message is unaffected (ZeroMQ delivers the multipart message whole).
     */
    @Test
    void multiFrameContentFromJavaArrivesAtZyreJsAsItsFirstFrame() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        joinAll("frames", java, js);
        List<byte[]> frames = List.of(bytes("first"), random(4, 300), bytes("third"));

        java.shoutFrames("frames", frames);
        java.shoutText("frames", "after the multi-frame shout");
        java.whisperFrames(js.uuid(), frames);
        java.whisperText(js.uuid(), "after the multi-frame whisper");

        List<Event> shouts = js.awaitCount("2 SHOUTs", DELIVERY, 2, from("SHOUT", java.uuid(), "frames"));
        assertThat(shouts.get(0).frames()).hasSize(1);
        assertThat(shouts.get(0).string("text")).isEqualTo("first");
        assertThat(shouts.get(1).string("text")).isEqualTo("after the multi-frame shout");
        List<Event> whispers = js.awaitCount("2 WHISPERs", DELIVERY, 2, from("WHISPER", java.uuid()));
        assertThat(whispers.get(0).string("text")).isEqualTo("first");
        assertThat(whispers.get(1).string("text")).isEqualTo("after the multi-frame whisper");

        // and the link is still in step: the other direction and the same direction both still work
        js.whisperText(java.uuid(), "still here");
        assertThat(java.await("WHISPER", DELIVERY, from("WHISPER", js.uuid())).string("text"))
                .isEqualTo("still here");
        assertThat(js.count(Event.type("EXIT"))).isZero();
    }

    @Test
    void leaveIsSeenBothWays() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        joinAll("room", java, js);

        java.leave("room");
        js.await("LEAVE of java", DELIVERY, from("LEAVE", java.uuid(), "room"));
        js.leave("room");
        java.await("LEAVE of js", DELIVERY, from("LEAVE", js.uuid(), "room"));

        assertThat(java.request(DELIVERY, "cmd", "groups").map("peers")).doesNotContainKey("room");
        assertThat(js.request(DELIVERY, "cmd", "peers").fields().get("peers").toString()).doesNotContain("room");
    }

    /** Both sides keep the default 30 s expiry: an EXIT within the deadline comes from the leave beacon. */
    @Test
    void gracefulStopOfJavaIsAnExitAtZyreJsPromptly() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        String javaId = java.uuid();

        assertThat(java.quit(STOP)).isZero();
        assertThat(java.events()).anyMatch(Event.type("STOP"));
        Event exit = js.await("EXIT of java (leave beacon)", Duration.ofSeconds(5), from("EXIT", javaId));
        assertThat(exit.string("reason")).isEqualTo("left");
    }

    @Test
    void gracefulStopOfZyreJsIsAnExitAtJavaPromptly() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        String jsId = js.uuid();

        assertThat(js.quit(STOP)).isZero();
        Event exit = java.await("EXIT of js (leave beacon)", Duration.ofSeconds(5), from("EXIT", jsId));
        assertThat(exit.string("reason")).isEqualTo("left");
    }

    @Test
    void killedZyreJsPeerExpiresAtJavaAfterTheExpiredTimeout() {
        PeerProcess java = java(1, "java-1", "--evasive", "1s", "--expired", "3s");
        PeerProcess js = js(2, "js-1");
        meet(java, js);
        String jsId = js.uuid();

        js.kill(); // SIGKILL: no leave beacon, no TCP goodbye from the application
        Event exit = java.await("EXIT of the killed js peer", Duration.ofSeconds(3 + 10), from("EXIT", jsId));
        assertThat(exit.string("reason")).isEqualTo("expired");
        List<Event> seen = java.events();
        assertThat(seen.subList(0, seen.indexOf(exit))).as("EVASIVE before EXIT")
                .anyMatch(from("EVASIVE", jsId));
    }

    @Test
    void killedJavaPeerExpiresAtZyreJsAfterTheExpiredTimeout() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1", "--evasive", "1000", "--expired", "3000");
        meet(java, js);
        String javaId = java.uuid();

        java.kill();
        Event exit = js.await("EXIT of the killed java peer", Duration.ofSeconds(3 + 10), from("EXIT", javaId));
        assertThat(exit.string("reason")).isEqualTo("expired");
    }

    /**
     * An idle zyre.js peer and our short timeouts: we PING it after half the evasive time of silence, it
     * answers PING-OK, so it never expires although several 3 s expiry periods pass (its beacons do not
     * count as liveness for us). Answered in time, it is not even reported EVASIVE, unlike zyre C, which
     * reports idle peers EVASIVE every ~5 s.
     */
    @Test
    void ourPingsAreAnsweredByZyreJsSoAnIdlePeerDoesNotExpire() {
        PeerProcess java = java(1, "java-1", "--evasive", "1s", "--expired", "3s");
        PeerProcess js = js(2, "js-1");
        meet(java, js);

        Map<String, Object> counters = SequenceWrapIT.awaitCounters(java, Duration.ofSeconds(30),
                c -> SequenceWrapIT.received(c, "ping_ok") >= 4);
        assertThat(SequenceWrapIT.received(counters, "ping_ok")).as("PING-OK from zyre.js").isGreaterThanOrEqualTo(4);
        assertThat(java.count(Event.type("EXIT"))).isZero();
        assertThat(js.count(Event.type("EXIT"))).isZero();
    }

    /** zyre.js PINGs a peer quiet for its evasive time (here 400 ms; our beacons count for it); we answer. */
    @Test
    void zyreJsPingsAreAnswered() {
        PeerProcess java = java(1, "java-1");
        PeerProcess js = js(2, "js-1", "--evasive", "400");
        meet(java, js);

        Map<String, Object> counters = SequenceWrapIT.awaitCounters(java, Duration.ofSeconds(30),
                c -> SequenceWrapIT.sent(c, "ping_ok") >= 3);
        assertThat(SequenceWrapIT.received(counters, "ping")).as("PING from zyre.js").isGreaterThanOrEqualTo(3);
        assertThat(SequenceWrapIT.sent(counters, "ping_ok")).as("PING-OK to zyre.js").isGreaterThanOrEqualTo(3);
        assertThat(java.count(Event.type("EXIT"))).isZero();
        assertThat(js.count(Event.type("EXIT"))).isZero();
    }

    // ------------------------------------------------------------------ helpers

    /** One payload per size, random bytes (so mostly not UTF-8). */
    static List<byte[]> payloads(long seed) {
        List<byte[]> list = new ArrayList<>();
        for (int size : SIZES) {
            list.add(random(seed * 1000 + size, size));
        }
        return list;
    }

    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
