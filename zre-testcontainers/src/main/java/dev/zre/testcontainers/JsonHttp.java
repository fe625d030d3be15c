package dev.zre.testcontainers;

import dev.zre.PeerId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.std.FromStringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON over HTTP to one app: requests against a base URL that may change (a container's mapped port
 * does after a reconnect), errors that name the request and the app, and ids read with
 * {@link PeerId#parse(String)} whichever form the app renders them in.
 */
final class JsonHttp {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("zre-peer-id").addDeserializer(PeerId.class, new PeerIdDeserializer()))
            .build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final Supplier<String> baseUrl;
    private final Supplier<String> appName;

    /**
     * @param baseUrl the app's base URL, asked for anew on every request
     * @param appName what error messages call the app
     */
    JsonHttp(Supplier<String> baseUrl, Supplier<String> appName) {
        this.baseUrl = baseUrl;
        this.appName = appName;
    }

    String baseUrl() {
        return baseUrl.get();
    }

    <T> T get(String path, Class<T> type) {
        return JSON.readValue(get(path), type);
    }

    <T> T get(String path, TypeReference<T> type) {
        return JSON.readValue(get(path), type);
    }

    /** The body of a GET that must answer 2xx. */
    String get(String path) {
        return send("GET", path, null);
    }

    /** The body of a GET as a tree, or {@code null} when the app answers 404. */
    @Nullable JsonNode getIfPresent(String path) {
        HttpResponse<String> response = request("GET", path, null);
        return response.statusCode() == 404 ? null : JSON.readTree(checked("GET", path, response));
    }

    /** Sends a request that must answer 2xx, with {@code body} (if any) as JSON. */
    String send(String method, String path, @Nullable Object body) {
        return checked(method, path, request(method, path, body == null ? null : JSON.writeValueAsString(body)));
    }

    private String checked(String method, String path, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " on " + appName.get() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> request(String method, String path, @Nullable String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(REQUEST_TIMEOUT);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " on " + appName.get() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** Reads a peer id in zyre's 32-hex form or the dashed UUID form. */
    private static final class PeerIdDeserializer extends FromStringDeserializer<PeerId> {

        PeerIdDeserializer() {
            super(PeerId.class);
        }

        @Override
        protected PeerId _deserialize(String value, DeserializationContext context) {
            return PeerId.parse(value);
        }
    }
}
