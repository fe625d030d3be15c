package dev.zre.spring.actuate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zre.PeerId;
import dev.zre.PeerSnapshot;
import dev.zre.ZreNode;
import dev.zre.security.ZreSecurity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * The {@code zre} endpoint: this node, its peers and the groups. Header values are shown according
 * to {@code management.endpoint.zre.show-values} (never by default) and the application's
 * {@link SanitizingFunction}s, as {@code /actuator/env} does. Joining and leaving groups are write
 * operations, off unless {@code management.endpoint.zre.access=unrestricted}.
 */
@Endpoint(id = "zre", defaultAccess = Access.READ_ONLY)
public class ZreEndpoint {

    /** The path segment of a single peer: {@code /actuator/zre/peers/{uuid}}. */
    public static final String PEERS = "peers";

    /** The path segment of a group: {@code /actuator/zre/groups/{group}}. */
    public static final String GROUPS = "groups";

    private final ZreNode node;

    private final Sanitizer sanitizer;

    private final Show showValues;

    /**
     * Creates the endpoint.
     * @param node the node to describe
     * @param sanitizingFunctions the application's sanitizing functions
     * @param showValues when header values are shown
     */
    public ZreEndpoint(ZreNode node, Iterable<SanitizingFunction> sanitizingFunctions, Show showValues) {
        Assert.notNull(node, "'node' must not be null");
        this.node = node;
        this.sanitizer = new Sanitizer(sanitizingFunctions);
        this.showValues = showValues;
    }

    /**
     * Describes the node, its peers and the groups.
     * @return the description
     */
    @ReadOperation
    public ZreDescriptor zre() {
        return zre(this.showValues.isShown(true));
    }

    /**
     * Describes one peer.
     * @param kind must be {@value #PEERS}
     * @param uuid the peer's UUID: 32 hex digits (zyre's form) or the dashed form
     * @return the peer, or {@code null} when unknown
     */
    @ReadOperation
    public @Nullable PeerDescriptor peer(@Selector String kind, @Selector String uuid) {
        return peer(kind, uuid, this.showValues.isShown(true)).orElse(null);
    }

    /**
     * Joins a group: {@code POST /actuator/zre/groups/{group}}.
     * @param kind must be {@value #GROUPS}
     * @param group the group
     */
    @WriteOperation
    public void join(@Selector String kind, @Selector String group) {
        checkGroups(kind);
        this.node.join(group);
    }

    /**
     * Leaves a group: {@code DELETE /actuator/zre/groups/{group}}.
     * @param kind must be {@value #GROUPS}
     * @param group the group
     */
    @DeleteOperation
    public void leave(@Selector String kind, @Selector String group) {
        checkGroups(kind);
        this.node.leave(group);
    }

    private static void checkGroups(String kind) {
        if (!GROUPS.equals(kind)) {
            throw new IllegalArgumentException("Use /actuator/zre/" + GROUPS + "/{group}");
        }
    }

    ZreDescriptor zre(boolean showUnsanitized) {
        List<PeerDescriptor> peers = new ArrayList<>();
        this.node.peerSnapshots()
            .stream()
            .sorted(Comparator.comparing(PeerSnapshot::name).thenComparing((snapshot) -> PeerId.of(snapshot.uuid())))
            .forEach((snapshot) -> peers.add(describe(snapshot, showUnsanitized)));
        Set<String> own = this.node.ownGroups();
        Set<String> contested = this.node.contestedGroups();
        Set<String> names = new TreeSet<>(own);
        names.addAll(this.node.peerGroups());
        Map<String, GroupDescriptor> groups = new TreeMap<>();
        for (String name : names) {
            Set<String> members = new TreeSet<>();
            this.node.peersByGroup(name).forEach((uuid) -> members.add(PeerId.of(uuid).toString()));
            LeaderDescriptor leader = own.contains(name) ? this.node.leader(name).map(this::describeLeader).orElse(null)
                    : null;
            groups.put(name, new GroupDescriptor(own.contains(name), members, contested.contains(name), leader));
        }
        return new ZreDescriptor(describeNode(showUnsanitized), peers, groups);
    }

    Optional<PeerDescriptor> peer(String kind, String uuid, boolean showUnsanitized) {
        if (!PEERS.equals(kind)) {
            return Optional.empty();
        }
        PeerId id;
        try {
            id = PeerId.parse(uuid);
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        return this.node.peer(id.uuid()).map((snapshot) -> describe(snapshot, showUnsanitized));
    }

    private NodeDescriptor describeNode(boolean showUnsanitized) {
        Optional<Instant> startedAt = this.node.startedAt();
        return new NodeDescriptor(PeerId.of(this.node.uuid()).toString(), this.node.name(), this.node.endpoint().orElse(null),
                this.node.interfaceName().orElse(null), this.node.state().name(),
                new TreeSet<>(this.node.ownGroups()), sanitize(this.node.headers(), showUnsanitized),
                startedAt.map(Instant::toString).orElse(null),
                startedAt.map((at) -> Duration.between(at, Instant.now()).toString()).orElse(null),
                describeSecurity());
    }

    private SecurityDescriptor describeSecurity() {
        ZreSecurity security = this.node.config().security();
        Map<String, Long> failures = new TreeMap<>();
        this.node.statistics().handshakeFailureCounts().forEach((reason, count) -> failures.put(reason.tag(), count));
        return new SecurityDescriptor(security.mechanism().name(), security.publicKeyZ85(),
                security.mechanism() == ZreSecurity.Mechanism.NULL ? null : security.zapDomain(),
                security.mechanism() == ZreSecurity.Mechanism.CURVE ? security.allowsAny() : null, failures);
    }

    private LeaderDescriptor describeLeader(UUID leader) {
        boolean self = leader.equals(this.node.uuid());
        String name = self ? this.node.name() : this.node.peerName(leader).orElse(null);
        return new LeaderDescriptor(PeerId.of(leader).toString(), name, self);
    }

    private PeerDescriptor describe(PeerSnapshot peer, boolean showUnsanitized) {
        return new PeerDescriptor(PeerId.of(peer.uuid()).toString(), peer.name(), peer.address(), new TreeSet<>(peer.groups()),
                sanitize(peer.headers(), showUnsanitized), peer.state().name(), peer.enteredAt().toString(),
                peer.lastSeen().toString(), peer.messagesIn(), peer.messagesOut(), new TreeSet<>(peer.discoveredBy()));
    }

    private Map<String, @Nullable Object> sanitize(Map<String, String> headers, boolean showUnsanitized) {
        Map<String, @Nullable Object> sanitized = new LinkedHashMap<>();
        new TreeMap<>(headers).forEach((key, value) -> sanitized.put(key,
                this.sanitizer.sanitize(new SanitizableData(null, key, value), showUnsanitized)));
        return sanitized;
    }

    /**
     * The whole description.
     *
     * @param node this node
     * @param peers the connected peers
     * @param groups every group this node or a peer is in, by name
     */
    public record ZreDescriptor(NodeDescriptor node, List<PeerDescriptor> peers, Map<String, GroupDescriptor> groups)
            implements OperationResponseBody {
    }

    /**
     * This node.
     *
     * @param uuid its UUID in zyre's form (32 hex digits, see {@link PeerId})
     * @param name its name
     * @param endpoint its mailbox endpoint, when running
     * @param networkInterface the interface it uses, when running (JSON field {@code interface})
     * @param state its lifecycle state
     * @param groups the groups it is in
     * @param headers its headers (values sanitized)
     * @param startedAt when it started, when running
     * @param uptime how long it has been running (ISO-8601), when running
     * @param security its transport security (never a secret)
     */
    public record NodeDescriptor(String uuid, String name, @Nullable String endpoint,
            @JsonProperty("interface") @Nullable String networkInterface,
            String state, Set<String> groups, Map<String, @Nullable Object> headers, @Nullable String startedAt,
            @Nullable String uptime, SecurityDescriptor security) {
    }

    /**
     * The node's transport security: public facts only, never a secret key or password.
     *
     * @param mechanism NULL, CURVE or PLAIN
     * @param publicKey the node's CURVE public key (Z85), or null
     * @param zapDomain the mailbox's ZAP domain, unless NULL
     * @param allowAny CURVE: whether any key is accepted (else an allow-list)
     * @param handshakeFailures secured links that failed, by reason
     */
    public record SecurityDescriptor(String mechanism, @Nullable String publicKey, @Nullable String zapDomain,
            @Nullable Boolean allowAny, Map<String, Long> handshakeFailures) {
    }

    /**
     * A connected peer.
     *
     * @param uuid its UUID in zyre's form (32 hex digits, see {@link PeerId})
     * @param name its name
     * @param address its mailbox endpoint
     * @param groups the groups it is in
     * @param headers its headers (values sanitized)
     * @param state ALIVE, EVASIVE or SILENT
     * @param enteredAt when it said HELLO
     * @param lastSeen when anything last arrived from it
     * @param messagesIn ZRE messages received from it
     * @param messagesOut ZRE messages sent to it
     * @param discoveredBy the mechanisms that found it ({@code beacon}, {@code endpoints}, {@code dns}, ...);
     *     empty when it introduced itself first and none of this node's mechanisms has reported it since
     */
    public record PeerDescriptor(String uuid, String name, String address, Set<String> groups,
            Map<String, @Nullable Object> headers, String state, String enteredAt, String lastSeen, long messagesIn,
            long messagesOut, Set<String> discoveredBy) implements OperationResponseBody {
    }

    /**
     * A group.
     *
     * @param joined whether this node is in it
     * @param members the UUIDs of the peers in it, in zyre's form
     * @param contested whether this node contests its leader elections
     * @param leader its leader as last elected, for groups this node is in; {@code null} while none is known
     */
    public record GroupDescriptor(boolean joined, Set<String> members, boolean contested,
            @Nullable LeaderDescriptor leader) {
    }

    /**
     * The leader of a group.
     *
     * @param uuid its UUID in zyre's form (32 hex digits, see {@link PeerId})
     * @param name its name, when known
     * @param self whether it is this node
     */
    public record LeaderDescriptor(String uuid, @Nullable String name, boolean self) {
    }

}
