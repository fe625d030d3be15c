package dev.zre.spring.autoconfigure.health;

import dev.zre.ZreNode;
import dev.zre.spring.actuate.health.ZreHealthIndicator;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.autoconfigure.ZreProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@code zre} health indicator. Backs off without {@code spring-boot-health} and when
 * {@code management.health.zre.enabled=false}.
 */
@AutoConfiguration(after = ZreAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, ZreNode.class })
@ConditionalOnBean(ZreNode.class)
@ConditionalOnEnabledHealthIndicator("zre")
public final class ZreHealthContributorAutoConfiguration {

    ZreHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "zreHealthIndicator")
    ZreHealthIndicator zreHealthIndicator(ZreNode zreNode, ZreProperties properties) {
        int minPeers = properties.getHealth().getMinPeers();
        if (minPeers < 0) {
            throw new InvalidConfigurationPropertyValueException("zre.health.min-peers", minPeers,
                    "'" + minPeers + "' is not allowed; expected a number of at least 0");
        }
        return new ZreHealthIndicator(zreNode, minPeers);
    }

}
