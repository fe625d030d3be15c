package dev.zre.spring.cloud.discovery;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** A small web service for the tests: answers {@code GET /hello}, calls others by service name. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ServiceApplication.Hello.class)
class ServiceApplication {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder() {
        return RestClient.builder();
    }

    @Bean
    Heartbeats heartbeats() {
        return new Heartbeats();
    }

    @RestController
    static class Hello {

        @Value("${zre.name}")
        String name;

        @GetMapping("/hello")
        String hello() {
            return "hello from " + name;
        }
    }

    /** The heartbeat events this application saw. */
    static class Heartbeats implements ApplicationListener<HeartbeatEvent> {

        final List<HeartbeatEvent> events = new ArrayList<>();

        @Override
        public synchronized void onApplicationEvent(HeartbeatEvent event) {
            events.add(event);
        }

        synchronized int count() {
            return events.size();
        }
    }
}
