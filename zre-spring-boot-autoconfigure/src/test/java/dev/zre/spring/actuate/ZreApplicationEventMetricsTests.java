package dev.zre.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreConfig;
import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
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
        int beaconPort = ZreTestProperties.randomBeaconPort();
        ZreNode listening = node("listening", beaconPort);
        ZreNode sending = node("sending", beaconPort);
        try {
            listening.start();
            sending.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> sending.peers().contains(listening.uuid()));
            ZreApplicationEventBridge bridge = new ZreApplicationEventBridge(listening, slow, 1,
                    OverflowPolicy.DROP_NEWEST, Duration.ofSeconds(1));
            bridge.start();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new ZreApplicationEventMetrics(bridge).bindTo(registry);
            for (int i = 0; i < 10; i++) {
                sending.whisper(listening.uuid(), List.of(("m" + i).getBytes(StandardCharsets.UTF_8)));
            }
            // one event is held by the publisher, one waits in the queue: at least 8 of 10 are dropped
            await().atMost(Duration.ofSeconds(20))
                .until(() -> registry.get("zre.application.events.dropped").functionCounter().count() >= 8);
            assertThat(registry.get("zre.application.events.dropped").functionCounter().count())
                .isEqualTo(bridge.getDropped());
            held.countDown();
            bridge.stop();
        }
        finally {
            sending.stop();
            listening.stop();
        }
    }

    private static ZreNode node(String name, int beaconPort) {
        return new ZreNode(ZreConfig.builder()
            .name(name)
            .networkInterface(ZreConfig.LOOPBACK)
            .beaconPort(beaconPort)
            .beaconInterval(Duration.ofMillis(100))
            .build());
    }

}
