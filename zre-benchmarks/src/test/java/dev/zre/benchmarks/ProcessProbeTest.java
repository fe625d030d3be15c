package dev.zre.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading zre-core's share out of a class histogram, as {@code GC.class_histogram} prints it. */
class ProcessProbeTest {

    private static final String HISTOGRAM = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          6234        1585800  [Ljava.lang.Object; (java.base@17.0.15)
               2:           870         111360  dev.zre.internal.Peer
               3:           870          55680  dev.zre.internal.PeerConnection
               4:         19906         477744  dev.zre.benchmarks.SequenceCheck$Pair
               5:          1367          21872  dev.zre.PeerId
               6:          4680         149760  zmq.pipe.YQueue$Chunk
               7:             1             16  dev.zrefoo.NotOurs
            Total        33000       2402232
            """;

    @Test
    void countsDevZreClassesButNotTheBenchmarksOwnNorOtherPackages() {
        assertThat(ProcessProbe.zreCoreBytes(HISTOGRAM)).isEqualTo(111_360 + 55_680 + 21_872);
    }

    @Test
    void anEmptyHistogramCountsNothing() {
        assertThat(ProcessProbe.zreCoreBytes("")).isZero();
    }

    @Test
    void theRunningJvmCountsALiveZreCoreObject() {
        dev.zre.PeerId held = new dev.zre.PeerId(java.util.UUID.randomUUID()); // live while the histogram is taken
        assertThat(ProcessProbe.zreCoreBytes(ProcessProbe.classHistogram())).isPositive();
        assertThat(held.uuid()).isNotNull();
    }
}
