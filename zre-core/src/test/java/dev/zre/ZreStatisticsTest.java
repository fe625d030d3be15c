package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.internal.NodeCounters;
import dev.zre.protocol.Command;
import org.junit.jupiter.api.Test;

/** The public statistics read exactly what the engine counts, under the public message types. */
class ZreStatisticsTest {

    private final NodeCounters counters = new NodeCounters();
    private final ZreStatistics statistics = new ZreStatistics(counters);

    @Test
    void everyWireCommandIsCountedUnderTheMessageTypeOfTheSameName() {
        assertThat(MessageType.values()).hasSameSizeAs(Command.values());
        for (Command command : Command.values()) {
            for (int i = 0; i <= command.ordinal(); i++) {
                counters.messageSent(command, 10);
            }
            counters.messageReceived(command, 1);
        }
        for (Command command : Command.values()) {
            MessageType type = MessageType.valueOf(command.name());
            assertThat(statistics.messagesSent(type)).as("%s sent", type).isEqualTo(command.ordinal() + 1);
            assertThat(statistics.messagesReceived(type)).as("%s received", type).isEqualTo(1);
        }
        assertThat(statistics.get(ZreStatistics.Counter.BYTES_SENT)).isEqualTo(10L * 55);
        assertThat(statistics.get(ZreStatistics.Counter.BYTES_RECEIVED)).isEqualTo(10);
    }

    @Test
    void errorsExitsAndPlainCountersAreReadBack() {
        counters.protocolError(ProtocolError.SEQUENCE_GAP);
        counters.protocolError(ProtocolError.SEQUENCE_GAP);
        counters.protocolError(ProtocolError.NO_HELLO);
        counters.peerExited(ExitReason.EXPIRED);
        counters.increment(ZreStatistics.Counter.PEERS_ENTERED);
        counters.add(ZreStatistics.Counter.BEACONS_SENT, 7);
        assertThat(statistics.protocolErrors(ProtocolError.SEQUENCE_GAP)).isEqualTo(2);
        assertThat(statistics.protocolErrors()).isEqualTo(3);
        assertThat(statistics.protocolErrorCounts()).containsEntry(ProtocolError.NO_HELLO, 1L);
        assertThat(statistics.peersExited(ExitReason.EXPIRED)).isEqualTo(1);
        assertThat(statistics.peersExited(ExitReason.LEFT)).isZero();
        assertThat(statistics.get(ZreStatistics.Counter.PEERS_ENTERED)).isEqualTo(1);
        assertThat(statistics.get(ZreStatistics.Counter.BEACONS_SENT)).isEqualTo(7);
    }
}
