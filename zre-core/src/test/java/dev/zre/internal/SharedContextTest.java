package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.TestNodes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nodes share contexts: automatic ones a few to a context of one I/O thread, the others one context
 * per number of I/O threads asked for; a context closes when its last node lets go.
 */
class SharedContextTest {

    @Test
    void automaticNodesShareContextsOfOneIoThreadAFewNodesEach() {
        List<SharedContext> leases = new ArrayList<>();
        try {
            for (int i = 0; i < SharedContext.NODES_PER_AUTOMATIC_CONTEXT * 3; i++) {
                leases.add(SharedContext.acquire(0));
            }
            // other tests' nodes may hold automatic contexts with room left, so count the distinct ones at the end
            SharedContext last = leases.get(leases.size() - 1);
            assertThat(leases.stream().filter(l -> l == last)).hasSizeLessThanOrEqualTo(SharedContext.NODES_PER_AUTOMATIC_CONTEXT);
            assertThat(leases.stream().distinct().count()).isGreaterThanOrEqualTo(3);
            assertThat(leases).allSatisfy(l -> assertThat(l.context().getContext().getIOThreads()).isEqualTo(1));
        } finally {
            leases.forEach(SharedContext::release);
        }
        assertThat(leases.get(leases.size() - 1).context().isClosed()).isTrue();
    }

    @Test
    void anExplicitNumberOfIoThreadsSharesOneContextAndClosesWithItsLastNode() {
        // numbers no other test's nodes ask for, so this test owns both contexts
        SharedContext three = SharedContext.acquire(3);
        SharedContext threeAgain = SharedContext.acquire(3);
        SharedContext five = SharedContext.acquire(5);
        try {
            assertThat(threeAgain).isSameAs(three);
            assertThat(five).isNotSameAs(three);
            assertThat(three.context().getContext().getIOThreads()).isEqualTo(3);
            assertThat(five.context().getContext().getIOThreads()).isEqualTo(5);
            assertThat(three.greetings()).isNotSameAs(five.greetings());
        } finally {
            five.release();
            three.release();
        }
        assertThat(five.context().isClosed()).isTrue();
        assertThat(three.context().isClosed()).as("one node still uses it").isFalse();
        three.release();
        assertThat(three.context().isClosed()).isTrue();
    }

    @Test
    void aNodeRunsOnTheContextWithTheIoThreadsItAskedFor() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            var node = nodes.start("seven", b -> b.ioThreads(7));
            assertThat(SharedContext.usersOfExplicit(7)).isEqualTo(1);
            node.node().stop();
        }
        assertThat(SharedContext.usersOfExplicit(7)).as("closed with its last node").isZero();
    }
}
