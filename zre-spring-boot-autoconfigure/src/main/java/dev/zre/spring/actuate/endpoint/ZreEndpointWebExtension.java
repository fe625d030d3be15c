package dev.zre.spring.actuate.endpoint;

import dev.zre.spring.actuate.endpoint.ZreEndpoint.PeerDescriptor;
import dev.zre.spring.actuate.endpoint.ZreEndpoint.ZreDescriptor;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.util.Assert;

/**
 * Web extension of the {@link ZreEndpoint}: answers 404 for unknown peers and shows header values
 * to authorized users when {@code show-values} is {@code when-authorized}.
 */
@EndpointWebExtension(endpoint = ZreEndpoint.class)
public class ZreEndpointWebExtension {

    private final ZreEndpoint delegate;

    private final Show showValues;

    private final Set<String> roles;

    /**
     * Creates the extension.
     * @param delegate the endpoint
     * @param showValues when header values are shown
     * @param roles roles that may see them when {@code showValues} is {@link Show#WHEN_AUTHORIZED}
     */
    public ZreEndpointWebExtension(ZreEndpoint delegate, Show showValues, Set<String> roles) {
        Assert.notNull(delegate, "'delegate' must not be null");
        this.delegate = delegate;
        this.showValues = showValues;
        this.roles = Set.copyOf(roles);
    }

    /**
     * Describes the node, its peers and the groups.
     * @param securityContext the caller
     * @return the description
     */
    @ReadOperation
    public ZreDescriptor zre(SecurityContext securityContext) {
        return this.delegate.zre(this.showValues.isShown(securityContext, this.roles));
    }

    /**
     * Describes one peer, or answers 404.
     * @param securityContext the caller
     * @param kind must be {@value ZreEndpoint#PEERS}
     * @param uuid the peer's UUID
     * @return the peer or a 404 response
     */
    @ReadOperation
    public WebEndpointResponse<PeerDescriptor> peer(SecurityContext securityContext, @Selector String kind,
            @Selector String uuid) {
        return this.delegate.peer(kind, uuid, this.showValues.isShown(securityContext, this.roles))
            .map(WebEndpointResponse::new)
            .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }

}
