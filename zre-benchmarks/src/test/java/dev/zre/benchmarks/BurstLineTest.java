package dev.zre.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The line protocol between the spread burst and its child processes. */
class BurstLineTest {

    @Test
    void everyMessageReadsBackAsItWasWritten() {
        List<BurstLine> lines = List.of(
                new BurstLine.Ready(412, List.of()),
                new BurstLine.Ready(97, List.of("tcp://127.0.0.1:49152", "tcp://127.0.0.1:49153")),
                new BurstLine.Peers(List.of("tcp://127.0.0.1:50000")),
                new BurstLine.Go(1_765_000_000_123_456L),
                new BurstLine.Started(812_345),
                new BurstLine.Meshed(42, 3_456_789, 99),
                new BurstLine.Meshed(7, -1, 98),
                new BurstLine.Stop(),
                new BurstLine.Counters(3, 2, 1, 0, 5),
                new BurstLine.Fds(15_125),
                new BurstLine.Done());
        for (BurstLine line : lines) {
            assertThat(BurstLine.parse(line.format())).as(line.format()).isEqualTo(line);
        }
    }

    @Test
    void theWireFormIsPlainWords() {
        assertThat(new BurstLine.Meshed(42, 3_456_789, 99).format()).isEqualTo("MESHED 42 3456789 99");
        assertThat(new BurstLine.Ready(12, List.of()).format()).isEqualTo("READY 12");
        assertThat(BurstLine.parse("  GO 17  ")).isEqualTo(new BurstLine.Go(17));
    }

    @Test
    void refusesWhatIsNotAMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> BurstLine.parse("Picked up JAVA_TOOL_OPTIONS: -Xmx1g"));
        assertThatIllegalArgumentException().isThrownBy(() -> BurstLine.parse("MESHED 1 2"));
        assertThatIllegalArgumentException().isThrownBy(() -> BurstLine.parse("MESHED 1 2 3 4"));
        assertThatIllegalArgumentException().isThrownBy(() -> BurstLine.parse("GO soon"));
        assertThatIllegalArgumentException().isThrownBy(() -> BurstLine.parse("READY"));
        assertThatIllegalArgumentException().isThrownBy(() -> BurstLine.parse("STOP now"));
        assertThatIllegalArgumentException().isThrownBy(() -> BurstLine.parse(""));
    }
}
