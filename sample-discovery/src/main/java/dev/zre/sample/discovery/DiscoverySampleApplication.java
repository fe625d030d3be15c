package dev.zre.sample.discovery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** A web service that greets, and asks any other service for its greeting by name. */
@SpringBootApplication
public class DiscoverySampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(DiscoverySampleApplication.class, args);
    }

    /** {@code http://<service id>/...} resolves through the ZRE discovery client. */
    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder() {
        return RestClient.builder();
    }
}
