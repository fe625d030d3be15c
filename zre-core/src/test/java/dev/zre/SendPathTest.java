package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreStatistics.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Application threads send on their own thread under the node's lock, and protocol-thread
 * listeners run without the event thread: with real nodes, nothing is lost, reordered or numbered
 * wrongly, whoever sends.
 */
class SendPathTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void threadsSendingAtOnceKeepEachThreadsOrderAndTheSequenceExact() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").eventQueueCapacity(threads * perThread * 2));
            TestNodes.Started b = nodes.start("b");
            a.node().join("g");
            TestNodes.eventually(DEADLINE, "b sees a in g", () -> b.node().peersByGroup("g").contains(a.node().uuid()));
            a.awaitEnter(b.node());
            Map<Integer, List<Integer>> received = new ConcurrentHashMap<>();
            AtomicInteger count = new AtomicInteger();
            a.node().subscribe(e -> {
                if (e instanceof ZreEvent.MessageEvent m) {
                    String[] parts = m.text().split(":");
                    received.computeIfAbsent(Integer.parseInt(parts[0]), k -> new CopyOnWriteArrayList<>())
                            .add(Integer.parseInt(parts[1]));
                    count.incrementAndGet();
                }
            });
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread sender = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        String text = id + ":" + i;
                        if (id % 2 == 0) {
                            b.node().shout("g", text);
                        } else {
                            b.node().whisper(a.node().uuid(), text);
                        }
                    }
                }, "sender-" + t);
                sender.start();
                senders.add(sender);
            }
            go.countDown();
            for (Thread sender : senders) {
                sender.join(DEADLINE.toMillis());
            }
            TestNodes.eventually(DEADLINE, "every message arrived", () -> count.get() == threads * perThread);
            for (int t = 0; t < threads; t++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    expected.add(i);
                }
                assertThat(received.get(t)).as("sender %d", t).containsExactlyElementsOf(expected);
            }
            assertThat(a.node().statistics().protocolErrors()).isZero(); // no sequence gap
            assertThat(a.node().statistics().get(Counter.EVENTS_DROPPED)).isZero();
            // (a handshake the connection manager took for stalled under load may have been rebuilt:
            // its replay keeps the stream exact, which is what the assertions above check)
        }
    }

    @Test
    void anInterruptedCallerStillSendsAndKeepsItsInterrupt() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b");
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            Thread.currentThread().interrupt();
            try {
                b.node().whisper(a.node().uuid(), "while interrupted");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(a.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("while interrupted");
            b.node().whisper(a.node().uuid(), "afterwards");
            assertThat(a.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("afterwards");
            a.node().whisper(b.node().uuid(), "and back");
            assertThat(b.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("and back");
        }
    }

    @Test
    void aSenderInterruptedOverAndOverLosesNothingAndSplitsNoMessage() throws Exception {
        int count = 2_000;
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").eventQueueCapacity(count * 2));
            TestNodes.Started b = nodes.start("b");
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            List<String> received = new CopyOnWriteArrayList<>();
            a.node().subscribe(e -> {
                if (e instanceof ZreEvent.Whisper w) {
                    received.add(w.text() + "/" + w.frames().size());
                }
            });
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        b.node().whisper(a.node().uuid(), ("m" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                new byte[16], new byte[16]);
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                } finally {
                    sending.set(false);
                    Thread.interrupted();
                }
            }, "interrupted-sender");
            Thread interrupter = new Thread(() -> {
                while (sending.get()) {
                    sender.interrupt();
                    Thread.yield();
                }
            }, "interrupter");
            sender.start();
            interrupter.start();
            sender.join(DEADLINE.toMillis());
            interrupter.join(DEADLINE.toMillis());
            assertThat(failures).isEmpty();
            TestNodes.eventually(DEADLINE, "every whisper arrived", () -> received.size() == count);
            for (int i = 0; i < count; i++) {
                assertThat(received.get(i)).isEqualTo("m" + i + "/3");
            }
            assertThat(a.node().statistics().protocolErrors()).isZero();
        }
    }

    @Test
    void aProtocolThreadListenerRunsOnTheProtocolThreadAndCanReply() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            List<String> threads = new CopyOnWriteArrayList<>();
            a.node().subscribeOnProtocolThread(e -> {
                threads.add(Thread.currentThread().getName());
                if (e instanceof ZreEvent.Whisper w) {
                    a.node().whisper(w.peer(), "echo " + w.text());
                }
            });
            TestNodes.Started b = nodes.start("b");
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            for (int i = 0; i < 100; i++) {
                b.node().whisper(a.node().uuid(), "m" + i);
            }
            for (int i = 0; i < 100; i++) {
                String expected = "echo m" + i;
                assertThat(b.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo(expected);
            }
            assertThat(threads).isNotEmpty().allMatch(name -> name.equals("zre-node-a"));
            // the event thread's listeners saw the same whispers
            assertThat(a.collect(e -> e instanceof ZreEvent.Whisper, 100, DEADLINE)).hasSize(100);
        }
    }

    @Test
    void aFailingProtocolThreadListenerIsCountedAndTheNodeGoesOn() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            AtomicInteger calls = new AtomicInteger();
            a.node().subscribeOnProtocolThread(e -> {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            });
            TestNodes.Started b = nodes.start("b");
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            b.node().whisper(a.node().uuid(), "first");
            b.node().whisper(a.node().uuid(), "second");
            assertThat(a.await(ZreEvent.Whisper.class, w -> w.text().equals("second"), DEADLINE)).isNotNull();
            assertThat(calls.get()).isGreaterThanOrEqualTo(3); // ENTER and two whispers at least
            assertThat(a.node().statistics().get(Counter.LISTENER_ERRORS)).isEqualTo(calls.get());
            a.node().whisper(b.node().uuid(), "still sending");
            assertThat(b.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("still sending");
        }
    }
}
