package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Nodes with different {@code ioThreads} settings run on different contexts in one JVM, and still talk. */
class IoThreadsTest {

    @Test
    void nodesWithOneTwoAndThreeIoThreadsMeetShoutAndWhisper() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            var one = nodes.start("one", b -> b.ioThreads(1).group("g"));
            var two = nodes.start("two", b -> b.ioThreads(2).group("g"));
            var three = nodes.start("three", b -> b.ioThreads(3).group("g"));
            TestNodes.eventually(Duration.ofSeconds(10), "all three meshed in group g",
                    () -> one.node().peersByGroup("g").size() == 2 && two.node().peersByGroup("g").size() == 2
                            && three.node().peersByGroup("g").size() == 2);
            one.node().shout("g", "to all");
            assertThat(two.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("to all");
            assertThat(three.await(ZreEvent.Shout.class, s -> true).text()).isEqualTo("to all");
            three.node().whisper(one.node().uuid(), "back");
            assertThat(one.await(ZreEvent.Whisper.class, w -> true).text()).isEqualTo("back");
        }
    }
}
