package dev.zre.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adding up the children's reports, and how a burst is spread over processes. */
class BurstTallyTest {

    @Test
    void fullMeshIsTheLatestNodeAcrossAllChildren() {
        BurstTally tally = new BurstTally(4, 30_000_000);
        tally.add(new BurstLine.Ready(40, List.of()));
        tally.add(new BurstLine.Ready(41, List.of()));
        tally.add(new BurstLine.Started(200_000));
        tally.add(new BurstLine.Started(350_000));
        tally.add(new BurstLine.Meshed(0, 2_000_000, 3));
        tally.add(new BurstLine.Meshed(1, 2_500_000, 3));
        tally.add(new BurstLine.Meshed(2, 4_250_000, 3)); // the other child's, latest
        tally.add(new BurstLine.Meshed(3, 1_000_000, 3));
        tally.add(new BurstLine.Counters(1, 1, 0, 0, 0));
        tally.add(new BurstLine.Counters(2, 0, 1, 0, 3));
        tally.add(new BurstLine.Fds(300));
        tally.add(new BurstLine.Fds(310));
        tally.add(new BurstLine.Done());

        Map<String, Object> r = tally.result();
        assertThat(r).containsEntry("complete", true)
                .containsEntry("fullMeshMs", 4250.0)
                .containsEntry("firstNodeMeshedMs", 1000.0)
                .containsEntry("p50NodeMeshedMs", 2000.0)
                .containsEntry("allStartedMs", 350.0)
                .containsEntry("nodesMeshed", 4)
                .containsEntry("peersSeen", 12L)
                .containsEntry("connectionsRebuilt", 3L)
                .containsEntry("handshakesStalled", 1L)
                .containsEntry("silentLinksRebuilt", 1L)
                .containsEntry("peersAbandoned", 3L)
                .containsEntry("fileDescriptorsReadyPerChild", List.of(40, 41))
                .containsEntry("fileDescriptorsMeshedPerChild", List.of(300, 310));
    }

    @Test
    void oneNodeShortIsIncompleteAndTakesTheTimeout() {
        BurstTally tally = new BurstTally(3, 30_000_000);
        tally.add(new BurstLine.Meshed(0, 2_000_000, 2));
        tally.add(new BurstLine.Meshed(1, -1, 1));
        tally.add(new BurstLine.Meshed(2, 3_000_000, 2));
        assertThat(tally.reported()).isEqualTo(3);
        assertThat(tally.complete()).isFalse();
        assertThat(tally.result()).containsEntry("complete", false).containsEntry("fullMeshMs", 30_000.0)
                .containsEntry("nodesMeshed", 2).doesNotContainKey("connectionsRebuilt");
    }

    @Test
    void aMissingNodeIsIncompleteAndADuplicateIsRefused() {
        BurstTally tally = new BurstTally(3, 30_000_000);
        tally.add(new BurstLine.Meshed(0, 2_000_000, 2));
        tally.add(new BurstLine.Meshed(1, 2_000_000, 2));
        assertThat(tally.complete()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> tally.add(new BurstLine.Meshed(1, 2_100_000, 2)));
    }

    @Test
    void processesKeepEachWithinItsShareOfTheDescriptorLimit() {
        assertThat(SpreadBurst.descriptorsNeeded(100, 100)).isEqualTo(100 * 11 + 100 * 99 * 6);
        assertThat(SpreadBurst.processesFor(100, 20_000)).isEqualTo(5); // 14,000 / 605 = 23 nodes a process
        assertThat(SpreadBurst.processesFor(100, 100_000)).isEqualTo(1);
        assertThat(SpreadBurst.processesFor(100, 4_096)).isEqualTo(25); // 4 nodes a process
        assertThatIllegalArgumentException().isThrownBy(() -> SpreadBurst.processesFor(100, 500));
        int processes = SpreadBurst.processesFor(100, 20_000);
        int[] sizes = SpreadBurst.split(100, processes);
        assertThat(sizes).containsExactly(20, 20, 20, 20, 20);
        for (int size : sizes) {
            assertThat(SpreadBurst.descriptorsNeeded(size, 100)).isLessThanOrEqualTo((long) (20_000 * SpreadBurst.FD_BUDGET));
        }
    }

    @Test
    void splitIsEvenWithLargerSharesFirst() {
        assertThat(SpreadBurst.split(10, 3)).containsExactly(4, 3, 3);
        assertThat(SpreadBurst.split(100, 7)).containsExactly(15, 15, 14, 14, 14, 14, 14);
        assertThat(SpreadBurst.split(3, 3)).containsExactly(1, 1, 1);
    }
}
