package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void twoNodesMeetShoutAndWhisper() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            var a = nodes.start("alpha", b -> b.header("X-ROLE", "a").group("chat"));
            var b = nodes.start("beta", c -> c.group("chat"));
            ZreEvent.Enter enter = a.awaitEnter(b.node());
            assertThat(enter.peerName()).isEqualTo("beta");
            ZreEvent.Enter enterB = b.awaitEnter(a.node());
            assertThat(enterB.headers()).containsEntry("X-ROLE", "a");
            a.node().shout("chat", "hello".getBytes(), "world".getBytes());
            ZreEvent.Shout shout = b.await(ZreEvent.Shout.class, s -> true);
            assertThat(shout.frames()).hasSize(2);
            assertThat(shout.text()).isEqualTo("hello");
            b.node().whisper(a.node().uuid(), "psst");
            assertThat(a.await(ZreEvent.Whisper.class, w -> true).text()).isEqualTo("psst");
            b.node().stop();
            ZreEvent.Exit exit = a.await(ZreEvent.Exit.class, e -> true, Duration.ofSeconds(2));
            assertThat(exit.reason()).isEqualTo(ExitReason.LEFT);
        }
    }
}
