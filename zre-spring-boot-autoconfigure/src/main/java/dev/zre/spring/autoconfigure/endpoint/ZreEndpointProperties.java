package dev.zre.spring.autoconfigure.endpoint;

import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code zre} actuator endpoint, bound from {@code management.endpoint.zre.*}.
 */
@ConfigurationProperties("management.endpoint.zre")
public class ZreEndpointProperties {

    /**
     * When to show unsanitized header values of the node and its peers.
     */
    private Show showValues = Show.NEVER;

    /**
     * Roles allowed to see unsanitized header values when 'show-values' is 'when-authorized'. When
     * empty, any authenticated user may.
     */
    private Set<String> roles = new HashSet<>();

    public Show getShowValues() {
        return this.showValues;
    }

    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    public Set<String> getRoles() {
        return this.roles;
    }

    public void setRoles(Set<String> roles) {
        this.roles = roles;
    }

}
