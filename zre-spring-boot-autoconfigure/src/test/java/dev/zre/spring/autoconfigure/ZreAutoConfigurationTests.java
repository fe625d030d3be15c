package dev.zre.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.NodeState;
import dev.zre.ZreConfig;
import dev.zre.ZreNode;
import dev.zre.spring.FailureReport;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.converter.JacksonZreMessageConverter;
import dev.zre.spring.converter.SimpleZreMessageConverter;
import dev.zre.spring.converter.ZreMessageConverter;
import dev.zre.spring.core.ZreNodeLifecycle;
import dev.zre.spring.core.ZreOperations;
import dev.zre.spring.core.ZreTemplate;
import dev.zre.spring.event.ZreApplicationEventBridge;
import dev.zre.spring.listener.OverflowPolicy;
import dev.zre.spring.listener.ZreListenerErrorHandler;
import dev.zre.spring.listener.ZreListenerRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

class ZreAutoConfigurationTests {

    private final int beaconPort = ZreTestProperties.randomBeaconPort();

    private final FailureReport failureReport = new FailureReport();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withPropertyValues(ZreTestProperties.loopback("test-node", this.beaconPort))
        .withInitializer(this.failureReport.initializer());

    @Test
    void defaultsCreateARunningNodeAndItsCompanions() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(ZreNode.class)
                .hasSingleBean(ZreNodeLifecycle.class)
                .hasSingleBean(ZreTemplate.class)
                .hasSingleBean(ZreListenerRegistry.class)
                .hasSingleBean(ZreApplicationEventBridge.class)
                .hasSingleBean(ZreListenerErrorHandler.class)
                .hasBean("zreListenerAnnotationBeanPostProcessor");
            assertThat(context.getBean(ZreMessageConverter.class)).isInstanceOf(JacksonZreMessageConverter.class);
            ZreNode node = context.getBean(ZreNode.class);
            assertThat(node.state()).isEqualTo(NodeState.RUNNING);
            assertThat(node.interfaceName()).isPresent();
            assertThat(node.endpoint()).hasValueSatisfying((endpoint) -> assertThat(endpoint).startsWith("tcp://127."));
            ZreConfig config = node.config();
            assertThat(config.evasiveTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.expiredTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.mailboxPort()).isZero();
        });
    }

    @Test
    void nodeStopsWithTheContext() {
        ZreNode[] node = new ZreNode[1];
        this.runner.run((context) -> node[0] = context.getBean(ZreNode.class));
        assertThat(node[0].state()).isEqualTo(NodeState.STOPPED);
    }

    @Test
    void propertiesAreBoundToTheNodeConfiguration() {
        this.runner
            .withPropertyValues("zre.headers.X-ROLE=worker", "zre.headers.X-ZONE=a", "zre.groups=chat,ops",
                    "zre.evasive-timeout=2s", "zre.expired-timeout=20s", "zre.max-peers=12", "zre.max-pending-peers=5",
                    "zre.event-queue-capacity=50", "zre.io-threads=1", "zre.endpoints=tcp://127.0.0.1:49999",
                    "zre.uuid=00000000-0000-0000-0000-000000000042", "zre.listener.queue-capacity=7",
                    "zre.listener.overflow-policy=drop-oldest")
            .run((context) -> {
                ZreNode node = context.getBean(ZreNode.class);
                ZreConfig config = node.config();
                assertThat(node.name()).isEqualTo("test-node");
                assertThat(node.uuid()).hasToString("00000000-0000-0000-0000-000000000042");
                assertThat(config.headers()).isEqualTo(Map.of("X-ROLE", "worker", "X-ZONE", "a"));
                assertThat(node.ownGroups()).containsExactlyInAnyOrder("chat", "ops");
                assertThat(config.networkInterface()).isEqualTo("loopback");
                assertThat(config.beaconPort()).isEqualTo(this.beaconPort);
                assertThat(config.beaconInterval()).isEqualTo(Duration.ofMillis(100));
                assertThat(config.evasiveTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(config.expiredTimeout()).isEqualTo(Duration.ofSeconds(20));
                assertThat(config.maxPeers()).isEqualTo(12);
                assertThat(config.maxPendingPeers()).isEqualTo(5);
                assertThat(config.eventQueueCapacity()).isEqualTo(50);
                assertThat(config.ioThreads()).isEqualTo(1);
                assertThat(config.endpoints()).containsExactly("tcp://127.0.0.1:49999");
                ZreProperties properties = context.getBean(ZreProperties.class);
                assertThat(properties.getListener().getQueueCapacity()).isEqualTo(7);
                assertThat(properties.getListener().getOverflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
            });
    }

    @Test
    void nameDefaultsToTheApplicationName() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
            .withPropertyValues("zre.interface=loopback", "zre.port=" + this.beaconPort,
                    "spring.application.name=orders")
            .run((context) -> assertThat(context.getBean(ZreNode.class).name()).isEqualTo("orders"));
    }

    @Test
    void nameDefaultsToTheHostNameWithoutApplicationName() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
            .withPropertyValues("zre.interface=loopback", "zre.port=" + this.beaconPort)
            .run((context) -> assertThat(context.getBean(ZreNode.class).name()).isEqualTo(host));
    }

    @Test
    void customizersAdjustTheConfiguration() {
        this.runner.withBean(ZreNodeCustomizer.class, () -> (builder) -> builder.header("X-CUSTOM", "yes"))
            .run((context) -> assertThat(context.getBean(ZreNode.class).headers()).containsEntry("X-CUSTOM", "yes"));
    }

    @Test
    void backsOffWhenTheUserDefinesANode() {
        this.runner.withUserConfiguration(UserNodeConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(ZreNode.class);
            assertThat(context.getBean(ZreNode.class).name()).isEqualTo("mine");
            assertThat(context.getBean(ZreNode.class).state()).isEqualTo(NodeState.RUNNING);
        });
    }

    @Test
    void backsOffWhenTheUserDefinesOperations() {
        this.runner.withBean("myOperations", ZreOperations.class, () -> org.mockito.Mockito.mock(ZreOperations.class))
            .run((context) -> assertThat(context).hasSingleBean(ZreOperations.class).doesNotHaveBean("zreTemplate"));
    }

    @Test
    void disabledBacksOffEntirely() {
        this.runner.withPropertyValues("zre.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(ZreNode.class)
                .doesNotHaveBean(ZreTemplate.class)
                .doesNotHaveBean(ZreListenerRegistry.class)
                .doesNotHaveBean(ZreApplicationEventBridge.class)
                .doesNotHaveBean("zreListenerAnnotationBeanPostProcessor");
        });
    }

    @Test
    void applicationEventsCanBeTurnedOff() {
        this.runner.withPropertyValues("zre.application-events.enabled=false")
            .run((context) -> assertThat(context).hasSingleBean(ZreNode.class)
                .doesNotHaveBean(ZreApplicationEventBridge.class));
    }

    @Test
    void withoutJacksonTheSimpleConverterIsUsed() {
        this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
            .run((context) -> assertThat(context.getBean(ZreMessageConverter.class))
                .isExactlyInstanceOf(SimpleZreMessageConverter.class));
    }

    @Test
    void invalidBeaconPortFailsNamingTheProperty() {
        this.runner.withPropertyValues("zre.port=70000").run((context) -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException invalid = cause(context.getStartupFailure(),
                    InvalidConfigurationPropertyValueException.class);
            assertThat(invalid.getName()).isEqualTo("zre.port");
            assertThat(invalid.getValue()).isEqualTo("70000");
            assertThat(invalid.getReason()).contains("a port from 1 to 65535");
        });
    }

    @Test
    void electionPropertiesAreBoundToTheNodeConfiguration() {
        this.runner.withPropertyValues("zre.groups=chat", "zre.election.contest=ops,jobs", "zre.election.timeout=2s")
            .run((context) -> {
                ZreNode node = context.getBean(ZreNode.class);
                assertThat(node.config().contested()).containsExactlyInAnyOrder("ops", "jobs");
                assertThat(node.config().electionTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(node.ownGroups()).as("contested groups are joined").containsExactlyInAnyOrder("chat", "ops", "jobs");
            });
    }

    @Test
    void gossipPropertiesAreBoundToTheNodeConfiguration() {
        this.runner.withPropertyValues("zre.discovery.gossip.connect=tcp://127.0.0.1:9001,tcp://127.0.0.1:9002",
                "zre.discovery.gossip.bind=tcp://127.0.0.1:" + freePort(),
                "zre.discovery.advertised-endpoint=tcp://127.0.0.1:50123")
            .run((context) -> {
                ZreNode node = context.getBean(ZreNode.class);
                assertThat(node.config().gossipConnect()).containsExactly("tcp://127.0.0.1:9001", "tcp://127.0.0.1:9002");
                assertThat(node.config().gossipBind()).startsWith("tcp://127.0.0.1:");
                assertThat(node.config().advertisedEndpoint()).isEqualTo("tcp://127.0.0.1:50123");
            });
    }

    @Test
    void invalidGossipEndpointFailsNamingTheProperty() {
        this.runner.withPropertyValues("zre.discovery.gossip.connect=udp://hub:9001").run((context) -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException invalid = cause(context.getStartupFailure(),
                    InvalidConfigurationPropertyValueException.class);
            assertThat(invalid.getName()).isEqualTo("zre.discovery.gossip.connect");
            assertThat(invalid.getReason()).contains("tcp://host:port");
        });
    }

    @Test
    void aLoopbackNodeGossipingWithAnotherHostFailsStartupNamingTheAdvertisedEndpoint() {
        this.runner.withPropertyValues("zre.discovery.gossip.connect=tcp://198.18.0.1:9001").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = this.failureReport.of(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("zre.discovery.advertised-endpoint")
                .contains("the mailbox is on loopback");
        });
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    void invalidElectionTimeoutFailsNamingTheProperty() {
        this.runner.withPropertyValues("zre.election.timeout=0s").run((context) -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException invalid = cause(context.getStartupFailure(),
                    InvalidConfigurationPropertyValueException.class);
            assertThat(invalid.getName()).isEqualTo("zre.election.timeout");
            assertThat(invalid.getReason()).contains("a positive duration");
        });
    }

    @Test
    void expiredTimeoutNotAboveEvasiveTimeoutFailsNamingTheProperty() {
        this.runner.withPropertyValues("zre.evasive-timeout=10s", "zre.expired-timeout=5s").run((context) -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException invalid = cause(context.getStartupFailure(),
                    InvalidConfigurationPropertyValueException.class);
            assertThat(invalid.getName()).isEqualTo("zre.expired-timeout");
            assertThat(invalid.getReason()).contains("longer than evasiveTimeout");
        });
    }

    @ParameterizedTest
    @CsvSource({ "zre.listener.queue-capacity, 0, a number of at least 1",
            "zre.listener.shutdown-timeout, -1s, a duration of zero or more",
            "zre.leave-grace-period, -1s, a duration of zero or more" })
    void invalidStarterPropertyFailsNamingThePropertyAndTheAllowedValues(String property, String value,
            String allowed) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = this.failureReport.of(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Invalid value '" + value + "' for configuration property '"
                    + property + "'")
                .contains(allowed);
        });
    }

    @Test
    void unknownOverflowPolicyFailsNamingTheProperty() {
        this.runner.withPropertyValues("zre.listener.overflow-policy=sometimes").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(cause(context.getStartupFailure(), BindException.class))
                .hasMessageContaining("zre.listener.overflow-policy");
        });
    }

    @Test
    void failureAnalysisNamesThePropertyAndTheAllowedValues() {
        this.runner.withPropertyValues("zre.mailbox-port=-1").run((context) -> {
            FailureAnalysis analysis = this.failureReport.of(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Invalid value '-1' for configuration property 'zre.mailbox-port'")
                .contains("a port from 0 to 65535");
            assertThat(analysis.getAction()).contains("Review the value of the property");
        });
    }

    @Test
    void tooManyIoThreadsFailStartupNamingThePropertyAndTheAllowedValues() {
        this.runner.withPropertyValues("zre.io-threads=17").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = this.failureReport.of(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Invalid value '17' for configuration property 'zre.io-threads'")
                .contains("0 (automatic) or 1 to 16");
        });
    }

    @Test
    void unknownInterfaceFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("zre.interface=nosuchif0").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = this.failureReport.of(context.getStartupFailure());
            assertThat(analysis.getDescription())
                .contains("Invalid value 'nosuchif0' for configuration property 'zre.interface'")
                .contains("there is no interface of that name")
                .contains("expected 'auto', 'loopback', or one of")
                .contains("127.0.0.1");
        });
    }

    @Test
    void mailboxPortInUseFailsStartupByDefault() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            this.runner.withPropertyValues("zre.mailbox-port=" + port).run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = this.failureReport.of(context.getStartupFailure());
                assertThat(analysis.getDescription())
                    .contains("Invalid value '" + port + "' for configuration property 'zre.mailbox-port'")
                    .contains("expected a free port, or 0 for any free port");
            });
        }
    }

    @Test
    void mailboxPortInUseLeavesAFailedNodeWhenStartErrorsAreTolerated() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.runner.withPropertyValues("zre.mailbox-port=" + taken.getLocalPort(), "zre.fail-on-start-error=false")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    ZreNode node = context.getBean(ZreNode.class);
                    assertThat(node.state()).isEqualTo(NodeState.FAILED);
                    assertThat(node.failure()).isPresent();
                });
        }
    }

    @Test
    void configurationMetadataIsGenerated() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String property : List.of("zre.enabled", "zre.name", "zre.headers", "zre.groups", "zre.interface",
                    "zre.port", "zre.beacon-interval", "zre.evasive-timeout", "zre.expired-timeout", "zre.endpoints",
                    "zre.mailbox-port", "zre.listener.queue-capacity", "zre.listener.overflow-policy",
                    "zre.fail-on-start-error", "zre.max-pending-peers", "zre.discovery.gossip.connect",
                    "zre.discovery.gossip.bind", "zre.discovery.advertised-endpoint")) {
                assertThat(json).contains("\"name\": \"" + property + "\"");
            }
            assertThat(json).contains("\"value\": \"loopback\"");
        }
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + failure, failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class UserNodeConfiguration {

        private final int port = ZreTestProperties.randomBeaconPort();

        @Bean
        ZreNode myNode() {
            return new ZreNode(ZreConfig.builder().name("mine").networkInterface("loopback").beaconPort(this.port).build());
        }

    }

}
