package dev.zre.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ExitReason;
import dev.zre.PeerId;
import dev.zre.ZreEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The built jar ({@code java -jar target/zre-cli.jar}) and the launcher script as real processes on loopback. */
@Timeout(120)
class ZreProcessIT {

    private static final Duration EXIT = Duration.ofSeconds(20);
    private final ObjectMapper jackson = new ObjectMapper();

    @Test
    void twoCatProcessesExchangeLines() throws Exception {
        try (Peers net = new Peers();
             Proc a = Proc.java(net.args("cat", "chat", "--name", "a", "--wait", "20s"));
             Proc b = Proc.java(net.args("cat", "chat", "--name", "b", "--wait", "20s"))) {
            a.send("from a");
            b.send("from b");
            assertThat(b.awaitOut(l -> l.equals("from a"), "'from a' at b")).isEqualTo("from a");
            assertThat(a.awaitOut(l -> l.equals("from b"), "'from b' at a")).isEqualTo("from b");
            a.send("ünïcödé ✓");
            b.awaitOut(l -> l.equals("ünïcödé ✓"), "unicode line at b");
            a.closeStdin();
            assertThat(a.awaitExit(EXIT)).as(a.err.text()).isZero();
            b.closeStdin();
            assertThat(b.awaitExit(EXIT)).as(b.err.text()).isZero();
        }
    }

    @Test
    void catWithStdinFromDevNullOnlyPrints() throws Exception {
        try (Peers net = new Peers(); Proc reader = Proc.javaWithoutInput(net.args("cat", "news", "--name", "reader",
                "--count", "1", "--wait", "1s"))) {
            Peers.Node bob = net.start("bob", b -> { });
            bob.await(ZreEvent.Join.class, j -> j.group().equals("news"));
            // past --wait: a cat that wanted to send would have given up (exit 1) by now. No signal marks
            // "--wait passed" in a cat that only prints, so this checks for a bounded time that it keeps running
            await("the reader runs on past its --wait of 1s").during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(10)).until(reader.process::isAlive);
            bob.node().shout("news", "extra! extra!");
            assertThat(reader.awaitExit(EXIT)).as(reader.err.text()).isZero();
            reader.awaitOut(l -> l.equals("extra! extra!"), "the shout");
        }
    }

    @Test
    void jsonShellProcessIsDrivenByJsonLinesAndLeavesOnSigterm() throws Exception {
        try (Peers net = new Peers(); Proc alice = Proc.java(net.args("shell", "--json", "--name", "alice", "--group", "chat"))) {
            JsonNode ready = jackson.readTree(alice.awaitOut(l -> l.contains("\"READY\""), "READY"));
            Peers.Node bob = net.start("bob", b -> b.group("chat"));
            JsonNode enter = jackson.readTree(alice.awaitOut(l -> l.contains("\"ENTER\""), "ENTER"));
            assertThat(enter.get("peer").asText()).isEqualTo(PeerId.of(bob.node().uuid()).toString());
            bob.await(ZreEvent.Join.class, j -> j.group().equals("chat"));

            alice.send("{\"cmd\":\"shout\",\"group\":\"chat\",\"text\":\"hello from a process\",\"id\":\"s1\"}");
            assertThat(bob.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("hello from a process");
            bob.node().shout("chat", "hello back");
            JsonNode shout = jackson.readTree(alice.awaitOut(l -> l.contains("\"SHOUT\""), "SHOUT"));
            assertThat(shout.get("text").asText()).isEqualTo("hello back");

            alice.terminate();
            alice.awaitExit(EXIT);
            assertThat(bob.await(ZreEvent.Exit.class, e -> e.peer().equals(
                    PeerId.parse(ready.get("uuid").asText()).uuid())).reason()).isEqualTo(ExitReason.LEFT);
            alice.awaitOut(l -> l.equals("{\"event\":\"STOP\"}"), "STOP from the shutdown hook");
            List<String> lines = alice.out.text().lines().toList();
            assertThat(lines.get(0)).startsWith("{\"event\":\"READY\"");
            for (String line : lines) {
                assertThat(jackson.readTree(line).get("event").isString()).as(line).isTrue();
            }
        }
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() throws Exception {
        try (Proc p = Proc.java("cat", "g", "--port", "0")) {
            assertThat(p.awaitExit(EXIT)).isEqualTo(2);
            assertThat(p.err.text()).contains("zre cat: Invalid value for option '--port': '0' is not a port");
            assertThat(p.out.text()).isEmpty();
        }
        try (Proc p = Proc.java("frobnicate")) {
            assertThat(p.awaitExit(EXIT)).isEqualTo(2);
            assertThat(p.err.text()).contains("Unmatched argument at index 0: 'frobnicate'");
        }
    }

    @Test
    void sendExitsWithOneWhenNobodyListens() throws Exception {
        int port = Cli.randomPort();
        try (Proc p = Proc.java("send", "--group", "void", "anyone?", "-i", "loopback", "-p", String.valueOf(port),
                "--timeout", "500ms")) {
            assertThat(p.awaitExit(EXIT)).isEqualTo(1);
            assertThat(p.err.text()).contains("no peer joined group 'void' within 500ms");
        }
    }

    @Test
    void launcherScriptFindsTheJarInTarget() throws Exception {
        try (Proc p = Proc.of("bash", "bin/zre", "--version")) {
            assertThat(p.awaitExit(EXIT)).as(p.err.text()).isZero();
            assertThat(p.out.text()).startsWith("zre 0.1.0");
        }
    }
}
