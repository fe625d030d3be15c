package dev.zre.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A one-page ZRE chat and peer browser on the ZRE Spring Boot starter. Start two instances on one
 * machine (they use loopback) and watch them find each other at http://localhost:8080.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

}
