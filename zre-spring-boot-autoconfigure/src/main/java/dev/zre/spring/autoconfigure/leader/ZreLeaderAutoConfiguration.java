package dev.zre.spring.autoconfigure.leader;

import dev.zre.ZreNode;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.autoconfigure.ZreProperties;
import dev.zre.spring.leader.ZreLeaderInitiator;
import dev.zre.spring.leader.ZreLeaderInitiators;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.leader.Candidate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of Spring
 * Integration leadership over ZRE: one {@link ZreLeaderInitiator} per {@link Candidate} bean, whose role
 * names the ZRE group. Backs off without Spring Integration, without candidates, with
 * {@code zre.election.leadership.enabled=false}, and for candidates that already have an initiator bean.
 */
@AutoConfiguration(after = ZreAutoConfiguration.class)
@ConditionalOnClass({ Candidate.class, ZreLeaderInitiator.class })
@ConditionalOnBean({ ZreNode.class, Candidate.class })
@ConditionalOnBooleanProperty(name = "zre.election.leadership.enabled", matchIfMissing = true)
public final class ZreLeaderAutoConfiguration {

    ZreLeaderAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ZreLeaderInitiators zreLeaderInitiators(ZreNode zreNode, ZreProperties properties,
            ObjectProvider<Candidate> candidates, ObjectProvider<ZreLeaderInitiator> userInitiators) {
        Duration yieldTime = properties.getElection().getLeadership().getYieldTime();
        if (yieldTime.isNegative() || yieldTime.isZero()) {
            throw new InvalidConfigurationPropertyValueException("zre.election.leadership.yield-time", yieldTime,
                    "'" + yieldTime + "' is not allowed; expected a positive duration");
        }
        Set<Candidate> driven = userInitiators.stream().map(ZreLeaderInitiator::getCandidate)
            .collect(Collectors.toSet());
        List<ZreLeaderInitiator> initiators = candidates.orderedStream()
            .filter((candidate) -> !driven.contains(candidate))
            .map((candidate) -> {
                ZreLeaderInitiator initiator = new ZreLeaderInitiator(zreNode, candidate);
                initiator.setYieldTime(yieldTime);
                return initiator;
            })
            .toList();
        return new ZreLeaderInitiators(initiators);
    }

}
