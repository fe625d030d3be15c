package dev.zre.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.TestNodes;
import dev.zre.spring.actuate.metrics.ZreApplicationEventMetrics;
import dev.zre.spring.event.ZreApplicationEventBridge;
import dev.zre.spring.listener.OverflowPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Events the application event bridge drops are counted: two real nodes, a bridge whose publisher is held.
 */
class ZreApplicationEventMetricsTests {

    @Test
    void eventsDroppedByAFullBridgeAreCounted() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        ApplicationEventPublisher slow = (event) -> {
            try {
                held.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started listening = nodes.start("listening");
            TestNodes.Started sending = nodes.start("sending");
            sending.awaitEnter(listening.node());
            ZreApplicationEventBridge bridge = new ZreApplicationEventBridge(listening.node(), slow, 1,
                    OverflowPolicy.DROP_NEWEST, Duration.ofSeconds(1));
            bridge.start();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new ZreApplicationEventMetrics(bridge).bindTo(registry);
            for (int i = 0; i < 10; i++) {
                sending.node().whisper(listening.node().uuid(), List.of(("m" + i).getBytes(StandardCharsets.UTF_8)));
            }
            // one event is held by the publisher, one waits in the queue: at least 8 of 10 are dropped
            await().atMost(Duration.ofSeconds(20))
                .until(() -> registry.get("zre.application.events.dropped").functionCounter().count() >= 8);
            assertThat(registry.get("zre.application.events.dropped").functionCounter().count())
                .isEqualTo(bridge.getDropped());
            held.countDown();
            bridge.stop();
        }
    }

}
