package dev.zre.spring.cloud.discovery;

import java.util.Objects;

/**
 * The HELLO headers that make a ZRE peer a service instance.
 *
 * @param service the header holding the service id (the peer's {@code spring.application.name})
 * @param port the header holding the HTTP port
 * @param secure the header holding {@code true} when the instance speaks HTTPS
 */
public record ZreDiscoveryHeaders(String service, String port, String secure) {

    /** The header of the service id unless configured otherwise. */
    public static final String DEFAULT_SERVICE = "X-SERVICE";

    /** The header of the HTTP port unless configured otherwise. */
    public static final String DEFAULT_PORT = "X-HTTP-PORT";

    /** The header of the HTTPS flag unless configured otherwise. */
    public static final String DEFAULT_SECURE = "X-HTTP-SECURE";

    public ZreDiscoveryHeaders {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(secure, "secure");
    }

    /** {@value #DEFAULT_SERVICE}, {@value #DEFAULT_PORT}, {@value #DEFAULT_SECURE}. */
    public static ZreDiscoveryHeaders defaults() {
        return new ZreDiscoveryHeaders(DEFAULT_SERVICE, DEFAULT_PORT, DEFAULT_SECURE);
    }
}
