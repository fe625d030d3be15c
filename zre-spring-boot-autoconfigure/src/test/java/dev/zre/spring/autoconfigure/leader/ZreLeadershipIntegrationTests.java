package dev.zre.spring.autoconfigure.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two applications on loopback, each with a Spring Integration candidate for the role 'jobs': exactly one
 * is granted; stopping it grants the other; callbacks and events come in the documented order.
 */
class ZreLeadershipIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** The lower id wins every election: 'first' leads as long as it is there. */
    private static final UUID FIRST = UUID.fromString("10000000-0000-0000-0000-000000000000");

    private static final UUID SECOND = UUID.fromString("20000000-0000-0000-0000-000000000000");

    private final int beaconPort = ZreTestProperties.randomBeaconPort();

    private ApplicationContextRunner application(String name, UUID uuid) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class, ZreLeaderAutoConfiguration.class))
            .withUserConfiguration(JobsCandidate.class)
            .withPropertyValues(ZreTestProperties.loopback(name, this.beaconPort))
            .withPropertyValues("zre.uuid=" + uuid, "zre.election.timeout=1s", "zre.leave-grace-period=200ms");
    }

    @Test
    void exactlyOneApplicationIsGrantedAndStoppingItGrantsTheOther() {
        application("second", SECOND).run((secondContext) -> {
            RecordingCandidate second = secondContext.getBean(RecordingCandidate.class);
            ZreNode secondNode = secondContext.getBean(ZreNode.class);
            await("'second' alone leads").atMost(DEADLINE).until(second::granted);
            RecordingCandidate[] first = new RecordingCandidate[1];
            application("first", FIRST).run((firstContext) -> {
                first[0] = firstContext.getBean(RecordingCandidate.class);
                ZreNode firstNode = firstContext.getBean(ZreNode.class);
                await("'first' has the lower id and is granted").atMost(DEADLINE).until(first[0]::granted);
                await("'second' was revoked").atMost(DEADLINE)
                    .until(() -> second.history.contains("OnRevokedEvent"));
                assertThat(secondNode.leader("jobs")).contains(FIRST);
                assertThat(firstNode.leader("jobs")).contains(FIRST);
                assertThat(first[0].context.isLeader()).isTrue();
                assertThat(second.context.isLeader()).isFalse();
            });
            // 'first' stopped: its candidate was revoked before its node left, and 'second' leads again
            assertThat(first[0].history).containsExactly("granted:true", "OnGrantedEvent", "revoked:false",
                    "OnRevokedEvent");
            await("'second' is granted again").atMost(DEADLINE)
                .until(() -> second.history.size() == 6);
            assertThat(second.history).containsExactly("granted:true", "OnGrantedEvent", "revoked:false",
                    "OnRevokedEvent", "granted:true", "OnGrantedEvent");
            assertThat(secondNode.leader("jobs")).isEqualTo(Optional.of(SECOND));
        });
    }

    @Test
    void aYieldingLeaderHandsTheRoleOverAndTakesItBackAfterTheYieldTime() {
        application("second", SECOND).withPropertyValues("zre.election.leadership.yield-time=1s").run((secondContext) -> {
            RecordingCandidate second = secondContext.getBean(RecordingCandidate.class);
            application("first", FIRST).withPropertyValues("zre.election.leadership.yield-time=1s").run((firstContext) -> {
                RecordingCandidate first = firstContext.getBean(RecordingCandidate.class);
                await("'first' leads").atMost(DEADLINE)
                    .until(() -> first.granted() && secondContext.getBean(ZreNode.class).leader("jobs")
                        .equals(Optional.of(FIRST)));
                second.history.clear();
                first.yieldLeadership();
                await("'second' is granted while 'first' is out of the group").atMost(DEADLINE)
                    .until(() -> second.history.contains("OnGrantedEvent"));
                await("'first' takes the role back after the yield time").atMost(DEADLINE)
                    .until(() -> first.history.size() == 6);
                assertThat(first.history).containsExactly("granted:true", "OnGrantedEvent", "revoked:false",
                        "OnRevokedEvent", "granted:true", "OnGrantedEvent");
                await("'second' is revoked").atMost(DEADLINE)
                    .until(() -> second.history.contains("OnRevokedEvent"));
            });
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class JobsCandidate {

        @Bean
        RecordingCandidate jobsCandidate() {
            return new RecordingCandidate("jobs-candidate", "jobs");
        }

    }

}
