package dev.zre.sample.discovery;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** {@code GET /hello} greets; {@code GET /ask/{service}} relays the greeting of an instance of that service. */
@RestController
class GreetingController {

    private final RestClient client;
    private final String me;

    GreetingController(RestClient.Builder loadBalancedRestClientBuilder, @Value("${spring.application.name}") String service,
            @Value("${server.port}") int port) {
        this.client = loadBalancedRestClientBuilder.build();
        this.me = service + " on port " + port;
    }

    @GetMapping("/hello")
    String hello() {
        return "hello from " + me;
    }

    @GetMapping("/ask/{service}")
    String ask(@PathVariable String service) {
        return me + " asked " + service + ": " + client.get().uri("http://{service}/hello", service).retrieve().body(String.class);
    }
}
