package dev.zre.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ReflectionUtils;

/**
 * The listener containers at run time: one application (alice) with real listeners, plain nodes on
 * loopback sending to it.
 */
class ZreListenerContainersIntegrationTests extends AliceOnLoopbackTests {

    @Test
    void containersAreStoppedStartedPausedAndResumedByIdWhileMessagesFlow() {
        this.alice.withBean(Numbers.class).run((context) -> {
            ZreListenerRegistry registry = context.getBean(ZreListenerRegistry.class);
            Numbers numbers = context.getBean(Numbers.class);
            ZreNode bob = joinedSender(context, "numbers");
            ZreListenerContainer counter = registry.getListenerContainer("counter");
            ZreListenerContainer manual = registry.getListenerContainer("manual");
            assertThat(registry.getListenerContainerIds()).containsExactlyInAnyOrder("counter", "manual", "witness");
            assertThat(counter.isRunning()).isTrue();
            assertThat(manual.isRunning()).as("autoStartup = false").isFalse();

            bob.shout("numbers", "1");
            await().atMost(DEADLINE).until(() -> numbers.counted.contains("1"));

            counter.pause();
            bob.shout("numbers", "2");
            bob.shout("numbers", "3");
            await().atMost(DEADLINE).until(() -> counter.getQueued() == 2); // held, not delivered
            assertThat(numbers.counted).containsExactly("1");
            counter.resume();
            await().atMost(DEADLINE).until(() -> numbers.counted.size() == 3);

            counter.stop();
            assertThat(counter.isRunning()).isFalse();
            bob.shout("numbers", "4"); // missed while stopped
            // the node dispatches one event at a time: once the witness has "4c", "4b" went past every container
            bob.shout("numbers", "4b");
            await().atMost(DEADLINE).until(() -> numbers.witnessed.contains("4b"));
            bob.shout("numbers", "4c");
            await().atMost(DEADLINE).until(() -> numbers.witnessed.contains("4c"));
            counter.start();
            manual.start();
            bob.shout("numbers", "5");
            await().atMost(DEADLINE).until(() -> numbers.counted.contains("5"));
            // "4c" may still have been on its way to the containers when they started
            assertThat(numbers.counted).filteredOn((number) -> !number.equals("4c"))
                .containsExactly("1", "2", "3", "5");
            await().atMost(DEADLINE).until(() -> numbers.manual.contains("5"));
            assertThat(numbers.manual).filteredOn((number) -> !number.equals("4c")).containsExactly("5");
        });
    }

    @Test
    void listenersRegisteredAfterStartAndListenersOfLazyBeansStartAtOnce() {
        this.alice.withBean(LazyNumbers.class, LazyNumbers::new, (definition) -> definition.setLazyInit(true)).run((context) -> {
            ZreListenerRegistry registry = context.getBean(ZreListenerRegistry.class);
            assertThat(registry.getListenerContainerIds()).isEmpty();
            // a lazy bean's listener registers when the bean is created
            LazyNumbers lazy = context.getBean(LazyNumbers.class);
            assertThat(registry.getListenerContainer("lazy").isRunning()).isTrue();
            // and one registered by hand after start runs at once (and its group is joined)
            List<String> late = new CopyOnWriteArrayList<>();
            Late listener = late::add;
            registry.register(new ZreListenerEndpoint("late", listener,
                    ReflectionUtils.findMethod(Late.class, "accept", String.class), Set.of(ZreEventType.SHOUT),
                    Set.of("late"), null), null);
            ZreNode bob = joinedSender(context, "lazy", "late");
            bob.shout("lazy", "for the lazy bean");
            bob.shout("late", "for the late listener");
            await().atMost(DEADLINE).until(() -> lazy.received.contains("for the lazy bean"));
            await().atMost(DEADLINE).until(() -> late.contains("for the late listener"));
        });
    }

    @Test
    void listenersOnPrototypeBeansFailStartupClearly() {
        this.alice.withBean(LazyNumbers.class, LazyNumbers::new, (definition) -> definition.setScope("prototype")).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("need a singleton bean")
                .hasMessageContaining("scope 'prototype'");
        });
    }

    @Test
    void concurrentListenerKeepsTheOrderOfEachPeerUnderLoad() {
        int perPeer = 500;
        this.alice.withBean(Load.class).run((context) -> {
            Load load = context.getBean(Load.class);
            ZreNode bob = joinedSender(context, "load");
            ZreNode carol = joinedSender(context, "load");
            for (int i = 0; i < perPeer; i++) {
                bob.shout("load", Integer.toString(i));
                carol.shout("load", Integer.toString(i));
            }
            await().atMost(DEADLINE).until(() -> load.total() == 2 * perPeer);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < perPeer; i++) {
                expected.add(i);
            }
            assertThat(load.byPeer.get(bob.uuid())).containsExactlyElementsOf(expected);
            assertThat(load.byPeer.get(carol.uuid())).containsExactlyElementsOf(expected);
            // each peer's messages were handled by one of the listener's four threads
            assertThat(load.threadsByPeer.get(bob.uuid())).hasSize(1).allMatch((name) -> name.startsWith("zre-listener-load-"));
            assertThat(load.threadsByPeer.get(carol.uuid())).hasSize(1);
            assertThat(context.getBean(ZreListenerRegistry.class).getListenerContainer("load").getDropped()).isZero();
        });
    }

    /** On Java 21+ the listener runs on a virtual thread; before 21 Boot ignores the setting, so a platform one. */
    @Test
    void listenersRunOnVirtualThreadsWhenEnabledAndTheJvmHasThem() {
        this.alice.withBean(Numbers.class).withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
            Numbers numbers = context.getBean(Numbers.class);
            ZreNode bob = joinedSender(context, "numbers");
            bob.shout("numbers", "1");
            await().atMost(DEADLINE).until(() -> !numbers.threads.isEmpty());
            Thread thread = numbers.threads.get(0);
            if (Runtime.version().feature() >= 21) {
                assertThat(Thread.class.getMethod("isVirtual").invoke(thread)).isEqualTo(true);
            }
            else {
                assertThat(thread.getName()).startsWith("zre-listener-");
                assertThat(thread.isDaemon()).isTrue();
            }
        });
    }

    @Test
    void stopStopsAllContainersInParallelAndCallsBackWhenTheyFinished() {
        this.alice.withBean(Blocking.class).run((context) -> {
            Blocking blocking = context.getBean(Blocking.class);
            ZreListenerRegistry registry = context.getBean(ZreListenerRegistry.class);
            ZreNode bob = joinedSender(context, "first", "second");
            bob.shout("first", "x");
            bob.shout("second", "x");
            assertThat(blocking.entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            AtomicBoolean stopped = new AtomicBoolean();
            registry.stop(() -> stopped.set(true));
            // both were told to stop although each is still busy with its event
            assertThat(registry.getListenerContainer("first").isRunning()).isFalse();
            assertThat(registry.getListenerContainer("second").isRunning()).isFalse();
            assertThat(stopped).isFalse();
            blocking.release.countDown();
            await().atMost(DEADLINE).untilTrue(stopped);
        });
    }

    /**
     * A plain node that sees alice in the groups and that alice sees, ready to send to her (the first
     * messages to a peer that has not entered on both sides yet can be lost: zre-benchmarks README).
     */
    private ZreNode joinedSender(ApplicationContext context, String... groups) {
        ZreNode alice = context.getBean(ZreNode.class);
        ZreNode sender = this.nodes.start("sender").node();
        await().atMost(DEADLINE)
            .until(() -> alice.peers().contains(sender.uuid())
                    && Set.of(groups).stream().allMatch((group) -> sender.peersByGroup(group).contains(alice.uuid())));
        return sender;
    }

    static class Numbers {

        final List<String> counted = new CopyOnWriteArrayList<>();

        final List<String> manual = new CopyOnWriteArrayList<>();

        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @ZreListener(id = "counter", groups = "numbers")
        void count(String number) {
            this.threads.add(Thread.currentThread());
            this.counted.add(number);
        }

        final List<String> witnessed = new CopyOnWriteArrayList<>();

        @ZreListener(id = "witness", groups = "numbers")
        void witness(String number) {
            this.witnessed.add(number);
        }

        @ZreListener(id = "manual", groups = "numbers", autoStartup = "${test.manual-auto-startup:false}")
        void manual(String number) {
            this.manual.add(number);
        }

    }

    static class LazyNumbers {

        final List<String> received = new CopyOnWriteArrayList<>();

        @ZreListener(id = "lazy", groups = "lazy")
        void onLazy(String text) {
            this.received.add(text);
        }

    }

    interface Late {

        void accept(String text);

    }

    static class Load {

        final Map<UUID, List<Integer>> byPeer = new ConcurrentHashMap<>();

        final Map<UUID, Set<String>> threadsByPeer = new ConcurrentHashMap<>();

        @ZreListener(id = "load", groups = "load", concurrency = "#{2 * 2}")
        void onLoad(String number, UUID peer) {
            this.byPeer.computeIfAbsent(peer, (p) -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(number));
            this.threadsByPeer.computeIfAbsent(peer, (p) -> ConcurrentHashMap.newKeySet())
                .add(Thread.currentThread().getName());
        }

        int total() {
            return this.byPeer.values().stream().mapToInt(List::size).sum();
        }

    }

    static class Blocking {

        final CountDownLatch entered = new CountDownLatch(2);

        final CountDownLatch release = new CountDownLatch(1);

        @ZreListener(id = "first", groups = "first")
        void first(String text) throws InterruptedException {
            block();
        }

        @ZreListener(id = "second", groups = "second")
        void second(String text) throws InterruptedException {
            block();
        }

        private void block() throws InterruptedException {
            this.entered.countDown();
            this.release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }

    }

}
