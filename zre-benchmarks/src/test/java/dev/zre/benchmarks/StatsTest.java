package dev.zre.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic and output; no timing is asserted anywhere. */
class StatsTest {

    @Test
    void percentilesUseNearestRankOnASortedCopy() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i; // 100 .. 1, unsorted on purpose
        }
        Stats s = Stats.of(values);
        assertThat(s.percentile(50)).isEqualTo(50);
        assertThat(s.percentile(99)).isEqualTo(99);
        assertThat(s.percentile(99.9)).isEqualTo(100);
        assertThat(s.percentile(100)).isEqualTo(100);
        assertThat(s.percentile(0.5)).isEqualTo(1);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
        assertThat(values[0]).as("input untouched").isEqualTo(100);
    }

    @Test
    void smallSamplesAndBadArguments() {
        assertThat(Stats.of(new long[] {7}).percentile(99.9)).isEqualTo(7);
        assertThat(Stats.of(new long[] {3, 1, 2}, 2).max()).isEqualTo(3);
        assertThatIllegalArgumentException().isThrownBy(() -> Stats.of(new long[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> Stats.of(new long[] {1}).percentile(0));
    }

    @Test
    void ratesAndRatios() {
        assertThat(Stats.perSecond(1_000, 500_000_000L)).isEqualTo(2_000.0);
        assertThat(Stats.perSecond(1, 0)).isZero();
        assertThat(Stats.ratio(80, 100)).isEqualTo(0.8);
        assertThat(Stats.ratio(1, 0)).isNaN();
    }

    @Test
    void jsonIsWrittenWithEscapesAndNullForNaN() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "a \"quoted\"\nline");
        m.put("rate", 1234567.891);
        m.put("ratio", Double.NaN);
        m.put("count", 42);
        m.put("ok", true);
        m.put("list", List.of(1, "two"));
        m.put("empty", Map.of());
        String json = Json.write(m);
        assertThat(json).contains("\"text\": \"a \\\"quoted\\\"\\nline\"")
                .contains("\"rate\": 1234570")
                .contains("\"ratio\": null")
                .contains("\"count\": 42")
                .contains("\"ok\": true")
                .contains("\"empty\": {}");
    }

    @Test
    void reportRendersOneMarkdownRowPerResult() {
        Report report = new Report();
        report.add("shout 1→1", "shouts/s", "msg/s", 80_000, 100_000, "≥ 0.8× raw", true);
        report.add("memory", "threads per node", "", 2, Double.NaN, "", null);
        String md = report.markdown();
        assertThat(md.lines()).hasSize(4);
        assertThat(md).contains("| shout 1→1 | shouts/s | 80 k msg/s | 100 k msg/s | 0.80× | ≥ 0.8× raw | yes |")
                .contains("| memory | threads per node | 2 | – | – | – | – |");
        assertThat(report.toMap()).containsKeys("environment", "results", "details");
    }
}
