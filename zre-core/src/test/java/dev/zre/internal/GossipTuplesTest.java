package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hub's tuple table: czmq's rules (identical dropped, changed forwarded) and what it does better. */
class GossipTuplesTest {

    private final GossipTuples tuples = new GossipTuples(3);

    @Test
    void aNewTupleIsForwardedAndAnIdenticalOneDropped() {
        assertThat(tuples.publish("A", "tcp://10.0.0.1:5000", "c1")).isTrue();
        assertThat(tuples.publish("A", "tcp://10.0.0.1:5000", "c1")).isFalse();
        assertThat(tuples.publish("A", "tcp://10.0.0.1:5001", "c1")).isTrue();
        assertThat(tuples.size()).isEqualTo(1);
    }

    @Test
    void theSameEndpointUnderANewKeyReplacesTheStaleTuple() {
        tuples.publish("OLD", "tcp://10.0.0.1:5000", "c1");
        tuples.publish("OTHER", "tcp://10.0.0.2:5000", "c2");
        assertThat(tuples.publish("NEW", "tcp://10.0.0.1:5000|key", "c3")).isTrue();
        assertThat(tuples.get("OLD")).isNull();
        assertThat(tuples.all()).extracting(GossipTuples.Tuple::key).containsExactly("OTHER", "NEW");
    }

    @Test
    void forgettingAClientForgetsOnlyItsTuples() {
        tuples.publish("A", "tcp://10.0.0.1:5000", "c1");
        tuples.publish("B", "tcp://10.0.0.2:5000", "c2");
        tuples.publish("OWN", "tcp://10.0.0.3:5000", null);
        assertThat(tuples.forgetOwner("c1")).isEqualTo(1);
        assertThat(tuples.all()).extracting(GossipTuples.Tuple::key).containsExactly("B", "OWN");
    }

    @Test
    void anIdenticalTupleFromAnotherClientChangesItsOwner() {
        tuples.publish("A", "tcp://10.0.0.1:5000", "old-connection");
        tuples.publish("A", "tcp://10.0.0.1:5000", "new-connection");
        assertThat(tuples.forgetOwner("old-connection")).isZero();
        assertThat(tuples.size()).isEqualTo(1);
    }

    @Test
    void aFullTableRefusesNewKeysButTakesChanges() {
        tuples.publish("A", "tcp://a:1", "c");
        tuples.publish("B", "tcp://b:1", "c");
        tuples.publish("C", "tcp://c:1", "c");
        assertThat(tuples.publish("D", "tcp://d:1", "c")).isFalse();
        assertThat(tuples.publish("C", "tcp://c:2", "c")).isTrue();
        assertThat(tuples.size()).isEqualTo(3);
    }
}
