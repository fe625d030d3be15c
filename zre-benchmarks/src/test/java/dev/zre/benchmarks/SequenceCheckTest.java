package dev.zre.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The soak's loss accounting: which gaps count as reported, on a clock the test sets. */
class SequenceCheckTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final SequenceCheck check = new SequenceCheck();

    @Test
    void messagesInOrderLoseNothing() {
        send(3, 10);
        check.arrived(a, b, 1, 10, 11);
        check.arrived(a, b, 2, 10, 12);
        check.arrived(a, b, 3, 10, 13);
        check.checkTails(Set.of(a, b), 100);

        assertThat(check.result(0).lost()).isZero();
        assertThat(check.messagesSent()).isEqualTo(3);
        assertThat(check.messagesArrived()).isEqualTo(3);
    }

    @Test
    void aGapWithoutAnyExitIsUnreported() {
        send(3, 10);
        check.arrived(a, b, 1, 10, 11);
        check.arrived(a, b, 3, 30, 31);

        SequenceCheck.Result r = check.result(0);
        assertThat(r.unreportedLost()).isEqualTo(1);
        assertThat(r.unreported()).singleElement().satisfies(g -> {
            assertThat(g.afterSeq()).isEqualTo(1);
            assertThat(g.nextSeq()).isEqualTo(3);
        });
    }

    @Test
    void theReceiversExitOfTheSenderInTheWindowReportsTheLoss() {
        send(3, 10);
        check.arrived(a, b, 1, 10, 11);
        check.exitSeen(b, a, 20);
        check.arrived(a, b, 3, 30, 31);

        assertThat(check.result(0).reportedLost()).isEqualTo(1);
        assertThat(check.result(0).unreportedLost()).isZero();
    }

    @Test
    void theSendersExitOfTheReceiverCountsWithinTheSlack() {
        send(3, 10);
        check.arrived(a, b, 1, 10, 11);
        check.arrived(a, b, 3, 30, 31);
        check.exitSeen(a, b, 35); // recorded a little after the next message arrived

        assertThat(check.result(0).unreportedLost()).isEqualTo(1);
        assertThat(check.result(10).reportedLost()).isEqualTo(1);
    }

    @Test
    void anExitOutsideTheWindowDoesNotReport() {
        send(3, 10);
        check.exitSeen(b, a, 5);
        check.arrived(a, b, 1, 10, 11);
        check.arrived(a, b, 3, 30, 31);
        check.exitSeen(b, a, 1_000_000_000); // a second later: not merged into the first one's span

        assertThat(check.result(0).unreportedLost()).isEqualTo(1);
    }

    @Test
    void exitsCloseTogetherAreKeptAsOneSpan() {
        for (int i = 0; i < 1000; i++) {
            check.exitSeen(b, a, 1_000_000L * i); // a storm: one EXIT per millisecond
        }

        assertThat(check.size()).containsEntry("exitsSeen", 1000L).containsEntry("exitSpans", 1);
    }

    @Test
    void aSenderThatStoppedInTheWindowIsCountedApart() {
        send(3, 10);
        check.arrived(a, b, 1, 10, 11);
        check.stopping(a, 20);
        check.arrived(a, b, 3, 30, 31);

        SequenceCheck.Result r = check.result(0);
        assertThat(r.senderStoppedLost()).isEqualTo(1);
        assertThat(r.unreportedLost()).isZero();
    }

    @Test
    void messagesMissingAtTheEndAreLossesToo() {
        send(4, 10);
        check.arrived(a, b, 1, 10, 11);
        check.arrived(a, b, 2, 10, 12);
        check.checkTails(Set.of(a, b), 100);

        assertThat(check.result(0).unreportedLost()).isEqualTo(2);
    }

    @Test
    void tailsOfPairsWithAStoppedEndAreNotChecked() {
        send(4, 10);
        check.arrived(a, b, 1, 10, 11);
        check.checkTails(Set.of(a), 100);

        assertThat(check.result(0).lost()).isZero();
    }

    @Test
    void aRepeatedOrEarlierSequenceIsOutOfOrder() {
        send(2, 10);
        check.arrived(a, b, 2, 10, 11);
        check.arrived(a, b, 1, 10, 12);

        assertThat(check.outOfOrder()).isEqualTo(1);
    }

    @Test
    void messageRoundTripKeepsEveryReceiversSequence() {
        UUID c = UUID.randomUUID();
        SoakMessage m = new SoakMessage(a, 42, java.util.List.of(new SoakMessage.Entry(b, 7), new SoakMessage.Entry(c, 9)));

        SoakMessage back = SoakMessage.decode(m.encode());

        assertThat(back.from()).isEqualTo(a);
        assertThat(back.sentAt()).isEqualTo(42);
        assertThat(back.seqFor(b)).isEqualTo(7);
        assertThat(back.seqFor(c)).isEqualTo(9);
        assertThat(back.seqFor(UUID.randomUUID())).isEqualTo(-1);
    }

    private void send(int count, long at) {
        for (int i = 0; i < count; i++) {
            check.next(a, b, at);
        }
    }
}
