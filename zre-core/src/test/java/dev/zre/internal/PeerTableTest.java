package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Admission rules of the peer table, on a clock the test moves. */
class PeerTableTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static Peer peer() {
        return new Peer(UUID.randomUUID(), "tcp://127.0.0.1:1", 0);
    }

    @Test
    void admitsABurstUpToTheRateThenRefusesUntilTokensRefill() {
        PeerTable table = new PeerTable(1000, 10, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(table.admit(0)).as("admission %d", i).isTrue();
        }
        assertThat(table.admit(0)).isFalse();
        assertThat(table.admit(SECOND / 20)).as("half a token after 50 ms").isFalse();
        assertThat(table.admit(SECOND / 10)).as("one token after 100 ms").isTrue();
        assertThat(table.admit(SECOND / 10)).isFalse();
    }

    @Test
    void tokensNeverExceedOneSecondsWorth() {
        PeerTable table = new PeerTable(1000, 5, 0);
        long later = 60 * SECOND;
        for (int i = 0; i < 5; i++) {
            assertThat(table.admit(later)).isTrue();
        }
        assertThat(table.admit(later)).isFalse();
    }

    @Test
    void refusesWhenTheTableIsFull() {
        PeerTable table = new PeerTable(2, 1000, 0);
        table.put(peer());
        table.put(peer());
        assertThat(table.admit(SECOND)).isFalse();
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void removesOnlyTheEntryItWasGiven() {
        PeerTable table = new PeerTable(10, 10, 0);
        Peer old = peer();
        Peer replacement = new Peer(old.uuid, "tcp://127.0.0.1:2", 0);
        table.put(old);
        table.put(replacement);
        assertThat(table.remove(old)).isFalse();
        assertThat(table.get(old.uuid)).isSameAs(replacement);
        assertThat(table.contains(old)).isFalse();
        assertThat(table.remove(replacement)).isTrue();
        assertThat(table.get(old.uuid)).isNull();
    }

    @Test
    void findsAPeerByTheEndpointWeConnectToOrTheOneItsHelloNamed() {
        PeerTable table = new PeerTable(1000, 10, 0);
        Peer p = new Peer(UUID.randomUUID(), "tcp://127.0.0.1:5670", 0);
        p.address = "tcp://10.0.0.7:5670";
        table.put(p);
        assertThat(table.atEndpoint("tcp://127.0.0.1:5670")).isSameAs(p);
        assertThat(table.atEndpoint("tcp://10.0.0.7:5670")).isSameAs(p);
        assertThat(table.atEndpoint("tcp://127.0.0.1:5671")).isNull();
    }
}
