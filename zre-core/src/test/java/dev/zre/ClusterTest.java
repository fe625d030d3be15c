package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.protocol.Command;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Several real nodes in one JVM on loopback: discovery, groups, messages, departures and queries. */
class ClusterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Test
    void fourNodesDiscoverEachOtherWithHeadersAndAddress() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            List<TestNodes.Started> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                all.add(nodes.start("node-" + i, b -> b.header("X-INDEX", String.valueOf(n))));
            }
            for (TestNodes.Started me : all) {
                List<ZreEvent> enters = me.collect(e -> e instanceof ZreEvent.Enter, 3, DEADLINE);
                for (TestNodes.Started other : all) {
                    if (me != other) {
                        ZreEvent.Enter enter = enters.stream().map(ZreEvent.Enter.class::cast)
                                .filter(e -> e.peer().equals(other.node().uuid())).findFirst().orElseThrow();
                        assertThat(enter.peerName()).isEqualTo(other.node().name());
                        assertThat(enter.headers()).isEqualTo(Map.of("X-INDEX", other.node().name().substring(5)));
                        assertThat(enter.address()).isEqualTo(other.node().endpoint().orElseThrow());
                    }
                }
                // an application that saw ENTER finds the peer in the queries
                assertThat(me.node().peers()).hasSize(3).doesNotContain(me.node().uuid());
            }
        }
    }

    @Test
    void enterAlwaysCarriesHeadersEvenWhenThereAreNone() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b");
            assertThat(a.awaitEnter(b.node()).headers()).isNotNull().isEmpty();
        }
    }

    @Test
    void enterPrecedesTheJoinsListedInHello() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b", c -> c.group("G1").group("G2"));
            List<ZreEvent> seen = a.collect(TestNodes.Started.of(b.node()), 3, DEADLINE);
            assertThat(seen.get(0)).isInstanceOf(ZreEvent.Enter.class);
            assertThat(seen.subList(1, 3)).allMatch(e -> e instanceof ZreEvent.Join);
            assertThat(seen.subList(1, 3).stream().map(e -> ((ZreEvent.Join) e).group()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("G1", "G2");
        }
    }

    @Test
    void joinAndLeaveAreSeenByOthersWithAnExactStatusCounter() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b");
            TestNodes.Started c = nodes.start("c");
            for (TestNodes.Started x : List.of(b, c)) {
                x.awaitEnter(a.node());
            }
            a.node().join("G");
            a.node().join("H");
            a.node().leave("G");
            a.node().join("G"); // the same group again is a fourth change
            for (TestNodes.Started x : List.of(b, c)) {
                List<ZreEvent> seen = x.collect(TestNodes.Started.of(a.node()), 4, DEADLINE);
                assertThat(seen).extracting(ZreEvent::type)
                        .containsExactly(ZreEventType.JOIN, ZreEventType.JOIN, ZreEventType.LEAVE, ZreEventType.JOIN);
                assertThat(x.node().peer(a.node().uuid())).get().satisfies(p -> {
                    assertThat(p.status()).isEqualTo(4);
                    assertThat(p.groups()).containsExactlyInAnyOrder("G", "H");
                });
            }
            a.node().join("G"); // already a member: nothing happens, the counter stays
            a.node().leave("NEVER-JOINED");
            a.node().leave("H");
            ZreEvent.Leave leave = b.await(ZreEvent.Leave.class, l -> true, DEADLINE);
            assertThat(leave.group()).isEqualTo("H");
            assertThat(b.node().peer(a.node().uuid()).orElseThrow().status()).isEqualTo(5);
            assertThat(b.node().statistics().protocolErrors(ProtocolError.STATUS_MISMATCH)).isZero();
        }
    }

    @Test
    void statusOnTheWireWrapsAt256OverThreeHundredJoinLeaveCycles() throws Exception {
        try (TestNodes nodes = new TestNodes(); RawPeer raw = RawPeer.listening(UUID.randomUUID())) {
            TestNodes.Started a = nodes.start(nodes.config("a").beaconEnabled(false).endpoint(raw.endpoint));
            ZreCodec.Decoded hello = raw.await(Command.HELLO, DEADLINE);
            assertThat(((ZreMessage.Hello) hello.message()).status()).isZero();
            raw.connect(a.node().endpoint().orElseThrow());
            raw.hello("raw");
            a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
            int expectedSequence = hello.sequence() + 1;
            int expectedStatus = 0;
            for (int cycle = 0; cycle < 300; cycle++) {
                a.node().join("G");
                a.node().leave("G");
                for (Command command : List.of(Command.JOIN, Command.LEAVE)) {
                    ZreCodec.Decoded d = raw.await(command, DEADLINE);
                    expectedStatus = (expectedStatus + 1) % 256;
                    int status = d.message() instanceof ZreMessage.Join j ? j.status() : ((ZreMessage.Leave) d.message()).status();
                    assertThat(status).as("status of change %d", 2 * cycle + (command == Command.JOIN ? 1 : 2))
                            .isEqualTo(expectedStatus);
                    assertThat(d.sequence()).isEqualTo(expectedSequence++);
                }
            }
            assertThat(expectedStatus).isEqualTo(600 % 256);
        }
    }

    @Test
    void groupsJoinedWhileTheNodeIsStartingAreAllAnnounced() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started b = nodes.start("b");
            ZreNode a = new ZreNode(nodes.config("a").build());
            try {
                Thread joiner = new Thread(() -> {
                    for (int i = 0; i < 400; i++) {
                        a.join("G" + i);
                        if (i % 20 == 0) {
                            Thread.yield();
                        }
                    }
                });
                joiner.start();
                a.start();
                joiner.join();
                assertThat(a.ownGroups()).hasSize(400);
                TestNodes.eventually(DEADLINE, "b sees every group a joined", () -> b.node().peer(a.uuid())
                        .map(p -> p.groups().equals(a.ownGroups())).orElse(false));
            } finally {
                a.stop();
            }
        }
    }

    @Test
    void joinReachesAPeerThatWasSentHelloButHasNotAnsweredYet() throws Exception {
        try (TestNodes nodes = new TestNodes(); RawPeer raw = RawPeer.listening(UUID.randomUUID())) {
            TestNodes.Started a = nodes.start("a");
            raw.beacon(nodes.beaconPort);
            ZreCodec.Decoded hello = raw.await(Command.HELLO, DEADLINE);
            assertThat(((ZreMessage.Hello) hello.message()).groups()).isEmpty();
            a.node().join("G"); // raw has not said HELLO: it must still learn of the change
            ZreCodec.Decoded join = raw.await(Command.JOIN, DEADLINE);
            assertThat(join.sequence()).isEqualTo(2);
            assertThat(join.message()).isEqualTo(new ZreMessage.Join("G", 1));
        }
    }

    @Test
    void joinReachesAStaticEndpointThatHasNotAnsweredYet() throws Exception {
        try (TestNodes nodes = new TestNodes(); RawPeer raw = RawPeer.listening(UUID.randomUUID())) {
            TestNodes.Started a = nodes.start(nodes.config("a").beaconEnabled(false).endpoint(raw.endpoint));
            raw.await(Command.HELLO, DEADLINE);
            a.node().join("G");
            ZreCodec.Decoded join = raw.await(Command.JOIN, DEADLINE);
            assertThat(join.sequence()).isEqualTo(2);
            raw.connect(a.node().endpoint().orElseThrow());
            raw.hello("late");
            a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
            a.node().leave("G"); // on the same connection, now the peer's: the sequence goes on
            ZreCodec.Decoded leave = raw.await(Command.LEAVE, DEADLINE);
            assertThat(leave.sequence()).isEqualTo(3);
            assertThat(leave.message()).isEqualTo(new ZreMessage.Leave("G", 2));
        }
    }

    @Test
    void queriesAlreadyShowAPeerWhenItsEnterIsDeliveredAndNoLongerWhenItsExitIs() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            List<String> mismatches = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicInteger enters = new java.util.concurrent.atomic.AtomicInteger();
            a.node().subscribe(e -> {
                if (e instanceof ZreEvent.Enter enter && !a.node().peers().contains(enter.peer())) {
                    mismatches.add("ENTER of " + enter.peerName() + " not in peers()");
                }
                if (e instanceof ZreEvent.Enter) {
                    enters.incrementAndGet();
                }
                if (e instanceof ZreEvent.Exit exit && a.node().peers().contains(exit.peer())) {
                    mismatches.add("EXIT of " + exit.peerName() + " still in peers()");
                }
            });
            List<TestNodes.Started> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(nodes.start("b" + i));
            }
            TestNodes.eventually(DEADLINE, "the listener saw 5 ENTERs", () -> enters.get() == 5); // before anyone leaves
            for (TestNodes.Started b : others) {
                b.node().stop();
                a.await(ZreEvent.Exit.class, e -> e.peer().equals(b.node().uuid()), DEADLINE);
            }
            assertThat(mismatches).isEmpty();
        }
    }

    @Test
    void shoutDeliversEveryFrameInOrder() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a", c -> c.group("G"));
            TestNodes.Started b = nodes.start("b", c -> c.group("G"));
            a.await(ZreEvent.Join.class, j -> j.peer().equals(b.node().uuid()));
            a.node().shout("G", "one".getBytes(), new byte[0], new byte[] {0, 1, 2});
            ZreEvent.Shout shout = b.await(ZreEvent.Shout.class, s -> true, DEADLINE);
            assertThat(shout.group()).isEqualTo("G");
            assertThat(shout.peer()).isEqualTo(a.node().uuid());
            assertThat(shout.frames()).containsExactly("one".getBytes(), new byte[0], new byte[] {0, 1, 2});
        }
    }

    @Test
    void whisperReachesOnlyItsPeer() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b");
            TestNodes.Started c = nodes.start("c");
            a.collect(e -> e instanceof ZreEvent.Enter, 2, DEADLINE);
            a.node().whisper(b.node().uuid(), "for b".getBytes(), "two".getBytes());
            a.node().whisper(c.node().uuid(), "for c");
            ZreEvent.Whisper atB = b.await(ZreEvent.Whisper.class, w -> true, DEADLINE);
            assertThat(atB.frames()).hasSize(2);
            assertThat(atB.text()).isEqualTo("for b");
            assertThat(atB.peerName()).isEqualTo("a");
            assertThat(c.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("for c");
        }
    }

    @Test
    void shoutReachesOnlyGroupMembers() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started member = nodes.start("member", c -> c.group("G"));
            TestNodes.Started outsider = nodes.start("outsider", c -> c.group("H"));
            a.collect(e -> e instanceof ZreEvent.Join, 2, DEADLINE);
            a.node().shout("G", "for G");
            a.node().shout("H", "for H");
            assertThat(member.await(ZreEvent.Shout.class, s -> true, DEADLINE).text()).isEqualTo("for G");
            // messages from one peer arrive in order: had the G shout reached the outsider, it would come first
            assertThat(outsider.await(ZreEvent.Shout.class, s -> true, DEADLINE).text()).isEqualTo("for H");
            assertThat(a.node().statistics().messagesSent(MessageType.SHOUT)).isEqualTo(2);
        }
    }

    @Test
    void shoutForAGroupThisNodeIsNotInIsNotDelivered() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a", c -> c.group("MINE"));
            try (RawPeer raw = RawPeer.connectedTo(a.node())) {
                raw.hello("pyre-like");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
                raw.send(new ZreMessage.Shout("NOT-MINE", List.of("x".getBytes(StandardCharsets.UTF_8))));
                raw.send(new ZreMessage.Shout("MINE", List.of("y".getBytes(StandardCharsets.UTF_8))));
                ZreEvent.Shout shout = a.await(ZreEvent.Shout.class, s -> true, DEADLINE);
                assertThat(shout.group()).isEqualTo("MINE");
                assertThat(a.node().statistics().messagesReceived(MessageType.SHOUT)).isEqualTo(2);
            }
        }
    }

    @Test
    void restartedNodeKeepsItsUuidAndIsSeenLeavingAndEnteringAgain() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b", c -> c.group("G"));
            a.awaitEnter(b.node());
            b.node().stop();
            b.node().join("H"); // while stopped: announced at the next start
            b.node().start();
            List<ZreEvent> seen = a.collect(TestNodes.Started.of(b.node()), 5, DEADLINE);
            assertThat(seen).extracting(ZreEvent::type).containsSubsequence(ZreEventType.EXIT, ZreEventType.ENTER);
            TestNodes.eventually(DEADLINE, "b back in G and H",
                    () -> a.node().peersByGroup("G").contains(b.node().uuid()) && a.node().peersByGroup("H").contains(b.node().uuid()));
            assertThat(a.node().peer(b.node().uuid()).orElseThrow().status()).isEqualTo(2);
        }
    }

    @Test
    void gracefulStopIsSeenAsExitLeftAtOnce() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b");
            TestNodes.Started c = nodes.start("c");
            a.awaitEnter(b.node());
            c.awaitEnter(b.node());
            b.node().stop();
            for (TestNodes.Started x : List.of(a, c)) {
                ZreEvent.Exit exit = x.await(ZreEvent.Exit.class, e -> e.peer().equals(b.node().uuid()), Duration.ofSeconds(2));
                assertThat(exit.reason()).isEqualTo(ExitReason.LEFT);
                assertThat(exit.peerName()).isEqualTo("b");
                assertThat(x.node().peers()).doesNotContain(b.node().uuid());
            }
        }
    }

    @Test
    void secondHelloFromAConnectedPeerGivesExitReplacedThenEnter() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            try (RawPeer raw = RawPeer.connectedTo(a.node())) {
                raw.hello("first");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
                raw.reconnect();
                raw.hello("second", List.of("G"), 1, Map.of());
                List<ZreEvent> seen = a.collect(e -> e instanceof ZreEvent.PeerEvent p && p.peer().equals(raw.uuid), 3, DEADLINE);
                assertThat(seen.get(0)).isEqualTo(new ZreEvent.Exit(raw.uuid, "first", ExitReason.REPLACED));
                assertThat(seen.get(1)).isInstanceOfSatisfying(ZreEvent.Enter.class, e -> assertThat(e.peerName()).isEqualTo("second"));
                assertThat(seen.get(2)).isEqualTo(new ZreEvent.Join(raw.uuid, "second", "G"));
                assertThat(a.node().peerSnapshots()).hasSize(1);
            }
        }
    }

    @Test
    void sameUuidRestartingOnANewPortGivesExitThenEnterAndNoDuplicate() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            UUID fixed = UUID.randomUUID();
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b", c -> c.uuid(fixed));
            String firstAddress = a.awaitEnter(b.node()).address();
            b.node().stop();
            TestNodes.Started again = nodes.start("b-again", c -> c.uuid(fixed));
            assertThat(again.node().endpoint().orElseThrow()).isNotEqualTo(firstAddress);
            List<ZreEvent> seen = a.collect(e -> e instanceof ZreEvent.PeerEvent p && p.peer().equals(fixed), 2, DEADLINE);
            assertThat(seen.get(0)).isInstanceOf(ZreEvent.Exit.class);
            assertThat(seen.get(1)).isInstanceOfSatisfying(ZreEvent.Enter.class,
                    e -> assertThat(e.address()).isEqualTo(again.node().endpoint().orElseThrow()));
            assertThat(a.node().peerSnapshots()).extracting(PeerSnapshot::uuid).containsExactly(fixed);
            assertThat(a.node().peerAddress(fixed)).contains(again.node().endpoint().orElseThrow());
        }
    }

    @Test
    void sameUuidBeaconingFromANewPortWithoutGoodbyeIsReplaced() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            UUID fixed = UUID.randomUUID();
            try (RawPeer first = new RawPeer(a.node().endpoint().orElseThrow(), fixed)) {
                first.hello("crashing");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(fixed), DEADLINE);
            } // gone without a word
            try (RawPeer restarted = RawPeer.listening(fixed)) {
                restarted.beacon(nodes.beaconPort);
                restarted.await(Command.HELLO, DEADLINE); // the node connects to the new port and says HELLO
                restarted.connect(a.node().endpoint().orElseThrow());
                restarted.hello("restarted");
                List<ZreEvent> seen = a.collect(e -> e instanceof ZreEvent.PeerEvent p && p.peer().equals(fixed), 2, DEADLINE);
                assertThat(seen.get(0)).isEqualTo(new ZreEvent.Exit(fixed, "crashing", ExitReason.REPLACED));
                assertThat(seen.get(1)).isInstanceOfSatisfying(ZreEvent.Enter.class,
                        e -> assertThat(e.address()).isEqualTo(restarted.endpoint));
                assertThat(a.node().peerSnapshots()).hasSize(1);
            }
        }
    }

    @Test
    void staticEndpointsWithoutBeaconsMeetAndSayGoodbye() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").beaconEnabled(false));
            TestNodes.Started b = nodes.start(nodes.config("b").beaconEnabled(false).endpoint(a.node().endpoint().orElseThrow()));
            assertThat(a.awaitEnter(b.node()).address()).isEqualTo(b.node().endpoint().orElseThrow());
            assertThat(b.awaitEnter(a.node()).address()).isEqualTo(a.node().endpoint().orElseThrow());
            b.node().whisper(a.node().uuid(), "over the static link");
            assertThat(a.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("over the static link");
            assertThat(a.node().statistics().get(ZreStatistics.Counter.BEACONS_SENT)).isZero();
            b.node().stop();
            ZreEvent.Exit exit = a.await(ZreEvent.Exit.class, e -> e.peer().equals(b.node().uuid()), Duration.ofSeconds(2));
            assertThat(exit.reason()).isEqualTo(ExitReason.LEFT);
            assertThat(a.node().statistics().messagesReceived(MessageType.GOODBYE)).isEqualTo(1);
        }
    }

    @Test
    void staticEndpointIsReconnectedAfterThePeerComesBack() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            UUID fixedA = UUID.randomUUID();
            TestNodes.Started a = nodes.start(nodes.config("a").uuid(fixedA).beaconEnabled(false));
            String endpoint = a.node().endpoint().orElseThrow();
            int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
            TestNodes.Started b = nodes.start(nodes.config("b").beaconEnabled(false).endpoint(endpoint));
            b.awaitEnter(a.node());
            a.node().stop();
            assertThat(b.await(ZreEvent.Exit.class, e -> true, DEADLINE).reason()).isEqualTo(ExitReason.LEFT);
            TestNodes.Started a2 = nodes.start(nodes.config("a2").uuid(fixedA).beaconEnabled(false).mailboxPort(port));
            assertThat(b.awaitEnter(a2.node()).peerName()).isEqualTo("a2");
        }
    }

    @Test
    void queriesDescribePeersGroupsHeadersAndAddresses() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a", c -> c.group("A-ONLY").group("BOTH"));
            TestNodes.Started b = nodes.start("b", c -> c.group("BOTH").group("B-ONLY").header("X-ROLE", "worker"));
            TestNodes.Started c = nodes.start("c", x -> x.group("BOTH"));
            UUID bId = b.node().uuid();
            UUID cId = c.node().uuid();
            TestNodes.eventually(DEADLINE, "a sees b and c in their groups",
                    () -> a.node().peersByGroup("BOTH").size() == 2 && a.node().peersByGroup("B-ONLY").size() == 1);
            assertThat(a.node().peers()).containsExactlyInAnyOrder(bId, cId);
            assertThat(a.node().peersByGroup("BOTH")).containsExactlyInAnyOrder(bId, cId);
            assertThat(a.node().peersByGroup("B-ONLY")).containsExactly(bId);
            assertThat(a.node().peersByGroup("A-ONLY")).isEmpty();
            assertThat(a.node().peersByGroup("NONE")).isEmpty();
            assertThat(a.node().peerGroups()).containsExactlyInAnyOrder("BOTH", "B-ONLY");
            assertThat(a.node().ownGroups()).containsExactlyInAnyOrder("A-ONLY", "BOTH");
            assertThat(a.node().peerHeader(bId, "X-ROLE")).contains("worker");
            assertThat(a.node().peerHeader(bId, "X-MISSING")).isEmpty();
            assertThat(a.node().peerHeader(cId, "X-ROLE")).isEmpty();
            assertThat(a.node().peerAddress(bId)).contains(b.node().endpoint().orElseThrow());
            assertThat(a.node().peerName(cId)).contains("c");
            PeerSnapshot snapshot = a.node().peer(bId).orElseThrow();
            assertThat(snapshot.name()).isEqualTo("b");
            assertThat(snapshot.groups()).containsExactlyInAnyOrder("BOTH", "B-ONLY");
            assertThat(snapshot.headers()).containsExactly(Map.entry("X-ROLE", "worker"));
            assertThat(snapshot.status()).isEqualTo(2);
            assertThat(snapshot.state()).isEqualTo(PeerState.ALIVE);
            assertThat(snapshot.messagesIn()).isGreaterThanOrEqualTo(1);
            assertThat(a.node().peer(UUID.randomUUID())).isEmpty();
            assertThat(a.node().peerAddress(UUID.randomUUID())).isEmpty();
            c.node().leave("BOTH");
            TestNodes.eventually(DEADLINE, "c left BOTH", () -> a.node().peersByGroup("BOTH").equals(Set.of(bId)));
            b.node().stop();
            TestNodes.eventually(DEADLINE, "b gone", () -> !a.node().peers().contains(bId));
            assertThat(a.node().peerGroups()).isEmpty();
            a.node().stop();
            assertThat(a.node().peers()).isEmpty();
        }
    }

    @Test
    void sequenceGapDropsThePeerWhichEntersAgainAfterItsNextBeacon() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            try (RawPeer raw = RawPeer.connectedTo(a.node())) {
                raw.hello("gappy");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
                raw.await(Command.HELLO, DEADLINE);
                raw.sendWithSequence(new ZreMessage.Ping(), 3); // 2 was lost
                ZreEvent.Exit exit = a.await(ZreEvent.Exit.class, e -> e.peer().equals(raw.uuid), DEADLINE);
                assertThat(exit.reason()).isEqualTo(ExitReason.DROPPED);
                assertThat(a.node().statistics().protocolErrors(ProtocolError.SEQUENCE_GAP)).isEqualTo(1);
                assertThat(a.node().peers()).doesNotContain(raw.uuid);

                raw.beacon(nodes.beaconPort);
                raw.await(Command.HELLO, DEADLINE); // rediscovered: a says HELLO again, as zyre would see it
                raw.reconnect();
                raw.hello("gappy");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
                raw.send(new ZreMessage.Whisper(List.of("back".getBytes(StandardCharsets.UTF_8))));
                assertThat(a.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("back");
            }
        }
    }

    @Test
    void electionMessagesAreCountedAndConsumeTheirSequenceNumbers() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            try (RawPeer raw = RawPeer.connectedTo(a.node())) {
                raw.hello("zyre-with-drafts", List.of("G"), 1, Map.of());
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
                raw.send(new ZreMessage.Elect("G", "60371085404B4D429D9DFD3BE6A67C28"));
                raw.send(new ZreMessage.Leader("G", "60371085404B4D429D9DFD3BE6A67C28"));
                raw.send(new ZreMessage.Whisper(List.of("after the election".getBytes(StandardCharsets.UTF_8))));
                assertThat(a.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("after the election");
                assertThat(a.node().statistics().messagesReceived(MessageType.ELECT)).isEqualTo(1);
                assertThat(a.node().statistics().messagesReceived(MessageType.LEADER)).isEqualTo(1);
                assertThat(a.node().statistics().protocolErrors(ProtocolError.SEQUENCE_GAP)).isZero();
            }
        }
    }

    @Test
    void goodbyeMessageIsAnExitLeft() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            try (RawPeer raw = RawPeer.connectedTo(a.node())) {
                raw.hello("gossiper");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
                raw.send(new ZreMessage.Goodbye());
                assertThat(a.await(ZreEvent.Exit.class, e -> e.peer().equals(raw.uuid), DEADLINE).reason())
                        .isEqualTo(ExitReason.LEFT);
                assertThat(a.node().peers()).isEmpty();
            }
        }
    }

    @Test
    void peerWhoseQueueOverflowsIsReportedAndReconnected() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").beaconEnabled(false).sendHighWaterMark(1));
            try (RawPeer slow = RawPeer.connectedTo(a.node())) {
                slow.hello("slow");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(slow.uuid), DEADLINE);
                byte[] big = new byte[1 << 20];
                for (int i = 0; i < 200 && a.node().statistics().protocolErrors(ProtocolError.SEND_OVERFLOW) == 0; i++) {
                    a.node().whisper(slow.uuid, big); // the slow peer reads nothing: TCP buffers and the queue fill up
                    Thread.sleep(5);
                }
                ZreEvent.Exit exit = a.await(ZreEvent.Exit.class, e -> e.peer().equals(slow.uuid), DEADLINE);
                assertThat(exit.reason()).isEqualTo(ExitReason.DROPPED);
                assertThat(a.node().statistics().protocolErrors(ProtocolError.SEND_OVERFLOW)).isPositive();
                TestNodes.eventually(DEADLINE, "connection rebuilt",
                        () -> a.node().statistics().get(ZreStatistics.Counter.CONNECTIONS_REBUILT) > 0);
                // the node connected again and introduced itself anew on the fresh connection ...
                TestNodes.eventually(DEADLINE, "a second HELLO sent", () -> a.node().statistics().messagesSent(MessageType.HELLO) >= 2);
                // ... so the peer, like zyre seeing a second HELLO, says HELLO again and enters again
                slow.reconnect();
                slow.hello("slow");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(slow.uuid), DEADLINE);
                assertThat(a.node().peers()).containsExactly(slow.uuid);
            }
        }
    }

    @Test
    void pyreSequenceWrapFrom65534ToZeroIsAccepted() throws Exception {
        sequenceWrapIsAccepted(65534);
    }

    @Test
    void zyreSequenceWrapFrom65535ToZeroIsAccepted() throws Exception {
        sequenceWrapIsAccepted(65535);
    }

    private void sequenceWrapIsAccepted(int last) throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            try (RawPeer raw = RawPeer.connectedTo(a.node())) {
                raw.hello("wrapper");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
                for (int seq = 2; seq <= last; seq++) {
                    raw.sendWithSequence(new ZreMessage.PingOk(), seq);
                }
                raw.sendWithSequence(new ZreMessage.PingOk(), 0);
                raw.send(new ZreMessage.Whisper(List.of("after the wrap".getBytes(StandardCharsets.UTF_8))));
                assertThat(a.await(ZreEvent.Whisper.class, w -> true, Duration.ofSeconds(20)).text()).isEqualTo("after the wrap");
                assertThat(a.node().statistics().protocolErrors(ProtocolError.SEQUENCE_GAP)).isZero();
                assertThat(a.node().statistics().messagesReceived(MessageType.PING_OK)).isEqualTo(last);
                assertThat(a.node().peers()).contains(raw.uuid);
            }
        }
    }
}
