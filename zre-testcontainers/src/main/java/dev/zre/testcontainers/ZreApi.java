package dev.zre.testcontainers;

import dev.zre.PeerId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A typed client for the REST API of the ZRE sample app (or any app that offers the same contract),
 * as {@link ZreContainer#api()} returns it for the node in a container:
 *
 * <pre>{@code
 * ZreApi api = container.api();
 * PeerId me = api.id();
 * api.join("ops");
 * api.whisper(api.peers().get(0).id(), "hello");
 * }</pre>
 *
 * <p>Every call is one request: {@code GET /api/node}, {@code GET /api/peers}, {@code GET /api/groups},
 * {@code POST|DELETE /api/groups/{group}}, {@code POST /api/shout}, {@code POST /api/whisper},
 * {@code GET /api/messages}, {@code GET /actuator/zre} and {@code GET /actuator/metrics/{name}}.
 * Ids are read with {@link PeerId#parse(String)}, so both zyre's 32 hex digits and the dashed UUID
 * form are understood; ids are sent in zyre's form. A request that does not answer 2xx throws an
 * {@link IllegalStateException} that names the request, the node and the answer.
 */
public final class ZreApi {

    private final JsonHttp http;

    ZreApi(JsonHttp http) {
        this.http = http;
    }

    /** The app's base URL as seen from the test, e.g. {@code http://127.0.0.1:32768}. */
    public String baseUrl() {
        return http.baseUrl();
    }

    /** The node itself ({@code GET /api/node}). */
    public ZreNodeInfo node() {
        return http.get("/api/node", ZreNodeInfo.class);
    }

    /** The node's id; a new one on every start of the app. */
    public PeerId id() {
        return node().id();
    }

    /** The peers the node is connected to ({@code GET /api/peers}). */
    public List<ZrePeerInfo> peers() {
        return http.get("/api/peers", new TypeReference<List<ZrePeerInfo>>() { });
    }

    /** One peer, if the node is connected to it. */
    public Optional<ZrePeerInfo> peer(PeerId id) {
        return peers().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The groups of the node and of its peers ({@code GET /api/groups}). */
    public List<ZreGroupInfo> groups() {
        return http.get("/api/groups", new TypeReference<List<ZreGroupInfo>>() { });
    }

    /**
     * The elected leader of a group the node is in, as {@code GET /api/groups} reports it; empty while none
     * is known (an election runs, or the node is not in the group).
     */
    public Optional<PeerId> leader(String group) {
        return groups().stream().filter(g -> g.name().equals(group)).findFirst().flatMap(ZreGroupInfo::leaderId);
    }

    /** The last messages the node received, oldest first ({@code GET /api/messages}). */
    public List<ZreMessageInfo> messages() {
        return http.get("/api/messages", new TypeReference<List<ZreMessageInfo>>() { });
    }

    /** The actuator endpoint {@code GET /actuator/zre} (node, peers, groups), parsed into maps and lists. */
    public Map<String, Object> actuator() {
        return http.get("/actuator/zre", new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** Joins a group ({@code POST /api/groups/{group}}). */
    public void join(String group) {
        http.send("POST", "/api/groups/" + pathSegment(group), null);
    }

    /** Leaves a group ({@code DELETE /api/groups/{group}}). */
    public void leave(String group) {
        http.send("DELETE", "/api/groups/" + pathSegment(group), null);
    }

    /** Shouts a text to a group ({@code POST /api/shout}). */
    public void shout(String group, String text) {
        http.send("POST", "/api/shout", Map.of("group", group, "text", text));
    }

    /** Whispers a text to one peer ({@code POST /api/whisper}). */
    public void whisper(PeerId peer, String text) {
        http.send("POST", "/api/whisper", Map.of("peer", peer.toString(), "text", text));
    }

    /**
     * Sends a GET request to the app and returns the body.
     *
     * @param path the path, e.g. {@code /actuator/health}
     * @throws IllegalStateException when the app does not answer with 2xx
     */
    public String get(String path) {
        return http.get(path);
    }

    /**
     * One meter of the actuator ({@code GET /actuator/metrics/{name}?tag=key:value}), e.g.
     * {@code metric("zre.peers.exited", "reason:expired")}: its first measurement (the count of a
     * counter, the value of a gauge).
     *
     * @param name the meter's name
     * @param tags tags as {@code key:value}
     * @return the measurement, or empty when the app has no such meter or tag value (yet)
     */
    public OptionalDouble metric(String name, String... tags) {
        StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
        for (int i = 0; i < tags.length; i++) {
            path.append(i == 0 ? '?' : '&').append("tag=").append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
        }
        JsonNode meter = http.getIfPresent(path.toString());
        JsonNode measurements = meter == null ? null : meter.path("measurements");
        return measurements == null || measurements.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(measurements.get(0).path("value").asDouble());
    }

    private static String pathSegment(String group) {
        return URLEncoder.encode(group, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
