package dev.zre.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ExitReason;
import dev.zre.PeerId;
import dev.zre.ZreEvent;
import dev.zre.ZreStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every command in-process against real zre-core nodes on loopback. */
@Timeout(60)
class CommandsTest {

    private final ObjectMapper jackson = new ObjectMapper();

    private JsonNode json(String line) {
        return jackson.readTree(line);
    }

    @Test
    void sendShoutsToTheGroupAndExitsZero() throws Exception {
        try (Peers peers = new Peers()) {
            Peers.Node bob = peers.start("bob", b -> b.group("chat"));
            try (Cli cli = Cli.withInput("", peers.args("send", "--group", "chat", "hello", "world"))) {
                assertThat(cli.exitCode()).as(cli.err.text()).isZero();
            }
            assertThat(bob.await(ZreEvent.Shout.class, s -> s.group().equals("chat")).text()).isEqualTo("hello world");
        }
    }

    @Test
    void sendReachesAStaticEndpointWithoutBeacons() throws Exception {
        try (Peers peers = new Peers()) {
            Peers.Node bob = peers.start("bob", b -> b.group("chat"));
            String endpoint = bob.node().endpoint().orElseThrow();
            try (Cli cli = Cli.withInput("", peers.args("send", "--group", "chat", "direct", "--no-beacon",
                    "--endpoint", endpoint))) {
                assertThat(cli.exitCode()).as(cli.err.text()).isZero();
            }
            assertThat(bob.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("direct");
            assertThat(bob.node().statistics().get(ZreStatistics.Counter.BEACONS_RECEIVED)).isZero();
        }
    }

    @Test
    void sendReachesANodeFoundByDnsNameWithoutBeacons() throws Exception {
        int mailboxPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            mailboxPort = free.getLocalPort();
        }
        try (Peers peers = new Peers()) {
            Peers.Node bob = peers.start("bob", b -> b.group("chat").beaconEnabled(false).mailboxPort(mailboxPort));
            // localhost resolves to 127.0.0.1, where bob's mailbox is; the command runs on 127.0.0.2
            try (Cli cli = Cli.withInput("", "send", "--group", "chat", "by-dns", "--no-beacon", "--dns", "localhost",
                    "--dns-port", String.valueOf(mailboxPort), "--interface", "127.0.0.2", "--port",
                    String.valueOf(peers.port))) {
                assertThat(cli.exitCode()).as(cli.err.text()).isZero();
            }
            assertThat(bob.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("by-dns");
        }
    }

    @Test
    void sendWhispersToAPeerByName() throws Exception {
        try (Peers peers = new Peers()) {
            Peers.Node bob = peers.start("bob", b -> { });
            try (Cli cli = Cli.withInput("", peers.args("send", "--peer", "bob", "psst", "--json"))) {
                assertThat(cli.exitCode()).as(cli.err.text()).isZero();
                JsonNode sent = json(cli.awaitOut(l -> l.contains("\"SENT\""), "SENT"));
                assertThat(sent.get("peers").get(0).asText()).isEqualTo(PeerId.of(bob.node().uuid()).toString());
            }
            assertThat(bob.await(ZreEvent.Whisper.class, w -> true).text()).isEqualTo("psst");
        }
    }

    @Test
    void catPrintsTheGroupsShoutsAndStopsAfterCount() throws Exception {
        try (Peers peers = new Peers()) {
            Peers.Node bob = peers.start("bob", b -> { });
            try (Cli cli = Cli.start(peers.args("cat", "news", "--no-stdin", "--count", "2", "--name", "reader"))) {
                bob.await(ZreEvent.Join.class, j -> j.group().equals("news"));
                bob.node().shout("other", "not for cat");
                bob.node().shout("news", "first");
                bob.node().shout("news", "second\n");
                assertThat(cli.exitCode()).as(cli.err.text()).isZero();
                assertThat(cli.out.text()).isEqualTo("first\nsecond");
            }
        }
    }

    @Test
    void catShoutsEachLineOfItsInputThenExits() throws Exception {
        try (Peers peers = new Peers()) {
            Peers.Node bob = peers.start("bob", b -> b.group("uptime"));
            try (Cli cli = Cli.withInput("load 0.1\nload 0.2\n", peers.args("cat", "uptime", "--stdin"))) {
                assertThat(bob.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("load 0.1");
                assertThat(bob.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("load 0.2");
                assertThat(cli.exitCode()).as(cli.err.text()).isZero();
            }
            assertThat(bob.await(ZreEvent.Exit.class, e -> true).reason()).isEqualTo(ExitReason.LEFT);
        }
    }

    @Test
    void jsonShellReportsEventsAndRunsCommands() throws Exception {
        try (Peers peers = new Peers(); Cli cli = Cli.start(peers.args("shell", "--json", "--name", "alice",
                "--header", "X-ROLE=driver", "--group", "ops"))) {
            JsonNode ready = json(cli.awaitOut(l -> l.contains("\"READY\""), "READY"));
            assertThat(cli.out.text()).as("READY is the first line").startsWith("{\"event\":\"READY\"");
            assertThat(ready.get("name").asText()).isEqualTo("alice");
            assertThat(ready.get("uuid").asText()).matches("[0-9A-F]{32}");
            assertThat(ready.get("endpoint").asText()).startsWith("tcp://127.0.0.1:");

            Peers.Node bob = peers.start("bob", b -> b.header("X-ROLE", "worker").group("chat"));
            String bobHex = PeerId.of(bob.node().uuid()).toString();
            JsonNode enter = json(cli.awaitOut(l -> l.contains("\"ENTER\""), "ENTER"));
            assertThat(enter.get("peer").asText()).isEqualTo(bobHex);
            assertThat(enter.get("name").asText()).isEqualTo("bob");
            assertThat(enter.get("headers").get("X-ROLE").asText()).isEqualTo("worker");
            assertThat(enter.get("address").asText()).startsWith("tcp://127.0.0.1:");
            JsonNode join = json(cli.awaitOut(l -> l.contains("\"JOIN\""), "JOIN"));
            assertThat(join.get("group").asText()).isEqualTo("chat");
            ZreEvent.Enter aliceEnter = bob.await(ZreEvent.Enter.class, e -> e.peerName().equals("alice"));
            assertThat(aliceEnter.headers()).containsEntry("X-ROLE", "driver");

            cli.send("{\"cmd\":\"join\",\"group\":\"chat\",\"id\":7}");
            JsonNode ok = json(cli.awaitOut(l -> l.contains("\"OK\""), "OK"));
            assertThat(ok.get("cmd").asText()).isEqualTo("join");
            assertThat(ok.get("id").asInt()).isEqualTo(7);
            bob.await(ZreEvent.Join.class, j -> j.group().equals("chat"));

            cli.send("{\"cmd\":\"shout\",\"group\":\"chat\",\"text\":\"hi bob\"}");
            assertThat(bob.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("hi bob");
            cli.send("{\"cmd\":\"whisper\",\"peer\":\"bob\",\"frames\":[\"" + b64("a") + "\",\"" + b64("b") + "\"]}");
            ZreEvent.Whisper w = bob.await(ZreEvent.Whisper.class, x -> true);
            assertThat(w.frames()).hasSize(2);

            bob.node().whisper(aliceEnter.peer(), new byte[] {(byte) 0xFF, 0}, "second".getBytes());
            JsonNode whisper = json(cli.awaitOut(l -> l.contains("\"WHISPER\""), "WHISPER"));
            assertThat(whisper.has("text")).as("first frame is not UTF-8").isFalse();
            assertThat(Base64.getDecoder().decode(whisper.get("frames").get(0).asText())).containsExactly(0xFF, 0);
            assertThat(whisper.get("frames").get(1).asText()).isEqualTo(b64("second"));
            bob.node().shout("chat", "to all");
            JsonNode shout = json(cli.awaitOut(l -> l.contains("\"SHOUT\""), "SHOUT"));
            assertThat(shout.get("text").asText()).isEqualTo("to all");
            assertThat(shout.get("group").asText()).isEqualTo("chat");
            assertThat(shout.get("peer").asText()).isEqualTo(bobHex);

            cli.send("{\"cmd\":\"peers\"}");
            JsonNode list = json(cli.awaitOut(l -> l.contains("\"PEERS\""), "PEERS"));
            assertThat(list.get("peers").get(0).get("peer").asText()).isEqualTo(bobHex);
            assertThat(list.get("peers").get(0).get("groups").get(0).asText()).isEqualTo("chat");
            cli.send("{\"cmd\":\"groups\"}");
            JsonNode groups = json(cli.awaitOut(l -> l.contains("\"GROUPS\""), "GROUPS"));
            assertThat(groups.get("own").toString()).isEqualTo("[\"chat\",\"ops\"]");
            assertThat(groups.get("peers").get("chat").get(0).asText()).isEqualTo(bobHex);

            cli.send("this is not json");
            JsonNode error = json(cli.awaitOut(l -> l.contains("\"ERROR\""), "ERROR"));
            assertThat(error.get("message").asText()).contains("invalid JSON at character 1");
            cli.send("{\"cmd\":\"whisper\",\"peer\":\"nobody\",\"text\":\"x\"}");
            assertThat(json(cli.awaitOut(l -> l.contains("\"ERROR\""), "ERROR")).get("message").asText())
                    .contains("no peer 'nobody' is known");
            cli.send("{\"cmd\":\"fly\"}");
            assertThat(json(cli.awaitOut(l -> l.contains("\"ERROR\""), "ERROR")).get("message").asText())
                    .contains("unknown cmd 'fly'");

            cli.send("{\"cmd\":\"leave\",\"group\":\"chat\"}");
            bob.await(ZreEvent.Leave.class, l -> l.group().equals("chat"));
            cli.send("{\"cmd\":\"quit\"}");
            assertThat(cli.exitCode()).isZero();
            cli.awaitOut(l -> l.equals("{\"event\":\"STOP\"}"), "STOP");
            assertThat(bob.await(ZreEvent.Exit.class, e -> true).reason()).isEqualTo(ExitReason.LEFT);
        }
    }

    @Test
    void readyIsTheFirstLineEvenWhenPeersAreAlreadyThere() throws Exception {
        try (Peers peers = new Peers()) {
            peers.start("bob", b -> b.group("chat"));
            try (Cli cli = Cli.start(peers.args("shell", "--json"))) {
                cli.awaitOut(l -> l.contains("\"JOIN\""), "JOIN");
                assertThat(cli.out.text().lines().map(l -> json(l).get("event").asText()).toList())
                        .startsWith("READY", "ENTER", "JOIN");
                cli.closeStdin();
                assertThat(cli.exitCode()).isZero();
            }
        }
    }

    @Test
    void shellWithStayKeepsRunningAfterStdinEnds() throws Exception {
        try (Peers peers = new Peers(); Cli cli = Cli.start(peers.args("shell", "--json", "--stay", "--name", "alice"))) {
            cli.awaitOut(l -> l.contains("\"READY\""), "READY");
            cli.closeStdin();
            Peers.Node bob = peers.start("bob", b -> { });
            ZreEvent.Enter alice = bob.await(ZreEvent.Enter.class, e -> e.peerName().equals("alice"));
            bob.node().whisper(alice.peer(), "still there?");
            assertThat(json(cli.awaitOut(l -> l.contains("\"WHISPER\""), "WHISPER")).get("text").asText())
                    .isEqualTo("still there?");
        }
    }

    @Test
    void textMonitorPrintsOneLinePerEventAndTheTable() throws Exception {
        try (Peers peers = new Peers(); Cli cli = Cli.start(peers.args("monitor", "--refresh", "100ms", "--duration", "30s"))) {
            cli.awaitOut(l -> l.startsWith("monitoring as "), "banner");
            Peers.Node bob = peers.start("bob", b -> b.header("X-ROLE", "worker").group("chat"));
            cli.awaitOut(l -> l.endsWith("[ENTER] bob (" + PeerId.of(bob.node().uuid()).toString().substring(0, 8) + ") "
                    + bob.node().endpoint().orElseThrow() + " {X-ROLE=worker}"), "ENTER line");
            cli.awaitOut(l -> l.startsWith("bob ") && l.contains("ALIVE") && l.contains("chat") && l.contains("{X-ROLE=worker}"),
                    "table row");
            cli.awaitOut(l -> l.startsWith("peers 1  entered 1"), "counters");
        }
    }

    @Test
    void textShellJoinsShoutsAndListsPeers() throws Exception {
        try (Peers peers = new Peers(); Cli cli = Cli.start(peers.args("shell", "--name", "alice"))) {
            Peers.Node bob = peers.start("bob", b -> b.group("chat"));
            cli.awaitOut(l -> l.startsWith("[ENTER] bob"), "ENTER");
            cli.send("/join chat");
            bob.await(ZreEvent.Join.class, j -> j.group().equals("chat"));
            cli.send("hello there");
            assertThat(bob.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("hello there");
            cli.send("/whisper bob psst");
            assertThat(bob.await(ZreEvent.Whisper.class, s -> true).text()).isEqualTo("psst");
            bob.node().shout("chat", "back");
            cli.awaitOut(l -> l.equals("[SHOUT] #chat <bob> back"), "SHOUT");
            cli.send("/peers");
            cli.awaitOut(l -> l.startsWith(PeerId.of(bob.node().uuid()) + "  bob  tcp://127.0.0.1:"), "peer line");
            cli.send("/whisper nobody x");
            cli.err.await(l -> l.contains("no peer 'nobody' is known"), Duration.ofSeconds(10), "error");
            cli.closeStdin();
            assertThat(cli.exitCode()).isZero();
        }
    }

    @Test
    void timeShoutsTheTimeToGroupTime() throws Exception {
        try (Peers peers = new Peers()) {
            Peers.Node bob = peers.start("bob", b -> b.group("time"));
            try (Cli cli = Cli.start(peers.args("time", "--interval", "100ms", "--count", "30"))) {
                ZreEvent.Shout shout = bob.await(ZreEvent.Shout.class, s -> s.group().equals("time"));
                assertThat(Instant.parse(shout.text())).isNotNull();
                assertThat(cli.exitCode()).isZero();
            }
        }
    }

    @Test
    void monitorReportsEnterAndExitAsJson() throws Exception {
        try (Peers peers = new Peers(); Cli cli = Cli.start(peers.args("monitor", "--json", "--refresh", "100ms",
                "--duration", "30s"))) {
            cli.awaitOut(l -> l.contains("\"READY\""), "READY");
            Peers.Node bob = peers.start("bob", b -> b.group("chat"));
            String bobHex = PeerId.of(bob.node().uuid()).toString();
            assertThat(json(cli.awaitOut(l -> l.contains("\"ENTER\""), "ENTER")).get("peer").asText()).isEqualTo(bobHex);
            JsonNode table = json(cli.awaitOut(l -> l.contains("\"PEERS\"") && l.contains("chat"), "PEERS"));
            assertThat(table.get("peers").get(0).get("name").asText()).isEqualTo("bob");
            bob.node().stop();
            JsonNode exit = json(cli.awaitOut(l -> l.contains("\"EXIT\""), "EXIT"));
            assertThat(exit.get("reason").asText()).isEqualTo("left");
        }
    }

    @Test
    void silentMonitorSeesBeaconsWithoutBeingSeen() throws Exception {
        try (Peers peers = new Peers(); Cli cli = Cli.start(peers.args("monitor", "--silent", "--json", "--refresh", "100ms",
                "--duration", "30s"))) {
            JsonNode ready = json(cli.awaitOut(l -> l.contains("\"READY\""), "READY"));
            assertThat(ready.get("silent").asBoolean()).isTrue();
            Peers.Node bob = peers.start("bob", b -> { });
            JsonNode appear = json(cli.awaitOut(l -> l.contains("\"APPEAR\""), "APPEAR"));
            assertThat(appear.get("peer").asText()).isEqualTo(PeerId.of(bob.node().uuid()).toString());
            assertThat(appear.get("endpoint").asText()).isEqualTo(bob.node().endpoint().orElseThrow());
            // a few more of bob's beacons go out and reach the listening monitor, which must answer none; by
            // then a monitor that beaconed itself (every 200 ms, like bob) would have been heard by bob
            long sent = bob.node().statistics().get(ZreStatistics.Counter.BEACONS_SENT);
            await("three more beacons from bob").atMost(Duration.ofSeconds(10))
                    .until(() -> bob.node().statistics().get(ZreStatistics.Counter.BEACONS_SENT) >= sent + 3);
            assertThat(bob.node().statistics().get(ZreStatistics.Counter.BEACONS_RECEIVED)).isZero();
            assertThat(bob.node().peers()).isEmpty();
            bob.node().stop();
            JsonNode gone = json(cli.awaitOut(l -> l.contains("\"DISAPPEAR\""), "DISAPPEAR"));
            assertThat(gone.get("reason").asText()).isEqualTo("left");
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }
}
