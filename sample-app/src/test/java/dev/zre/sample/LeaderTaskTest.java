package dev.zre.sample;

import static dev.zre.sample.SampleInstance.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two sample instances contest #chat (as the shipped application.yml says): both show the same leader,
 * and only that one runs the leader task, whose runs reach the page's event stream.
 */
class LeaderTaskTest {

    private static final String[] FAST = { "--sample.leader-task.interval=200ms", "--zre.election.timeout=1s" };

    private static SampleInstance alice;

    private static SampleInstance bob;

    @BeforeAll
    static void startCluster() {
        int beaconPort = SampleInstance.randomBeaconPort();
        alice = SampleInstance.start("alice", beaconPort, FAST);
        bob = SampleInstance.start("bob", beaconPort, FAST);
        alice.awaitPeer(bob);
        bob.awaitPeer(alice);
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (bob != null) {
                bob.close();
            }
        }
        finally {
            if (alice != null) {
                alice.close();
            }
        }
    }

    private static Map<String, Object> chat(SampleInstance instance) {
        return instance.getList("/api/groups").stream().filter((g) -> "chat".equals(g.get("name"))).findFirst()
            .orElseThrow();
    }

    private static long runs(SampleInstance instance) {
        return ((Number) instance.getObject("/api/leader-task").get("runs")).longValue();
    }

    @Test
    void exactlyOneInstanceLeadsTheChatAndRunsTheLeaderTask() throws Exception {
        eventually("both instances show the same leader of #chat, one of them", () -> {
            Object leaderSeenByAlice = chat(alice).get("leader");
            return leaderSeenByAlice != null && Objects.equals(leaderSeenByAlice, chat(bob).get("leader"))
                    && (alice.uuid().equals(leaderSeenByAlice) || bob.uuid().equals(leaderSeenByAlice));
        });
        SampleInstance leader = alice.uuid().equals(chat(alice).get("leader")) ? alice : bob;
        SampleInstance follower = (leader == alice) ? bob : alice;
        assertThat(chat(leader)).containsEntry("leading", true).containsEntry("contested", true)
            .containsEntry("leaderName", leader.node().name());
        assertThat(chat(follower)).containsEntry("leading", false).containsEntry("leaderName", leader.node().name());

        long followerRuns = runs(follower);
        long leaderRuns = runs(leader);
        String tick = leaderTickOnEventStream(leader);
        assertThat(tick).contains("\"group\":\"chat\"", "leader tick");
        eventually("the leader ran the task three more times", () -> runs(leader) >= leaderRuns + 3);
        assertThat(runs(follower)).as("the follower did not run it meanwhile").isEqualTo(followerRuns);
        assertThat(follower.getObject("/api/leader-task")).containsEntry("leading", false);
    }

    /** The first LEADER_TICK the instance's event stream pushes. */
    private static String leaderTickOnEventStream(SampleInstance instance) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(instance.url() + "api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> tick = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("data:") && line.contains("\"LEADER_TICK\"")) {
                            return line;
                        }
                    }
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                return "";
            });
            return tick.get(SampleInstance.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

}
