package dev.zre.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.spring.FailureReport;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.actuate.endpoint.ZreEndpoint;
import dev.zre.spring.actuate.endpoint.ZreEndpointWebExtension;
import dev.zre.spring.actuate.health.ZreHealthIndicator;
import dev.zre.spring.actuate.metrics.ZreListenerMetrics;
import dev.zre.spring.actuate.metrics.ZreMetrics;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.autoconfigure.endpoint.ZreEndpointAutoConfiguration;
import dev.zre.spring.autoconfigure.health.ZreHealthContributorAutoConfiguration;
import dev.zre.spring.autoconfigure.metrics.ZreMetricsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class ZreActuatorAutoConfigurationTests {

    private final int beaconPort = ZreTestProperties.randomBeaconPort();

    private final FailureReport failureReport = new FailureReport();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class, ZreEndpointAutoConfiguration.class,
                ZreHealthContributorAutoConfiguration.class, ZreMetricsAutoConfiguration.class))
        .withPropertyValues(ZreTestProperties.loopback("actuated", this.beaconPort))
        .withPropertyValues("management.endpoints.web.exposure.include=zre");

    @Test
    void everyPartIsConfiguredWhenItsClassesArePresent() {
        this.runner.run((context) -> assertThat(context).hasSingleBean(ZreEndpoint.class)
            .hasBean("zreHealthIndicator")
            .hasSingleBean(ZreMetrics.class)
            .hasSingleBean(ZreListenerMetrics.class));
    }

    @Test
    void endpointBacksOffWithoutActuator() {
        this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
            .run((context) -> assertThat(context).hasSingleBean(dev.zre.ZreNode.class)
                .doesNotHaveBean(ZreEndpoint.class));
    }

    @Test
    void endpointBacksOffWhenNotExposed() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class, ZreEndpointAutoConfiguration.class))
            .withPropertyValues(ZreTestProperties.loopback("hidden", this.beaconPort))
            .run((context) -> assertThat(context).doesNotHaveBean(ZreEndpoint.class));
    }

    @Test
    void healthBacksOffWithoutTheHealthModule() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).doesNotHaveBean(ZreHealthIndicator.class));
    }

    @Test
    void healthBacksOffWhenDisabled() {
        this.runner.withPropertyValues("management.health.zre.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZreHealthIndicator.class));
    }

    @Test
    void metricsBackOffWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
            .run((context) -> assertThat(context).doesNotHaveBean(ZreMetrics.class)
                .doesNotHaveBean(ZreListenerMetrics.class));
    }

    @Test
    void everythingBacksOffWhenZreIsDisabled() {
        this.runner.withPropertyValues("zre.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZreEndpoint.class)
                .doesNotHaveBean(ZreHealthIndicator.class)
                .doesNotHaveBean(ZreMetrics.class));
    }

    @Test
    void healthIsUpForALoneRunningNode() {
        this.runner.run((context) -> {
            Health health = context.getBean(ZreHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("peers", 0).containsKey("uptime");
        });
    }

    @Test
    void healthIsDownBelowTheMinimumOfPeers() {
        this.runner.withPropertyValues("zre.health.min-peers=1").run((context) -> {
            Health health = context.getBean(ZreHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("minPeers", 1);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "zre.health.min-peers", "zre.metrics.max-group-tags" })
    void negativeCountFailsNamingThePropertyAndTheAllowedValues(String property) {
        this.runner.withPropertyValues(property + "=-1").withInitializer(this.failureReport.initializer())
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = this.failureReport.of(context.getStartupFailure());
                assertThat(analysis.getDescription())
                    .contains("Invalid value '-1' for configuration property '" + property + "'")
                    .contains("a number of at least 0");
            });
    }

    @Test
    void healthIsDownWhenTheNodeFailedToStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.runner.withPropertyValues("zre.mailbox-port=" + taken.getLocalPort(), "zre.fail-on-start-error=false")
                .run((context) -> {
                    Health health = context.getBean(ZreHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("state", dev.zre.NodeState.FAILED)
                        .containsKey("error");
                });
        }
    }

    @Test
    void healthIsOutOfServiceWhenTheNodeStopped() {
        this.runner.run((context) -> {
            context.getBean(dev.zre.ZreNode.class).stop();
            assertThat(context.getBean(ZreHealthIndicator.class).health(true).getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Test
    void headerValuesAreSanitizedByDefault() {
        this.runner.withPropertyValues("zre.headers.X-TOKEN=secret").run((context) -> {
            ZreEndpoint.NodeDescriptor node = context.getBean(ZreEndpoint.class).zre().node();
            assertThat(node.headers()).containsEntry("X-TOKEN", "******");
        });
    }

    @Test
    void headerValuesAreShownWhenConfiguredExceptWhereASanitizingFunctionSaysOtherwise() {
        this.runner
            .withPropertyValues("zre.headers.X-TOKEN=secret", "zre.headers.X-ROLE=worker",
                    "management.endpoint.zre.show-values=ALWAYS")
            .withBean(SanitizingFunction.class,
                    () -> (data) -> data.getKey().equals("X-TOKEN") ? data.withSanitizedValue() : data)
            .run((context) -> {
                ZreEndpoint.NodeDescriptor node = context.getBean(ZreEndpoint.class).zre().node();
                assertThat(node.headers()).containsEntry("X-ROLE", "worker").containsEntry("X-TOKEN", "******");
            });
    }

    @Test
    void writeOperationsJoinAndLeaveGroups() {
        this.runner.run((context) -> {
            ZreEndpoint endpoint = context.getBean(ZreEndpoint.class);
            dev.zre.ZreNode node = context.getBean(dev.zre.ZreNode.class);
            endpoint.join(ZreEndpoint.GROUPS, "ops");
            assertThat(node.ownGroups()).contains("ops");
            assertThat(endpoint.zre().groups().get("ops").joined()).isTrue();
            endpoint.leave(ZreEndpoint.GROUPS, "ops");
            assertThat(node.ownGroups()).doesNotContain("ops");
        });
    }

    @Test
    void endpointAccessIsReadOnlyByDefault() {
        webRunner().run((context) -> {
            assertThat(context).hasSingleBean(ZreEndpointWebExtension.class);
            assertThat(operationTypes(context.getBean(WebEndpointsSupplier.class)))
                .containsOnly(OperationType.READ);
        });
    }

    @Test
    void writeOperationsNeedUnrestrictedAccess() {
        webRunner().withPropertyValues("management.endpoint.zre.access=UNRESTRICTED")
            .run((context) -> assertThat(operationTypes(context.getBean(WebEndpointsSupplier.class)))
                .contains(OperationType.READ, OperationType.WRITE, OperationType.DELETE));
    }

    private WebApplicationContextRunner webRunner() {
        return new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class, ZreEndpointAutoConfiguration.class,
                    EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
            .withPropertyValues(ZreTestProperties.loopback("web", this.beaconPort))
            .withPropertyValues("management.endpoints.web.exposure.include=zre");
    }

    private static java.util.List<OperationType> operationTypes(WebEndpointsSupplier supplier) {
        ExposableWebEndpoint zre = supplier.getEndpoints()
            .stream()
            .filter((endpoint) -> endpoint.getEndpointId().toString().equals("zre"))
            .findFirst()
            .orElseThrow();
        return zre.getOperations().stream().map(WebOperation::getType).toList();
    }


}
