package dev.zre.sample.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.spring.test.ZreTestSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.client.RestClient;

/** Two instances of the sample on loopback: one asks the other by service name. */
class DiscoverySampleTests {

    private final ZreTestSettings cluster = ZreTestSettings.isolated();

    @Test
    void anInstanceReachesAnotherServiceByName() {
        int greeterPort = TestSocketUtils.findAvailableTcpPort();
        int shopPort = TestSocketUtils.findAvailableTcpPort();
        try (ConfigurableApplicationContext greeter = start("greeter", greeterPort);
                ConfigurableApplicationContext shop = start("shop", shopPort)) {
            RestClient shopApi = RestClient.create("http://127.0.0.1:" + shopPort);

            String answer = await("shop reaches greeter").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> shopApi.get().uri("/ask/greeter").retrieve().body(String.class), a -> a != null);

            assertThat(answer).isEqualTo("shop on port " + shopPort + " asked greeter: hello from greeter on port " + greeterPort);
        }
    }

    private ConfigurableApplicationContext start(String service, int port) {
        List<String> args = new ArrayList<>(List.of("--spring.application.name=" + service, "--server.port=" + port,
                "--server.address=127.0.0.1", "--spring.main.banner-mode=off"));
        cluster.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(DiscoverySampleApplication.class).run(args.toArray(String[]::new));
    }
}
