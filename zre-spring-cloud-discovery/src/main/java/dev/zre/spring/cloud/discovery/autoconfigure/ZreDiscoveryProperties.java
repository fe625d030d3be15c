package dev.zre.spring.cloud.discovery.autoconfigure;

import dev.zre.spring.cloud.discovery.ZreDiscoveryHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ZRE discovery client.
 */
@ConfigurationProperties("zre.cloud.discovery")
public class ZreDiscoveryProperties {

    /** Whether ZRE peers are offered as Spring Cloud service instances. */
    private boolean enabled = true;

    /** Whether this application announces itself as a service instance in its HELLO headers. */
    private boolean announce = true;

    /** Service id announced by this application. Defaults to 'spring.application.name'. */
    private @Nullable String serviceId;

    /** HTTP port announced by this application. Defaults to 'server.port' when it is set to a fixed port. */
    private @Nullable Integer port;

    /** Whether this application announces HTTPS. Defaults to 'server.ssl.enabled'. */
    private @Nullable Boolean secure;

    /** HELLO header that carries a peer's service id; peers without it are not service instances. */
    private String serviceHeader = ZreDiscoveryHeaders.DEFAULT_SERVICE;

    /** HELLO header that carries a peer's HTTP port. */
    private String portHeader = ZreDiscoveryHeaders.DEFAULT_PORT;

    /** HELLO header that carries 'true' when a peer speaks HTTPS. */
    private String secureHeader = ZreDiscoveryHeaders.DEFAULT_SECURE;

    /** Order of the ZRE discovery client among the application's discovery clients. */
    private int order = 0;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isAnnounce() {
        return announce;
    }

    public void setAnnounce(boolean announce) {
        this.announce = announce;
    }

    public @Nullable String getServiceId() {
        return serviceId;
    }

    public void setServiceId(@Nullable String serviceId) {
        this.serviceId = serviceId;
    }

    public @Nullable Integer getPort() {
        return port;
    }

    public void setPort(@Nullable Integer port) {
        this.port = port;
    }

    public @Nullable Boolean getSecure() {
        return secure;
    }

    public void setSecure(@Nullable Boolean secure) {
        this.secure = secure;
    }

    public String getServiceHeader() {
        return serviceHeader;
    }

    public void setServiceHeader(String serviceHeader) {
        this.serviceHeader = serviceHeader;
    }

    public String getPortHeader() {
        return portHeader;
    }

    public void setPortHeader(String portHeader) {
        this.portHeader = portHeader;
    }

    public String getSecureHeader() {
        return secureHeader;
    }

    public void setSecureHeader(String secureHeader) {
        this.secureHeader = secureHeader;
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    /** The configured header names. */
    public ZreDiscoveryHeaders headers() {
        return new ZreDiscoveryHeaders(serviceHeader, portHeader, secureHeader);
    }
}
