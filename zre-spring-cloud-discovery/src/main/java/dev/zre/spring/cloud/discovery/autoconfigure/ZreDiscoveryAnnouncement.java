package dev.zre.spring.cloud.discovery.autoconfigure;

import dev.zre.ZreConfig;
import dev.zre.spring.autoconfigure.ZreNodeCustomizer;
import dev.zre.spring.cloud.discovery.ZreDiscoveryHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Announces this application as a service instance: its service id, HTTP port and HTTPS flag in the
 * node's HELLO headers. Headers are fixed when the node is built, before the web server has picked a
 * random port, so with {@code server.port=0} set {@code zre.cloud.discovery.port} or no port is announced.
 */
final class ZreDiscoveryAnnouncement implements ZreNodeCustomizer {

    private final ZreDiscoveryProperties properties;
    private final Environment environment;

    ZreDiscoveryAnnouncement(ZreDiscoveryProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void customize(ZreConfig.Builder builder) {
        ZreDiscoveryHeaders headers = properties.headers();
        String serviceId = serviceId();
        if (serviceId == null) {
            return;
        }
        builder.header(headers.service(), serviceId);
        Integer port = port();
        if (port != null) {
            builder.header(headers.port(), String.valueOf(port));
        }
        builder.header(headers.secure(), String.valueOf(secure()));
    }

    private @Nullable String serviceId() {
        String configured = properties.getServiceId();
        if (StringUtils.hasText(configured)) {
            return configured.trim();
        }
        String application = environment.getProperty("spring.application.name");
        return StringUtils.hasText(application) ? application.trim() : null;
    }

    private @Nullable Integer port() {
        Integer configured = properties.getPort();
        if (configured != null) {
            return configured;
        }
        Integer server = environment.getProperty("server.port", Integer.class);
        if (server == null) {
            return 8080;   // Spring Boot's default when nothing is set
        }
        return server > 0 ? server : null;
    }

    private boolean secure() {
        Boolean configured = properties.getSecure();
        return configured != null ? configured : environment.getProperty("server.ssl.enabled", Boolean.class, false);
    }
}
