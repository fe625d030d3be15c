package dev.zre.internal.election;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.PeerId;
import dev.zre.internal.election.RecordingOutput.Sent;
import dev.zre.protocol.MalformedMessageException;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Replays zyre's captured election ({@code vectors/zre-zyre-election-trace.json}: three contesting
 * zyre nodes E1, E2, E3 and the non-contesting N4 in group G; E2, the lowest contesting id, wins, then
 * quits, and E1 wins the next round) against one {@link LeaderElections} per role, and checks that it
 * sends what that zyre node sent and decides what that zyre node reported.
 *
 * <p><b>What the engine is fed.</b> Every ELECT/LEADER frame the role received, in trace order, decoded
 * by our codec. The trace's frames hold only ELECT and LEADER; the membership changes a node acted on
 * come from its own event list ({@code elect_events}): ENTER followed by JOINs is a HELLO listing those
 * groups ({@link LeaderElections#peerEntered}), EXIT is {@link LeaderElections#peerExited}. A node's
 * events are cut at its LEADER events; the ENTER/EXIT events before its first LEADER are delivered at
 * the start, those between its k-th and (k+1)-th LEADER once the engine has made its k-th decision, just
 * before the next frame the node received (at that frame's time), the ones after its last LEADER at the
 * end. Wire times
 * cannot place them: zyre's I/O threads put a node's sends on the wire after it has already read the
 * next frames. The leader that quits (E2) stopped in the trace's only long pause; the frames sent to it
 * after that pause (the others' new ELECTs, which zyre also addresses to the leaving peer) reached no
 * running node and are not replayed. Time is the trace's: the watchdog (1 s) must not fire, so no
 * election may be left running across the 4 s pause.
 *
 * <p><b>How sends are matched.</b> Positions in the trace interleave the sends of all nodes with the
 * receives of others, and a zyre node sends a message to several peers in the order of its hash
 * table, so "the same position" is taken per node: (1) per connection, the engine's messages to each
 * peer are exactly zyre's on that connection, in order, byte for byte once encoded with the captured
 * sequence number; (2) per node, zyre's sends in trace order are the engine's reactions one after the
 * other: cut into consecutive runs as long as each reaction (all sends caused by one input), every
 * run holds exactly that reaction's messages, in any order within the run.
 */
class ZyreElectionReplayTest {

    private static final HexFormat HEX = HexFormat.of();
    /** The trace's description: three contesting nodes and one that is only a member. */
    private static final Set<String> CONTESTING = Set.of("E1", "E2", "E3");
    private static final Duration WATCHDOG = Duration.ofSeconds(1);

    private static JsonNode trace;
    private static Map<String, PeerId> ids;
    private static List<Frame> frames;
    private static String group;

    /** One captured frame: who sent it to whom, when, what it says, and its bytes. */
    record Frame(int index, String from, String to, double seconds, int sequence, ZreMessage message, byte[] bytes) {
    }

    /** One membership change a node acted on, taken from its events. */
    record Membership(String kind, PeerId peer, List<String> groups) {
    }

    /** A node's events: membership changes cut at its LEADER events, and the leaders it reported. */
    record Script(List<List<Membership>> blocks, List<PeerId> leaders) {
    }

    @BeforeAll
    static void load() throws IOException, MalformedMessageException {
        try (InputStream in = ZyreElectionReplayTest.class.getResourceAsStream("/vectors/zre-zyre-election-trace.json")) {
            assertThat(in).isNotNull();
            trace = new ObjectMapper().readTree(in);
        }
        ids = new TreeMap<>();
        trace.get("elect_nodes").properties().forEach(e -> ids.put(e.getKey(), PeerId.parse(e.getValue().asText())));
        frames = new ArrayList<>();
        for (JsonNode m : trace.get("elect_messages")) {
            byte[] bytes = HEX.parseHex(m.get("hex").asText());
            ZreCodec.Decoded decoded = ZreCodec.decode(List.of(bytes));
            frames.add(new Frame(frames.size(), m.get("from").asText(), m.get("to").asText(),
                    m.get("t_rel_s").asDouble(), decoded.sequence(), decoded.message(), bytes));
        }
        group = groupOf(frames.get(0).message());
    }

    @Test
    void theTraceIsWhatTheReplayAssumes() {
        assertThat(frames).hasSize(71);
        assertThat(frames).allSatisfy(f -> assertThat(groupOf(f.message())).isEqualTo(group));
        PeerId lowestContesting = CONTESTING.stream().map(ids::get).sorted().findFirst().orElseThrow();
        assertThat(lowestContesting.toString())
                .isEqualTo(trace.get("elect_checks").get("expected_leader_lowest_contesting_uuid").asText());
        // N4's id is lower than E1's: E1 winning the second round shows that N4 does not contest
        assertThat(ids.get("N4")).isLessThan(ids.get("E1"));
        assertThat(trace.get("elect_checks").get("after_leader_quit_expected").asText())
                .isEqualTo(ids.get("E1").toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"E1", "E2", "E3", "N4"})
    void theEngineInEachRoleSendsAndDecidesWhatZyreDid(String role) {
        PeerId self = ids.get(role);
        Script script = script(role);
        AtomicLong clock = new AtomicLong();
        RecordingOutput out = new RecordingOutput();
        LeaderElections engine = new LeaderElections(self, WATCHDOG, clock::get, out);
        List<List<Sent>> reactions = new ArrayList<>();

        if (CONTESTING.contains(role)) {
            engine.contest(group);
        }
        engine.joined(group);
        reactions.add(out.takeSent());
        reactions.addAll(deliver(engine, out, script.blocks().get(0)));
        int nextBlock = 1;
        for (Frame frame : framesReceivedBy(role)) {
            clock.set(Math.round(frame.seconds() * 1e9));
            while (nextBlock < script.blocks().size() && nextBlock <= out.decisions.size()) {
                reactions.addAll(deliver(engine, out, script.blocks().get(nextBlock++)));
            }
            engine.checkTimeouts();
            reactions.add(out.takeSent());
            receive(engine, frame);
            reactions.add(out.takeSent());
        }
        while (nextBlock < script.blocks().size() && nextBlock <= out.decisions.size()) {
            reactions.addAll(deliver(engine, out, script.blocks().get(nextBlock++)));
        }
        assertThat(nextBlock).as("every membership change was delivered").isEqualTo(script.blocks().size());

        List<Frame> zyreSent = frames.stream().filter(f -> f.from().equals(role)).toList();
        assertSamePerConnection(reactions, zyreSent);
        assertSameReactionsInOrder(reactions, zyreSent);
        assertThat(out.decisions).allSatisfy(d -> assertThat(d.group()).isEqualTo(group));
        assertThat(out.leadersDecided()).as("leaders decided, as %s's LEADER events", role)
                .containsExactlyElementsOf(script.leaders());
    }

    // ------------------------------------------------------------------ feeding the engine

    private static List<List<Sent>> deliver(LeaderElections engine, RecordingOutput out, List<Membership> block) {
        List<List<Sent>> reactions = new ArrayList<>();
        for (Membership m : block) {
            if (m.kind().equals("EXIT")) {
                engine.peerExited(m.peer());
            } else {
                engine.peerEntered(m.peer(), m.groups());
            }
            reactions.add(out.takeSent());
        }
        return reactions;
    }

    private static void receive(LeaderElections engine, Frame frame) {
        PeerId from = ids.get(frame.from());
        if (frame.message() instanceof ZreMessage.Elect elect) {
            engine.electReceived(from, elect.group(), PeerId.parse(elect.challengerId()));
        } else if (frame.message() instanceof ZreMessage.Leader leader) {
            engine.leaderReceived(from, leader.group(), PeerId.parse(leader.leaderId()));
        } else {
            throw new AssertionError("not an election frame: " + frame);
        }
    }

    /** The frames a role received, in trace order, except those that reached the leader after it quit. */
    private static List<Frame> framesReceivedBy(String role) {
        String quitter = nameOf(PeerId.parse(trace.get("elect_checks").get("expected_leader_lowest_contesting_uuid").asText()));
        double quitBefore = Double.MAX_VALUE;
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).seconds() - frames.get(i - 1).seconds() > 1.0) {
                quitBefore = frames.get(i).seconds();
                break;
            }
        }
        List<Frame> received = new ArrayList<>();
        for (Frame f : frames) {
            if (f.to().equals(role) && !(role.equals(quitter) && f.seconds() >= quitBefore)) {
                received.add(f);
            }
        }
        return received;
    }

    /** A role's ENTER(+JOINs) and EXIT events cut at its LEADER events, and the leaders those name. */
    private static Script script(String role) {
        List<List<Membership>> blocks = new ArrayList<>();
        List<PeerId> leaders = new ArrayList<>();
        List<Membership> block = new ArrayList<>();
        Map<PeerId, List<String>> helloGroups = new LinkedHashMap<>();
        for (JsonNode e : trace.get("elect_events").get(role)) {
            PeerId peer = PeerId.parse(e.get("peer_uuid").asText());
            switch (e.get("type").asText()) {
                case "ENTER" -> {
                    List<String> groups = new ArrayList<>();
                    helloGroups.put(peer, groups);
                    block.add(new Membership("HELLO", peer, groups));
                }
                case "JOIN" -> helloGroups.get(peer).add(e.get("group").asText()); // JOINs right after ENTER
                case "EXIT" -> block.add(new Membership("EXIT", peer, List.of()));
                case "LEADER" -> {
                    leaders.add(peer);
                    blocks.add(block);
                    block = new ArrayList<>();
                }
                default -> throw new AssertionError("unexpected event " + e);
            }
        }
        blocks.add(block);
        return new Script(blocks, leaders);
    }

    // ------------------------------------------------------------------ matching

    private static void assertSamePerConnection(List<List<Sent>> reactions, List<Frame> zyreSent) {
        Map<String, List<ZreMessage>> ours = new TreeMap<>();
        Map<String, List<Frame>> theirs = new TreeMap<>();
        reactions.stream().flatMap(List::stream)
                .forEach(s -> ours.computeIfAbsent(nameOf(s.to()), k -> new ArrayList<>()).add(messageOf(s)));
        zyreSent.forEach(f -> theirs.computeIfAbsent(f.to(), k -> new ArrayList<>()).add(f));
        assertThat(ours.keySet()).as("peers sent to").isEqualTo(theirs.keySet());
        theirs.forEach((to, captured) -> {
            List<ZreMessage> sent = ours.get(to);
            assertThat(sent).as("messages to %s", to).containsExactlyElementsOf(captured.stream().map(Frame::message).toList());
            for (int i = 0; i < sent.size(); i++) {
                Frame f = captured.get(i);
                assertThat(HEX.formatHex(ZreCodec.encodeFirstFrame(sent.get(i), f.sequence())))
                        .as("bytes of frame %d", f.index()).isEqualTo(HEX.formatHex(f.bytes()));
            }
        });
    }

    private static void assertSameReactionsInOrder(List<List<Sent>> reactions, List<Frame> zyreSent) {
        int at = 0;
        for (List<Sent> reaction : reactions) {
            if (reaction.isEmpty()) {
                continue;
            }
            assertThat(at + reaction.size()).as("zyre sent fewer frames than the engine").isLessThanOrEqualTo(zyreSent.size());
            List<String> run = zyreSent.subList(at, at + reaction.size()).stream()
                    .map(f -> describe(f.to(), f.message())).toList();
            List<String> expected = reaction.stream().map(s -> describe(nameOf(s.to()), messageOf(s))).toList();
            assertThat(run).as("zyre's frames from #%d", zyreSent.get(at).index()).containsExactlyInAnyOrderElementsOf(expected);
            at += reaction.size();
        }
        assertThat(at).as("frames zyre sent beyond the engine's").isEqualTo(zyreSent.size());
    }

    // ------------------------------------------------------------------ helpers

    private static ZreMessage messageOf(Sent s) {
        return s.command().equals("ELECT") ? new ZreMessage.Elect(s.group(), s.id().toString())
                : new ZreMessage.Leader(s.group(), s.id().toString());
    }

    private static String describe(String to, ZreMessage m) {
        return m + " -> " + to;
    }

    private static String groupOf(ZreMessage m) {
        if (m instanceof ZreMessage.Elect e) {
            return e.group();
        }
        return ((ZreMessage.Leader) m).group();
    }

    private static String nameOf(PeerId id) {
        return ids.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("not a node of the trace: " + id));
    }
}
