package dev.zre.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * A completed election reaches the application twice: as the {@link ZreEvent.Leader} record published as an
 * application event, and through {@code @ZreListener(events = LEADER)}, filtered by group.
 */
class ZreLeaderEventTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withUserConfiguration(LeaderListenersConfiguration.class)
        .withPropertyValues(ZreTestProperties.loopback("lonely", ZreTestProperties.randomBeaconPort()))
        .withPropertyValues("zre.election.contest=ops,jobs", "zre.election.timeout=200ms");

    @Test
    void leaderEventReachesEventListenersAndZreListenersOfItsGroup() {
        this.runner.run((context) -> {
            ZreNode node = context.getBean(ZreNode.class);
            LeaderListeners listeners = context.getBean(LeaderListeners.class);
            ZreEvent.Leader viaListener = listeners.opsLeaders.poll(10, TimeUnit.SECONDS);
            assertThat(viaListener).isNotNull();
            assertThat(viaListener.group()).isEqualTo("ops");
            assertThat(viaListener.leader()).as("alone in the group, the node leads").isEqualTo(node.uuid());
            assertThat(viaListener.leaderName()).isEqualTo("lonely");

            ZreEvent.Leader first = listeners.applicationEvents.poll(10, TimeUnit.SECONDS);
            ZreEvent.Leader second = listeners.applicationEvents.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(List.of(first.group(), second.group())).containsExactlyInAnyOrder("ops", "jobs");
            assertThat(listeners.opsLeaders).as("the group filter kept the 'jobs' election out").isEmpty();
        });
    }

    static class LeaderListeners {

        final BlockingQueue<ZreEvent.Leader> opsLeaders = new LinkedBlockingQueue<>();

        final BlockingQueue<ZreEvent.Leader> applicationEvents = new LinkedBlockingQueue<>();

        @ZreListener(events = ZreEventType.LEADER, groups = "ops")
        void onOpsLeader(ZreEvent.Leader leader) {
            this.opsLeaders.add(leader);
        }

        @EventListener
        void onLeader(ZreEvent.Leader leader) {
            this.applicationEvents.add(leader);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class LeaderListenersConfiguration {

        @Bean
        LeaderListeners leaderListeners() {
            return new LeaderListeners();
        }

    }

}
