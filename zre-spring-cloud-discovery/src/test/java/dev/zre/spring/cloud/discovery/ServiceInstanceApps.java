package dev.zre.spring.cloud.discovery;

import dev.zre.spring.test.ZreTestSettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/** Starts {@link ServiceApplication}s in one test cluster on loopback, each on a free HTTP port of 127.0.0.1. */
final class ServiceInstanceApps {

    private ServiceInstanceApps() {
    }

    static ConfigurableApplicationContext start(ZreTestSettings cluster, String service, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.application.name=" + service, "--zre.name=" + name,
                // a fixed port: the node announces it in HELLO before the web server starts
                "--server.port=" + TestSocketUtils.findAvailableTcpPort(), "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off"));
        cluster.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ServiceApplication.class).run(args.toArray(String[]::new));
    }
}
