package dev.zre.spring.autoconfigure.leader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.leader.ZreLeaderInitiator;
import dev.zre.spring.leader.ZreLeaderInitiators;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.leader.Candidate;

/** When the Spring Integration leader initiators are configured, and when they back off. */
class ZreLeaderAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class, ZreLeaderAutoConfiguration.class))
        .withPropertyValues(ZreTestProperties.loopback("leader-test", ZreTestProperties.randomBeaconPort()));

    @Test
    void oneInitiatorPerCandidateContestingItsRole() {
        this.runner.withUserConfiguration(TwoCandidates.class).run((context) -> {
            ZreLeaderInitiators initiators = context.getBean(ZreLeaderInitiators.class);
            assertThat(initiators.getInitiators()).extracting((i) -> i.getCandidate().getRole())
                .containsExactlyInAnyOrder("jobs", "reports");
            assertThat(initiators.isRunning()).isTrue();
            assertThat(context.getBean(ZreNode.class).ownGroups()).contains("jobs", "reports");
        });
    }

    @Test
    void backsOffWithoutCandidates() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(ZreLeaderInitiators.class));
    }

    @Test
    void backsOffWithoutSpringIntegration() {
        this.runner.withClassLoader(new FilteredClassLoader(Candidate.class))
            .withUserConfiguration(NodeOnly.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZreLeaderInitiators.class));
    }

    @Test
    void backsOffWhenSwitchedOff() {
        this.runner.withUserConfiguration(TwoCandidates.class)
            .withPropertyValues("zre.election.leadership.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZreLeaderInitiators.class));
    }

    @Test
    void backsOffWithoutANode() {
        this.runner.withUserConfiguration(TwoCandidates.class)
            .withPropertyValues("zre.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZreLeaderInitiators.class));
    }

    @Test
    void leavesCandidatesWithTheirOwnInitiatorAlone() {
        this.runner.withUserConfiguration(TwoCandidates.class, OwnInitiator.class).run((context) -> {
            assertThat(context.getBean(ZreLeaderInitiators.class).getInitiators())
                .extracting((i) -> i.getCandidate().getRole())
                .containsExactly("reports");
        });
    }

    @Test
    void invalidYieldTimeFailsNamingTheProperty() {
        this.runner.withUserConfiguration(TwoCandidates.class)
            .withPropertyValues("zre.election.leadership.yield-time=0s")
            .run((context) -> {
                assertThat(context).hasFailed();
                Throwable failure = context.getStartupFailure();
                while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
                    failure = failure.getCause();
                }
                assertThat(failure).isInstanceOf(InvalidConfigurationPropertyValueException.class);
                assertThat(((InvalidConfigurationPropertyValueException) failure).getName())
                    .isEqualTo("zre.election.leadership.yield-time");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoCandidates {

        @Bean
        RecordingCandidate jobsCandidate() {
            return new RecordingCandidate("jobs-1", "jobs");
        }

        @Bean
        RecordingCandidate reportsCandidate() {
            return new RecordingCandidate("reports-1", "reports");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnInitiator {

        @Bean
        ZreLeaderInitiator jobsInitiator(ZreNode node, RecordingCandidate jobsCandidate) {
            return new ZreLeaderInitiator(node, jobsCandidate);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class NodeOnly {

    }

}
