package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.protocol.Command;
import dev.zre.protocol.ZreMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A member that says HELLO with the group but never answers ELECT blocks the election; the watchdog
 * restarts it every election timeout, and it completes once the silent member has expired. Short
 * timeouts: election 400 ms, evasive 300 ms, expired 2.5 s.
 */
class ElectionWatchdogTest {

    private static final Duration ELECTION = Duration.ofMillis(400);
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void aSilentMemberBlocksTheElectionUntilItExpiresWhileTheWatchdogRestartsIt() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").contest("ops").electionTimeout(ELECTION)
                    .evasiveTimeout(Duration.ofMillis(300)).expiredTimeout(Duration.ofMillis(2500)));
            try (RawPeer silent = RawPeer.connectedTo(a.node())) {
                silent.hello("silent", List.of("ops"), 1, Map.of());
                a.await(ZreEvent.Join.class, j -> j.peer().equals(silent.uuid) && j.group().equals("ops"), DEADLINE);

                ZreMessage.Elect first = (ZreMessage.Elect) silent.await(Command.ELECT, DEADLINE).message();
                ZreMessage.Elect again = (ZreMessage.Elect) silent.await(Command.ELECT, DEADLINE).message();
                assertThat(List.of(first.group(), again.group())).as("the watchdog restarted the election").containsOnly("ops");
                assertThat(a.node().leader("ops")).as("no leader while the member stays silent").isEmpty();

                List<ZreEvent> untilLeader = a.collect(e -> e instanceof ZreEvent.Leader
                        || e instanceof ZreEvent.Exit x && x.peer().equals(silent.uuid), 2, DEADLINE);
                assertThat(untilLeader).as("the election completed only once the silent member had expired")
                        .extracting(ZreEvent::type).containsExactly(ZreEventType.EXIT, ZreEventType.LEADER);
                ZreEvent.Leader leader = (ZreEvent.Leader) untilLeader.get(1);
                assertThat(leader.group()).isEqualTo("ops");
                assertThat(leader.leader()).isEqualTo(a.node().uuid());
                assertThat(a.node().statistics().peersExited(ExitReason.EXPIRED)).isEqualTo(1);
                assertThat(a.node().leader("ops")).contains(a.node().uuid());
            }
        }
    }
}
