package dev.zre.spring.cloud.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import dev.zre.ZreNode;
import dev.zre.spring.test.ZreTestSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/** Two (or three) applications on loopback that find each other as Spring Cloud service instances through ZRE. */
class ZreDiscoveryClientIntegrationTests {

    /** Only a deadline for a busy build machine: instances show up within a second on a quiet one. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final ZreTestSettings cluster = ZreTestSettings.isolated();
    private ConfigurableApplicationContext shop;
    private ConfigurableApplicationContext orders;
    private ConfigurableApplicationContext moreOrders;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] { moreOrders, orders, shop }) {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void listsTheOtherApplicationAsAnInstanceOfItsServiceAndDropsItAfterItsGracefulStop() {
        shop = ServiceInstanceApps.start(cluster, "shop", "shop-1");
        orders = ServiceInstanceApps.start(cluster, "orders", "orders-1");
        DiscoveryClient discovery = shop.getBean(DiscoveryClient.class);
        ServiceApplication.Heartbeats heartbeats = shop.getBean(ServiceApplication.Heartbeats.class);

        await("orders listed by shop").atMost(DEADLINE).until(() -> discovery.getInstances("orders"), i -> i.size() == 1);

        ServiceInstance instance = discovery.getInstances("orders").get(0);
        ZreNode ordersNode = orders.getBean(ZreNode.class);
        assertThat(instance.getServiceId()).isEqualTo("orders");
        assertThat(instance.getInstanceId()).isEqualTo(PeerId.of(ordersNode.uuid()).toString());
        assertThat(instance.getHost()).isEqualTo("127.0.0.1");
        assertThat(instance.getPort()).isEqualTo(orders.getEnvironment().getProperty("local.server.port", Integer.class));
        assertThat(instance.isSecure()).isFalse();
        assertThat(instance.getMetadata()).containsEntry("X-SERVICE", "orders");
        assertThat(discovery.getServices()).contains("orders");
        assertThat(discovery.getInstances("ORDERS")).hasSize(1);
        assertThat(heartbeats.count()).isPositive();

        int before = heartbeats.count();
        orders.close();

        await("orders dropped by shop").atMost(DEADLINE).until(() -> discovery.getInstances("orders"), List::isEmpty);
        assertThat(discovery.getServices()).doesNotContain("orders");
        assertThat(heartbeats.count()).isGreaterThan(before);
    }

    @Test
    void aLoadBalancedRestClientReachesTheServiceByNameAndFollowsItsInstances() {
        shop = ServiceInstanceApps.start(cluster, "shop", "shop-1");
        orders = ServiceInstanceApps.start(cluster, "orders", "orders-1");
        RestClient client = shop.getBean(RestClient.Builder.class).build();
        DiscoveryClient discovery = shop.getBean(DiscoveryClient.class);
        await("orders listed by shop").atMost(DEADLINE).until(() -> discovery.getInstances("orders"), i -> i.size() == 1);

        assertThat(client.get().uri("http://orders/hello").retrieve().body(String.class)).isEqualTo("hello from orders-1");

        // LoadBalancer caches instances for 35 s: only the heartbeat on EXIT/ENTER lets it move on in time
        orders.close();
        moreOrders = ServiceInstanceApps.start(cluster, "orders", "orders-2");
        await("shop's calls reach orders-2").atMost(DEADLINE).ignoreExceptions()
                .until(() -> client.get().uri("http://orders/hello").retrieve().body(String.class),
                        "hello from orders-2"::equals);
    }
}
