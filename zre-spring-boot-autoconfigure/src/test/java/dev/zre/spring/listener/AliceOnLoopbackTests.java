package dev.zre.spring.listener;

import dev.zre.spring.LoopbackNodes;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What the listener integration tests share: real nodes on loopback ({@link #nodes}, closed after
 * each test) and "alice", the application under test, auto-configured on the same beacon port.
 */
abstract class AliceOnLoopbackTests {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    final LoopbackNodes nodes = new LoopbackNodes();

    final ApplicationContextRunner alice = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withPropertyValues(ZreTestProperties.loopback("alice", this.nodes.beaconPort));

    @AfterEach
    void closeNodes() {
        this.nodes.close();
    }

}
