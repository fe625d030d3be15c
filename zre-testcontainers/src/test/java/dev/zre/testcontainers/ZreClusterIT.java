package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Three ZRE nodes (the sample app) in three containers on one Docker network: they find each other by
 * real UDP broadcast on {@code eth0}, and the tests break them the ways real networks break (stop,
 * kill, pause, partition, restart) and check what the survivors see, through the REST API, the
 * actuator and the container logs.
 *
 * <p>Timeouts are shortened (evasive 1 s, expired 4 s) so that failures show quickly. Every timing is
 * a deadline polled every 100 ms (Awaitility), with a margin for the node's 1 s liveness check and for
 * two shared cores; lower bounds only prove that an EXIT came from expiry rather than a goodbye.
 *
 * <p>Before each test the cluster is made whole again: stopped nodes are started (with a fresh id)
 * and every node must see exactly the other two. Restarts cost a JVM start each, so the suite
 * restarts a node only twice (after the graceful stop and after the kill).
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ZreClusterIT {

    static final Duration EVASIVE = Duration.ofSeconds(1);
    static final Duration EXPIRED = Duration.ofSeconds(4);
    /** The node checks liveness once a second; add polling and two busy cores. */
    static final Duration MARGIN = Duration.ofSeconds(4);
    /** From "all containers answer HTTP" to "every node sees every other". */
    static final Duration MESH = Duration.ofSeconds(20);
    static final Duration DELIVERY = Duration.ofSeconds(10);
    /**
     * The earliest an EXIT by expiry can follow the moment a node falls silent: a quiet peer is pinged
     * after {@code EVASIVE} and the check runs every second, so it was last heard at most
     * {@code EVASIVE + 1 s} before.
     */
    static final Duration EARLIEST_EXPIRY = EXPIRED.minus(EVASIVE).minusSeconds(1);
    static final String GROUP = "chat";

    /** The node's debug line for an EXIT: name, id (zyre's 32 hex digits or the dashed form), reason. */
    private static final Pattern EXIT_LINE = Pattern.compile("EXIT (\\S+) ([0-9A-Fa-f-]{32,36}) \\((\\w+)\\)");
    /** How often the sample app's nodes beacon (zre.beacon-interval is left at its default). */
    static final Duration BEACON_INTERVAL = Duration.ofSeconds(1);

    static ThreeNodeCluster cluster;
    static ZreContainer alice;
    static ZreContainer bob;
    static ZreContainer carol;

    @BeforeAll
    static void startCluster() {
        cluster = new ThreeNodeCluster(ZreClusterIT::node);
        alice = cluster.alice;
        bob = cluster.bob;
        carol = cluster.carol;
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ZreContainer node(String name) {
        return new ZreContainer()
                .withNodeName(name)
                .withGroups(GROUP)
                .withEvasiveTimeout(EVASIVE)
                .withExpiredTimeout(EXPIRED)
                // ENTER and EXIT (with its reason) are logged at debug by the node
                .withEnv("LOGGING_LEVEL_DEV_ZRE_INTERNAL", "DEBUG");
    }

    /** How much of each container's log existed when the test began: tests look only at what follows. */
    private final Map<ZreContainer, Integer> logMark = new HashMap<>();

    @BeforeEach
    void wholeCluster() {
        for (ZreContainer node : all()) {
            makeHealthy(node);
        }
        awaitMesh();
        for (ZreContainer node : all()) {
            logMark.put(node, node.getLogs().length());
        }
    }

    // ------------------------------------------------------------------ discovery and messages

    @Test
    @Order(1)
    void everyNodeDiscoversTheOthersByBroadcastOnItsNetwork() {
        Map<ZreContainer, ZreNodeInfo> nodes = all().stream()
                .collect(Collectors.toMap(c -> c, c -> c.api().node()));
        for (ZreContainer node : all()) {
            ZreNodeInfo self = nodes.get(node);
            assertThat(self.endpoint()).as("%s binds its mailbox on eth0", node)
                    .startsWith("tcp://" + node.ipAddress() + ":");
            assertThat(self.groups()).contains(GROUP);
            List<ZrePeerInfo> peers = node.api().peers();
            List<ZreContainer> others = others(node);
            assertThat(peers).extracting(ZrePeerInfo::id)
                    .containsExactlyInAnyOrderElementsOf(others.stream().map(o -> nodes.get(o).id()).toList());
            for (ZrePeerInfo peer : peers) {
                ZreContainer other = others.stream().filter(o -> nodes.get(o).id().equals(peer.id())).findFirst()
                        .orElseThrow();
                assertThat(peer.name()).isEqualTo(nodes.get(other).name());
                assertThat(peer.address()).isEqualTo(nodes.get(other).endpoint());
                assertThat(peer.groups()).contains(GROUP);
                node.await().log("ENTER " + peer.name() + " " + peer.id(), DELIVERY);
            }
        }
        Map<String, Object> actuator = alice.api().actuator();
        assertThat(actuator.get("node")).as("the actuator endpoint shows the node on eth0")
                .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("interface", "eth0");
        assertThat(actuator.get("peers")).as("the actuator endpoint lists the peers")
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .extracting(p -> PeerId.parse(String.valueOf(((Map<?, ?>) p).get("uuid"))))
                .containsExactlyInAnyOrder(nodes.get(bob).id(), nodes.get(carol).id());
        for (ZreContainer node : all()) {
            assertThat(node.api().metric("zre.beacons.received").orElse(0)).as("%s found its peers by UDP beacons", node)
                    .isPositive();
        }
    }

    @Test
    @Order(2)
    void aShoutReachesEveryOtherMemberOfTheGroup() {
        PeerId sender = alice.api().id();
        String text = "hello everyone " + System.nanoTime();
        alice.api().shout(GROUP, text);
        for (ZreContainer receiver : List.of(bob, carol)) {
            ZreMessageInfo message = receiver.await().message(m -> text.equals(m.text()), DELIVERY);
            assertThat(message.isShout()).isTrue();
            assertThat(message.group()).isEqualTo(GROUP);
            assertThat(message.peer()).isEqualTo(sender);
            assertThat(message.name()).isEqualTo("alice");
        }
        assertThat(alice.api().messages()).as("a node does not hear its own shout").noneMatch(m -> text.equals(m.text()));
    }

    @Test
    @Order(3)
    void aWhisperReachesOnlyItsPeer() {
        String text = "psst " + System.nanoTime();
        alice.api().whisper(carol.api().id(), text);
        ZreMessageInfo message = carol.await().message(m -> text.equals(m.text()), DELIVERY);
        assertThat(message.isWhisper()).isTrue();
        assertThat(message.peer()).isEqualTo(alice.api().id());
        assertThat(bob.api().messages()).noneMatch(m -> text.equals(m.text()));
    }

    @Test
    @Order(4)
    void joinAndLeaveAreSeenByThePeers() {
        PeerId bobId = bob.api().id();
        bob.api().join("ops");
        alice.await().peers(peers -> peers.stream().anyMatch(p -> p.id().equals(bobId) && p.groups().contains("ops")),
                "bob in ops", DELIVERY);
        assertThat(alice.api().groups()).anySatisfy(g -> {
            assertThat(g.name()).isEqualTo("ops");
            assertThat(g.members()).containsExactly(bobId);
            assertThat(g.joined()).isFalse();
        });
        bob.api().leave("ops");
        carol.await().peers(peers -> peers.stream().anyMatch(p -> p.id().equals(bobId) && !p.groups().contains("ops")),
                "bob out of ops", DELIVERY);
        alice.await().peers(peers -> peers.stream().anyMatch(p -> p.id().equals(bobId) && !p.groups().contains("ops")),
                "bob out of ops", DELIVERY);
    }

    // ------------------------------------------------------------------ liveness

    @Test
    @Order(5)
    void aNodeUnpausedBeforeExpiryStaysAndMessagesFlow() {
        PeerId carolId = carol.api().id();
        PeerWatch watch = PeerWatch.of(carolId, alice, bob);
        carol.faults().pause();
        Duration unpausedAt;
        try {
            watch.awaitNotAlive(EVASIVE.plus(MARGIN));
        } finally {
            carol.faults().unpause();
            unpausedAt = watch.elapsed();
        }
        report("pause, unpause before expiry: %s, unpaused at %s", watch, unpausedAt);
        assertThat(unpausedAt).as("unpaused before the expired timeout, or this test proves nothing")
                .isLessThan(EXPIRED);
        watch.awaitWhilePresent(() -> all().stream().allMatch(this::seesEveryOtherAlive), DELIVERY,
                "carol alive again everywhere");

        String fromCarol = "back " + System.nanoTime();
        carol.api().shout(GROUP, fromCarol);
        String toCarol = "welcome back " + System.nanoTime();
        alice.api().shout(GROUP, toCarol);
        alice.await().message(m -> fromCarol.equals(m.text()), DELIVERY);
        bob.await().message(m -> fromCarol.equals(m.text()), DELIVERY);
        carol.await().message(m -> toCarol.equals(m.text()), DELIVERY);
        for (ZreContainer observer : List.of(alice, bob)) {
            assertThat(exits(observer, carolId)).as("%s never saw carol exit", observer).isEmpty();
        }
        assertThat(carol.api().id()).isEqualTo(carolId);
    }

    @Test
    @Order(6)
    void aPausedNodeTurnsEvasiveThenExpiresAndReturnsWhenUnpaused() {
        PeerId carolId = carol.api().id();
        PeerWatch watch = PeerWatch.of(carolId, alice, bob);
        carol.faults().pause();
        Map<ZreContainer, List<String>> exitsWhilePaused = new HashMap<>();
        try {
            watch.awaitNotAlive(EVASIVE.plus(MARGIN));
            watch.awaitGone(EXPIRED.plus(MARGIN));
            for (ZreContainer observer : List.of(alice, bob)) {
                exitsWhilePaused.put(observer, exits(observer, carolId));
            }
        } finally {
            carol.faults().unpause();
        }
        report("pause until expiry: %s", watch);
        for (ZreContainer observer : List.of(alice, bob)) {
            assertThat(watch.notAlive().get(observer)).as("%s reported carol evasive before EXIT", observer)
                    .isNotNull()
                    .isLessThan(watch.gone().get(observer));
            assertThat(watch.gone().get(observer)).as("%s expired carol, it did not drop her at once", observer)
                    .isGreaterThanOrEqualTo(EARLIEST_EXPIRY);
            assertThat(exitsWhilePaused.get(observer)).containsExactly("EXPIRED");
        }
        // carol's own node saw nothing while frozen: it expires the others, then everyone meets again
        awaitMesh();
        assertThat(carol.api().id()).isEqualTo(carolId);
        awaitLog(alice, "ENTER carol " + carolId, DELIVERY);
        awaitLog(bob, "ENTER carol " + carolId, DELIVERY);
    }

    @Test
    @Order(7)
    void aPartitionedNodeExitsOnBothSidesAndReentersAfterReconnect() {
        PeerId carolId = carol.api().id();
        PeerId aliceId = alice.api().id();
        PeerId bobId = bob.api().id();
        double carolExpiredBefore = carol.api().metric("zre.peers.exited", "reason:expired").orElse(0);
        PeerWatch watch = PeerWatch.of(carolId, alice, bob);
        carol.faults().disconnect();
        Map<ZreContainer, List<String>> exitsWhileCut = new HashMap<>();
        try {
            watch.awaitGone(EXPIRED.plus(MARGIN));
            // carol's HTTP port is unreachable without her network; her log tells what she saw
            awaitLog(carol, "EXIT alice " + aliceId + " (EXPIRED)", EXPIRED.plus(MARGIN));
            awaitLog(carol, "EXIT bob " + bobId + " (EXPIRED)", EXPIRED.plus(MARGIN));
            for (ZreContainer observer : List.of(alice, bob)) {
                exitsWhileCut.put(observer, exits(observer, carolId));
            }
        } finally {
            carol.faults().reconnect();
        }
        Duration reconnectedAt = watch.elapsed();
        report("partition: %s, carol saw both exit and was reconnected at %s", watch, reconnectedAt);
        for (ZreContainer observer : List.of(alice, bob)) {
            assertThat(watch.gone().get(observer)).isGreaterThanOrEqualTo(EARLIEST_EXPIRY);
            assertThat(exitsWhileCut.get(observer)).containsExactly("EXPIRED");
        }

        awaitMesh();
        Duration meshedAt = watch.elapsed();
        report("partition healed: every node sees the other two again %s after reconnect", meshedAt.minus(reconnectedAt));
        assertThat(carol.api().id()).isEqualTo(carolId);
        assertThat(carol.api().metric("zre.peers.exited", "reason:expired")).as("carol's own count of expired peers")
                .hasValue(carolExpiredBefore + 2);
        String fromCarol = "healed " + System.nanoTime();
        String toCarol = "you are back " + System.nanoTime();
        withLogsOnFailure(() -> {
            carol.api().shout(GROUP, fromCarol);
            alice.await().message(m -> fromCarol.equals(m.text()), DELIVERY);
            bob.await().message(m -> fromCarol.equals(m.text()), DELIVERY);
            bob.api().whisper(carolId, toCarol);
            carol.await().message(m -> toCarol.equals(m.text()), DELIVERY);
        });
    }

    /**
     * Runs the assertions and, when one fails, adds the tail of every node's log to the failure: a
     * message lost after a partition healed was seen once in about ten runs and not reproduced since.
     */
    private void withLogsOnFailure(Runnable assertions) {
        try {
            assertions.run();
        } catch (AssertionError e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (ZreContainer node : List.of(alice, bob, carol)) {
                String[] lines = node.getLogs().split("\n");
                logs.append("\n--- last log lines of ").append(node).append(" ---\n");
                for (int i = Math.max(0, lines.length - 40); i < lines.length; i++) {
                    logs.append(lines[i]).append('\n');
                }
            }
            throw new AssertionError(logs.toString(), e);
        }
    }

    // ------------------------------------------------------------------ leaving and restarting

    @Test
    @Order(8)
    void aGracefullyStoppedNodeLeavesAtOnce() {
        PeerId carolId = carol.api().id();
        PeerWatch watch = PeerWatch.of(carolId, alice, bob);
        carol.faults().stopGracefully(Duration.ofSeconds(10));
        Duration stoppedAt = watch.elapsed();
        watch.awaitGone(EXPIRED.plus(MARGIN));
        report("graceful stop: %s, docker stop returned at %s", watch, stoppedAt);
        assertThat(watch.lastGone()).as("EXIT follows a graceful stop within about a second, well before expiry")
                .isLessThanOrEqualTo(stoppedAt.plus(Duration.ofMillis(2500)));
        for (ZreContainer observer : List.of(alice, bob)) {
            assertThat(exits(observer, carolId)).containsExactly("LEFT");
        }
    }

    @Test
    @Order(9)
    void aKilledNodeExpiresAndRestartsWithAFreshIdLeavingNoGhost() {
        PeerId oldId = carol.api().id();
        PeerWatch watch = PeerWatch.of(oldId, alice, bob);
        carol.faults().kill();
        watch.awaitGone(EXPIRED.plus(MARGIN));
        report("docker kill: %s", watch);
        assertThat(watch.firstGone()).as("a killed node cannot say goodbye; it is dropped only by expiry")
                .isGreaterThanOrEqualTo(EARLIEST_EXPIRY);
        for (ZreContainer observer : List.of(alice, bob)) {
            assertThat(exits(observer, oldId)).containsExactly("EXPIRED");
        }

        carol.stop();
        carol.start();
        PeerId freshId = carol.api().id();
        assertThat(freshId).isNotEqualTo(oldId);
        awaitMesh();
        report("restart after kill: new id %s, meshed %s after the kill", freshId, watch.elapsed());
        // and stays so: the old id does not come back with later beacons. The signal: every node has
        // heard three more beacons from each of its two peers (the count leaves out its own beacons)
        Map<ZreContainer, Double> beaconsAtMesh = all().stream().collect(Collectors.toMap(n -> n, ZreClusterIT::beaconsReceived));
        PeerWatch fresh = PeerWatch.of(freshId, alice, bob);
        fresh.awaitWhilePresent(() -> all().stream().allMatch(n -> beaconsReceived(n) >= beaconsAtMesh.get(n) + 6)
                && all().stream().allMatch(this::seesExactlyTheOthers), DELIVERY.plus(BEACON_INTERVAL.multipliedBy(3)),
                "a stable mesh without ghosts after three more beacons from every peer");
        assertThat(all().stream().flatMap(n -> n.api().peers().stream()).map(ZrePeerInfo::id)).doesNotContain(oldId);
    }

    // ------------------------------------------------------------------ helpers

    private static List<ZreContainer> all() {
        return List.of(alice, bob, carol);
    }

    private static List<ZreContainer> others(ZreContainer node) {
        return all().stream().filter(n -> n != node).toList();
    }

    /** Undoes what an earlier (failed) test may have left: a paused, stopped or cut-off container. */
    private static void makeHealthy(ZreContainer node) {
        if (node.getContainerId() != null && node.faults().isPaused()) {
            node.faults().unpause();
        }
        if (!node.isRunning() || !answers(node)) {
            node.stop();
            node.start();
        }
    }

    private static boolean answers(ZreContainer node) {
        try {
            node.api().node();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Waits until every node sees exactly the current ids of the other two. */
    private static void awaitMesh() {
        Map<ZreContainer, PeerId> ids = all().stream().collect(Collectors.toMap(n -> n, n -> n.api().id()));
        for (ZreContainer node : all()) {
            Set<PeerId> expected = others(node).stream().map(ids::get).collect(Collectors.toCollection(TreeSet::new));
            node.await().peers(peers -> idsOf(peers).equals(expected), "exactly the peers " + expected, MESH);
        }
    }

    private boolean seesExactlyTheOthers(ZreContainer node) {
        Set<PeerId> expected = others(node).stream().map(n -> n.api().id()).collect(Collectors.toSet());
        return idsOf(node.api().peers()).equals(expected);
    }

    private boolean seesEveryOtherAlive(ZreContainer node) {
        List<ZrePeerInfo> peers = node.api().peers();
        return peers.size() == 2 && peers.stream().allMatch(ZrePeerInfo::isAlive);
    }

    private static Set<PeerId> idsOf(List<ZrePeerInfo> peers) {
        return peers.stream().map(ZrePeerInfo::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static double beaconsReceived(ZreContainer node) {
        return node.api().metric("zre.beacons.received").orElse(0);
    }

    /** The container's log since the test began (all of it after a restart). */
    private String logSinceStart(ZreContainer container) {
        String logs = container.getLogs();
        int mark = logMark.getOrDefault(container, 0);
        return mark <= logs.length() ? logs.substring(mark) : logs;
    }

    /** Waits until the container logged a text since the test began. */
    private void awaitLog(ZreContainer container, String text, Duration timeout) {
        await(container + " logs '" + text + "'").atMost(timeout).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> logSinceStart(container).contains(text));
    }

    /** The reasons of the EXITs of one peer that a node logged since the test began, oldest first. */
    private List<String> exits(ZreContainer observer, PeerId peer) {
        Matcher m = EXIT_LINE.matcher(logSinceStart(observer));
        List<String> reasons = new ArrayList<>();
        while (m.find()) {
            if (PeerId.parse(m.group(2)).equals(peer)) {
                reasons.add(m.group(3));
            }
        }
        return reasons;
    }

    private static void report(String format, Object... args) {
        System.out.println("[zre-cluster] " + String.format(format, args));
    }
}
