package dev.zre.spring.cloud.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreNode;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.cloud.discovery.autoconfigure.ZreDiscoveryClientAutoConfiguration;
import dev.zre.spring.test.ZreTestPeer;
import dev.zre.spring.test.ZreTestSettings;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/** Conditions, announced headers and the mapping of peers to instances. */
class ZreDiscoveryClientAutoConfigurationTests {

    private final ZreTestSettings cluster = ZreTestSettings.isolated();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class, ZreDiscoveryClientAutoConfiguration.class))
            .withPropertyValues(cluster.properties().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));

    @Test
    void announcesTheApplicationNameAndServerPortInHello() {
        runner.withPropertyValues("spring.application.name=orders", "server.port=8081").run(context -> {
            assertThat(context.getBean(ZreNode.class).headers()).containsEntry("X-SERVICE", "orders")
                    .containsEntry("X-HTTP-PORT", "8081").containsEntry("X-HTTP-SECURE", "false");
            assertThat(context).hasSingleBean(ZreDiscoveryClient.class);
        });
    }

    @Test
    void announcesConfiguredValuesUnderConfiguredHeaders() {
        runner.withPropertyValues("spring.application.name=orders", "server.port=0",
                "zre.cloud.discovery.service-id=billing", "zre.cloud.discovery.service-header=X-APP",
                "zre.cloud.discovery.port=9443", "zre.cloud.discovery.secure=true").run(context -> {
                    assertThat(context.getBean(ZreNode.class).headers()).containsEntry("X-APP", "billing")
                            .containsEntry("X-HTTP-PORT", "9443").containsEntry("X-HTTP-SECURE", "true")
                            .doesNotContainKey("X-SERVICE");
                });
    }

    @Test
    void announcesNoPortWhenTheServerPortIsRandom() {
        runner.withPropertyValues("spring.application.name=orders", "server.port=0").run(context ->
                assertThat(context.getBean(ZreNode.class).headers()).containsEntry("X-SERVICE", "orders")
                        .doesNotContainKey("X-HTTP-PORT"));
    }

    @Test
    void announcesNothingWhenToldNotTo() {
        runner.withPropertyValues("spring.application.name=orders", "zre.cloud.discovery.announce=false").run(context -> {
            assertThat(context.getBean(ZreNode.class).headers()).doesNotContainKey("X-SERVICE");
            assertThat(context).hasSingleBean(ZreDiscoveryClient.class);
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("zre.cloud.discovery.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(DiscoveryClient.class).doesNotHaveBean(ZreDiscoveryHeartbeat.class));
        runner.withPropertyValues("spring.cloud.discovery.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(DiscoveryClient.class));
    }

    @Test
    void mapsAPeerWithAServiceHeaderToAnInstanceAndIgnoresPeersWithout() {
        runner.withPropertyValues("spring.application.name=shop").run(context -> {
            try (ZreTestPeer billing = ZreTestPeer.named("billing-1").in(cluster).header("X-SERVICE", "billing")
                    .header("X-HTTP-PORT", "9443").header("X-HTTP-SECURE", "true").header("X-ZONE", "eu").start();
                    ZreTestPeer bystander = ZreTestPeer.named("bystander").in(cluster).start()) {
                ZreNode node = context.getBean(ZreNode.class);
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> node.peers().containsAll(java.util.Set.of(billing.uuid(), bystander.uuid())));
                DiscoveryClient discovery = context.getBean(DiscoveryClient.class);

                assertThat(discovery.getServices()).containsExactly("billing");
                ServiceInstance instance = discovery.getInstances("billing").get(0);
                assertThat(instance.getHost()).isEqualTo("127.0.0.1");
                assertThat(instance.getPort()).isEqualTo(9443);
                assertThat(instance.isSecure()).isTrue();
                assertThat(instance.getUri()).hasToString("https://127.0.0.1:9443");
                assertThat(instance.getMetadata()).containsEntry("X-ZONE", "eu");
                discovery.probe();
            }
        });
    }
}
