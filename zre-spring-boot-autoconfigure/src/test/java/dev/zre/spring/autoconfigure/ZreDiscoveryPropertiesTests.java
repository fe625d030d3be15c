package dev.zre.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreConfig;
import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code zre.discovery.*} properties: bound to the node's configuration, failures naming the
 * property, and the deprecated {@code zre.beacon-enabled} still honoured.
 */
class ZreDiscoveryPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withPropertyValues(ZreTestProperties.loopback("dns-node", ZreTestProperties.randomBeaconPort()));

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void dnsAndBeaconPropertiesAreBoundToTheNodeConfiguration() throws Exception {
        int port = freePort();
        // localhost answers 127.0.0.1, where this node's own mailbox is: it skips itself
        this.runner
            .withPropertyValues("zre.discovery.beacon.enabled=false", "zre.discovery.dns.name=localhost",
                    "zre.discovery.dns.port=" + port, "zre.discovery.dns.interval=2s",
                    "zre.discovery.dns.max-addresses=7")
            .run((context) -> {
                ZreNode node = context.getBean(ZreNode.class);
                ZreConfig config = node.config();
                assertThat(config.beaconEnabled()).isFalse();
                assertThat(config.dns()).isEqualTo(new ZreConfig.Dns("localhost", port, Duration.ofSeconds(2), 7));
                assertThat(node.endpoint()).as("the mailbox binds the DNS port").contains("tcp://127.0.0.1:" + port);
            });
    }

    @Test
    void withoutADnsNameDnsDiscoveryIsOffAndBeaconsAreOn() {
        this.runner.run((context) -> {
            ZreConfig config = context.getBean(ZreNode.class).config();
            assertThat(config.dns().enabled()).isFalse();
            assertThat(config.beaconEnabled()).isTrue();
            assertThat(config.ipv6()).isFalse();
        });
    }

    @Test
    void theDeprecatedBeaconEnabledPropertyStillTurnsBeaconsOff() {
        this.runner.withPropertyValues("zre.beacon-enabled=false")
            .run((context) -> assertThat(context.getBean(ZreNode.class).config().beaconEnabled()).isFalse());
    }

    @ParameterizedTest
    @CsvSource({ "zre.discovery.dns.port, 0, a port from 1 to 65535",
            "zre.discovery.dns.interval, 0s, a positive duration",
            "zre.discovery.dns.max-addresses, 0, a number of at least 1",
            "zre.discovery.dns.name, not a name, a DNS name" })
    void invalidDnsPropertyFailsNamingTheProperty(String property, String value, String expected) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException invalid = cause(context.getStartupFailure());
            assertThat(invalid.getName()).isEqualTo(property);
            assertThat(invalid.getReason()).contains(expected);
        });
    }

    @Test
    void configurationMetadataDescribesDiscoveryAndTheDeprecation() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String property : new String[] { "zre.discovery.beacon.enabled", "zre.discovery.dns.name",
                    "zre.discovery.dns.port", "zre.discovery.dns.interval", "zre.discovery.dns.max-addresses",
                    "zre.ipv6" }) {
                assertThat(json).contains("\"name\": \"" + property + "\"");
            }
            assertThat(json).contains("\"replacement\": \"zre.discovery.beacon.enabled\"");
        }
    }

    private static InvalidConfigurationPropertyValueException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationPropertyValueException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("No InvalidConfigurationPropertyValueException in " + failure, failure);
    }

}
