package dev.zre.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A ZRE peer in a Docker container: runs the ZRE sample app (or any app with the same REST API) so a
 * test can check how its own service behaves next to a real ZRE node, and watch what that node sees.
 *
 * <pre>{@code
 * try (Network network = Network.newNetwork();
 *      ZreContainer peer = new ZreContainer().withNetwork(network).withNodeName("peer").withGroups("chat")) {
 *     peer.start();
 *     // ... start the service under test on the same network, with zre.interface=eth0 ...
 *     ZrePeerInfo service = peer.awaitPeers(1, Duration.ofSeconds(15)).get(0);
 *     peer.whisper(service.uuid(), "hello");
 *     peer.awaitMessage(m -> m.text().equals("hello back"), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Nodes find each other by UDP broadcast, so put every container (and the service under test) on
 * the same {@link Network}: the node uses the container's {@code eth0}. Only the HTTP port is
 * published, on {@code 127.0.0.1} when Docker runs on this machine; the beacon and mailbox ports stay
 * on the Docker network.
 *
 * <p>The app is configured through environment variables (Spring Boot's relaxed binding): the
 * {@code with...} methods set {@code zre.name}, {@code zre.groups}, {@code zre.evasive-timeout} and
 * {@code zre.expired-timeout}; {@link #withZreProperty(String, String)} sets any other {@code zre.*}
 * property. The JVM heap is limited to 256 MB ({@link #withJavaToolOptions(String)} changes it).
 *
 * <p>The REST helpers ({@link #node()}, {@link #peers()}, {@link #shout(String, String)}, ...) use the
 * sample app's contract: {@code GET /api/node}, {@code GET /api/peers}, {@code GET /api/groups},
 * {@code POST|DELETE /api/groups/{group}}, {@code POST /api/shout}, {@code POST /api/whisper},
 * {@code GET /api/messages}, and the actuator endpoint {@code GET /actuator/zre}. The fault helpers
 * ({@link #pause()}, {@link #kill()}, {@link #disconnect()}, ...) drive the Docker daemon.
 */
public class ZreContainer extends GenericContainer<ZreContainer> {

    /** The HTTP port of the app inside the container. */
    public static final int HTTP_PORT = 8080;

    /** The system property that names the sample app jar (see {@link #ZreContainer()}). */
    public static final String SAMPLE_APP_JAR_PROPERTY = "zre.sample-app.jar";

    /** The name of the image built from the sample app jar. */
    public static final String SAMPLE_APP_IMAGE_NAME = "local/zre-sample-app";

    /** The image the app images are built on; it must exist locally. */
    public static final String BASE_IMAGE = "eclipse-temurin:17-jre";

    /** The default {@code JAVA_TOOL_OPTIONS}: a bounded heap, and a JVM tuned for a quick start. */
    public static final String DEFAULT_JAVA_TOOL_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Map<Path, ImageFromDockerfile> APP_IMAGES = new ConcurrentHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private @Nullable String disconnectedIp;
    private volatile @Nullable InspectContainerResponse refreshedInfo;

    /**
     * A container running the ZRE sample app. The jar is taken from the system property
     * {@value #SAMPLE_APP_JAR_PROPERTY}, else from {@code sample-app/target/sample-app.jar} or
     * {@code ../sample-app/target/sample-app.jar}.
     *
     * @throws IllegalStateException when the jar cannot be found (build it with {@code mvn -pl sample-app package})
     */
    public ZreContainer() {
        this(appImage(SAMPLE_APP_IMAGE_NAME, locateSampleAppJar()));
    }

    /**
     * A container running a Spring Boot app jar that offers the sample app's REST API, in an image
     * built {@code FROM eclipse-temurin:17-jre}.
     *
     * @param appJar the executable jar
     */
    public ZreContainer(Path appJar) {
        this(appImage(imageNameFor(appJar), appJar));
    }

    /**
     * A container running an image that already holds such an app and starts it.
     *
     * @param image the image, which must exist locally or be pullable
     */
    public ZreContainer(DockerImageName image) {
        super(image);
        configureDefaults();
    }

    /**
     * A container running an image that is built on demand (e.g. an {@link ImageFromDockerfile}).
     *
     * @param image the image name, once built
     */
    public ZreContainer(Future<String> image) {
        super(image);
        configureDefaults();
    }

    /**
     * Keeps the published ports on the loopback interface when Docker runs on this machine:
     * Testcontainers asks Docker for an unqualified binding, which the daemon may put on every
     * interface (its {@code "ip"} default did not apply to it here: ports ended up on {@code 0.0.0.0}
     * and {@code [::]}). With a remote daemon the bindings stay as they are.
     */
    private static void bindPublishedPortsToLoopback(CreateContainerCmd cmd) {
        HostConfig hostConfig = cmd.getHostConfig();
        if (!localDaemon() || hostConfig == null || hostConfig.getPortBindings() == null) {
            return;
        }
        Ports loopback = new Ports();
        hostConfig.getPortBindings().getBindings().forEach((port, bindings) -> {
            if (bindings == null || bindings.length == 0) {
                loopback.bind(port, Ports.Binding.bindIp(LOOPBACK));
                return;
            }
            for (Ports.Binding binding : bindings) {
                loopback.bind(port, new Ports.Binding(LOOPBACK, binding.getHostPortSpec()));
            }
        });
        hostConfig.withPortBindings(loopback);
    }

    /**
     * The host to reach the published ports at: {@code 127.0.0.1} when Docker runs on this machine
     * (see {@link #bindPublishedPortsToLoopback}), else what Testcontainers finds (or {@code TESTCONTAINERS_HOST_OVERRIDE}).
     */
    @Override
    public String getHost() {
        return localDaemon() && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null ? LOOPBACK : super.getHost();
    }

    private static boolean localDaemon() {
        String scheme = DockerClientFactory.instance().getTransportConfig().getDockerHost().getScheme();
        return "unix".equals(scheme) || "npipe".equals(scheme);
    }

    private void configureDefaults() {
        withExposedPorts(HTTP_PORT);
        withCreateContainerCmdModifier(ZreContainer::bindPublishedPortsToLoopback);
        withEnv("SERVER_PORT", String.valueOf(HTTP_PORT));
        withEnv("ZRE_INTERFACE", "eth0");
        withEnv("JAVA_TOOL_OPTIONS", DEFAULT_JAVA_TOOL_OPTIONS);
        waitingFor(Wait.forHttp("/api/node").forPort(HTTP_PORT).forStatusCode(200)
                .withStartupTimeout(STARTUP_TIMEOUT));
    }

    // ------------------------------------------------------------------ images

    /**
     * The image for an app jar: {@code FROM eclipse-temurin:17-jre}, the jar as {@code /app/app.jar},
     * run with {@code java -jar}. The image keeps its name and is not deleted on exit, so later runs
     * reuse its layers; one image per jar and JVM.
     *
     * @param imageName the name to give the image, e.g. {@code local/my-service}
     * @param appJar the executable jar
     * @return the image, built when first needed
     */
    public static ImageFromDockerfile appImage(String imageName, Path appJar) {
        Objects.requireNonNull(imageName, "imageName");
        Path jar = Objects.requireNonNull(appJar, "appJar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("ZRE app jar " + jar + " does not exist; build it first (mvn package)");
        }
        return APP_IMAGES.computeIfAbsent(jar, j -> new ImageFromDockerfile(imageName, false)
                .withFileFromPath("app.jar", j)
                .withDockerfileFromBuilder(d -> d.from(BASE_IMAGE)
                        .workDir("/app")
                        .copy("app.jar", "/app/app.jar")
                        .entryPoint("java", "-jar", "/app/app.jar")
                        .build()));
    }

    private static String imageNameFor(Path appJar) {
        String file = appJar.getFileName().toString().replaceFirst("\\.jar$", "");
        return "local/zre-app-" + file.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /**
     * Finds the sample app jar: the system property {@value #SAMPLE_APP_JAR_PROPERTY}, else the
     * sample-app module's {@code target} seen from the current directory or its parent.
     *
     * @return the jar's path
     * @throws IllegalStateException when no jar exists at any of these places
     */
    public static Path locateSampleAppJar() {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty(SAMPLE_APP_JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            tried.add(Path.of(property));
        }
        tried.add(Path.of("sample-app", "target", "sample-app.jar"));
        tried.add(Path.of("..", "sample-app", "target", "sample-app.jar"));
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("The ZRE sample app jar is missing (looked at "
                + tried.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()
                + "). Build it first: mvn -pl sample-app -am package, or set -D" + SAMPLE_APP_JAR_PROPERTY + "=<jar>");
    }

    // ------------------------------------------------------------------ configuration

    /** Sets the node's name ({@code zre.name}). */
    public ZreContainer withNodeName(String name) {
        return withZreProperty("name", name);
    }

    /** Sets the groups the node joins at start ({@code zre.groups}). */
    public ZreContainer withGroups(String... groups) {
        return withZreProperty("groups", String.join(",", groups));
    }

    /** Sets how long a peer may be silent before the node pings it and reports it evasive ({@code zre.evasive-timeout}). */
    public ZreContainer withEvasiveTimeout(Duration timeout) {
        return withZreProperty("evasive-timeout", timeout.toMillis() + "ms");
    }

    /** Sets how long a peer may be silent before the node drops it with EXIT ({@code zre.expired-timeout}). */
    public ZreContainer withExpiredTimeout(Duration timeout) {
        return withZreProperty("expired-timeout", timeout.toMillis() + "ms");
    }

    /**
     * Sets any {@code zre.*} property of the app, e.g. {@code withZreProperty("beacon-interval", "500ms")}.
     * The node's interface is {@code eth0} unless this sets {@code interface}.
     *
     * @param name the property name after {@code zre.}, in kebab case
     * @param value its value
     */
    public ZreContainer withZreProperty(String name, String value) {
        Objects.requireNonNull(value, "value");
        return withEnv(environmentVariable("zre." + name), value);
    }

    /** Replaces the default {@code JAVA_TOOL_OPTIONS} ({@value #DEFAULT_JAVA_TOOL_OPTIONS}). */
    public ZreContainer withJavaToolOptions(String options) {
        return withEnv("JAVA_TOOL_OPTIONS", options);
    }

    /** The environment variable Spring Boot binds to a property: {@code zre.evasive-timeout} → {@code ZRE_EVASIVETIMEOUT}. */
    static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ REST API

    /** The app's base URL as seen from the test, e.g. {@code http://127.0.0.1:32768}. */
    public String baseUrl() {
        return "http://" + getHost() + ":" + getMappedPort(HTTP_PORT);
    }

    /** The node in this container ({@code GET /api/node}). */
    public ZreNodeInfo node() {
        return JSON.readValue(get("/api/node"), ZreNodeInfo.class);
    }

    /** The UUID of the node in this container; it changes whenever the container starts again. */
    public String uuid() {
        return node().uuid();
    }

    /** The peers this node is connected to ({@code GET /api/peers}). */
    public List<ZrePeerInfo> peers() {
        return JSON.readValue(get("/api/peers"), new TypeReference<List<ZrePeerInfo>>() { });
    }

    /** One peer by UUID, if this node is connected to it. */
    public Optional<ZrePeerInfo> peer(String uuid) {
        return peers().stream().filter(p -> p.uuid().equalsIgnoreCase(uuid)).findFirst();
    }

    /** The groups of this node and of its peers ({@code GET /api/groups}). */
    public List<ZreGroupInfo> groups() {
        return JSON.readValue(get("/api/groups"), new TypeReference<List<ZreGroupInfo>>() { });
    }

    /** The last messages this node received, oldest first ({@code GET /api/messages}). */
    public List<ZreMessageInfo> messages() {
        return JSON.readValue(get("/api/messages"), new TypeReference<List<ZreMessageInfo>>() { });
    }

    /** The actuator endpoint {@code GET /actuator/zre} (node, peers, groups), parsed into maps and lists. */
    public Map<String, Object> actuator() {
        return JSON.readValue(get("/actuator/zre"), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** Joins a group ({@code POST /api/groups/{group}}). */
    public void join(String group) {
        send("POST", "/api/groups/" + pathSegment(group), null);
    }

    /** Leaves a group ({@code DELETE /api/groups/{group}}). */
    public void leave(String group) {
        send("DELETE", "/api/groups/" + pathSegment(group), null);
    }

    /** Shouts a text to a group ({@code POST /api/shout}). */
    public void shout(String group, String text) {
        send("POST", "/api/shout", JSON.writeValueAsString(Map.of("group", group, "text", text)));
    }

    /** Whispers a text to one peer ({@code POST /api/whisper}). */
    public void whisper(String peerUuid, String text) {
        send("POST", "/api/whisper", JSON.writeValueAsString(Map.of("peer", peerUuid, "text", text)));
    }

    /**
     * Sends a GET request to the app and returns the body.
     *
     * @param path the path, e.g. {@code /actuator/health}
     * @throws IllegalStateException when the app does not answer with 2xx
     */
    public String get(String path) {
        return send("GET", path, null);
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
        HttpResponse<String> response = request("GET", path.toString(), null);
        if (response.statusCode() == 404) {
            return OptionalDouble.empty();
        }
        JsonNode measurements = JSON.readTree(checked("GET", path.toString(), response)).path("measurements");
        return measurements.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(measurements.get(0).path("value").asDouble());
    }

    private String send(String method, String path, @Nullable String json) {
        return checked(method, path, request(method, path, json));
    }

    private String checked(String method, String path, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " on " + describe() + " answered "
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
            throw new IllegalStateException(method + " " + path + " on " + describe() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private static String pathSegment(String group) {
        return URLEncoder.encode(group, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Waits until this node is connected to exactly {@code count} peers.
     *
     * @return the peers at that moment
     * @throws AssertionError when the deadline passes first; the message shows the last peers seen
     */
    public List<ZrePeerInfo> awaitPeers(int count, Duration timeout) {
        return awaitPeers(peers -> peers.size() == count, count + " peers", timeout);
    }

    /**
     * Waits until the peers satisfy a condition, polling every 100 ms. Requests that fail while
     * waiting (e.g. while the container is paused) count as "not yet".
     *
     * @param condition the condition on the whole peer list
     * @param description what is awaited, for the failure message
     * @param timeout the deadline, from now
     * @return the peers that satisfied the condition
     * @throws AssertionError when the deadline passes first
     */
    public List<ZrePeerInfo> awaitPeers(Predicate<List<ZrePeerInfo>> condition, String description, Duration timeout) {
        return await(this::peers, condition, description, timeout);
    }

    /**
     * Waits until this node has received a message that matches.
     *
     * @return the first matching message
     * @throws AssertionError when the deadline passes first
     */
    public ZreMessageInfo awaitMessage(Predicate<ZreMessageInfo> condition, Duration timeout) {
        List<ZreMessageInfo> messages = await(this::messages, list -> list.stream().anyMatch(condition),
                "a matching message", timeout);
        return messages.stream().filter(condition).findFirst().orElseThrow();
    }

    /**
     * Waits until the container's output (stdout and stderr) contains a text.
     *
     * @throws AssertionError when the deadline passes first
     */
    public void awaitLog(String text, Duration timeout) {
        await(this::getLogs, logs -> logs.contains(text), "log output containing '" + text + "'", timeout);
    }

    private <T> T await(Supplier<T> probe, Predicate<T> condition, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        @Nullable T last = null;
        @Nullable RuntimeException lastFailure = null;
        while (true) {
            try {
                T value = probe.get();
                if (condition.test(value)) {
                    return value;
                }
                last = value;
                lastFailure = null;
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError error = new AssertionError(describe() + ": no " + description + " within " + timeout
                        + (last != null ? "; last seen: " + last : "")
                        + (lastFailure != null ? "; last request failed: " + lastFailure.getMessage() : ""));
                if (lastFailure != null) {
                    error.initCause(lastFailure);
                }
                throw error;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + description, e);
            }
        }
    }

    // ------------------------------------------------------------------ faults

    /** Freezes every process in the container ({@code docker pause}); the node falls silent without leaving. */
    public void pause() {
        docker().pauseContainerCmd(getContainerId()).exec();
    }

    /** Resumes a paused container ({@code docker unpause}). */
    public void unpause() {
        docker().unpauseContainerCmd(getContainerId()).exec();
    }

    /**
     * Kills the app with SIGKILL ({@code docker kill}): it cannot say goodbye. The container stays
     * until {@link #stop()}; call {@link #stop()} and {@link #start()} to run a fresh node.
     */
    public void kill() {
        docker().killContainerCmd(getContainerId()).exec();
    }

    /**
     * Stops the app with SIGTERM and waits for it to exit ({@code docker stop}), so it can leave
     * gracefully. The container stays until {@link #stop()}.
     *
     * @param timeout how long Docker waits before it sends SIGKILL
     */
    public void stopGracefully(Duration timeout) {
        docker().stopContainerCmd(getContainerId()).withTimeout((int) Math.max(1, timeout.toSeconds())).exec();
    }

    /**
     * Cuts the container off its network (a partition): its {@code eth0} disappears. Remembers the
     * address so that {@link #reconnect()} restores it.
     */
    public void disconnect() {
        Network network = requireNetwork();
        disconnectedIp = ipAddress();
        docker().disconnectFromNetworkCmd().withContainerId(getContainerId()).withNetworkId(network.getId())
                .withForce(true).exec();
    }

    /**
     * Connects the container to its network again after {@link #disconnect()}. Docker hands out the
     * lowest free address of the network, which is the old one unless another container took it
     * meanwhile; the node's mailbox is bound to the old address, so a different one is an error.
     *
     * @throws IllegalStateException when the container is not disconnected or came back with another address
     */
    public void reconnect() {
        Network network = requireNetwork();
        String ip = disconnectedIp;
        if (ip == null) {
            throw new IllegalStateException(describe() + " is not disconnected");
        }
        // A fixed address (Ipam.withIpv4Address) needs a network with a user-configured subnet; the
        // networks of Network.newNetwork() come from the daemon's pool, so let Docker pick.
        docker().connectToNetworkCmd().withContainerId(getContainerId()).withNetworkId(network.getId())
                .withContainerNetwork(new ContainerNetwork().withAliases(getNetworkAliases()))
                .exec();
        disconnectedIp = null;
        // Docker publishes the HTTP port again, on a new host port: getMappedPort must see it
        refreshedInfo = docker().inspectContainerCmd(getContainerId()).exec();
        String now = currentIpAddress(network);
        if (!ip.equals(now)) {
            throw new IllegalStateException(describe() + " came back as " + now + ", not " + ip
                    + "; its node still listens on the old address");
        }
    }

    private String currentIpAddress(Network network) {
        return docker().inspectContainerCmd(getContainerId()).exec().getNetworkSettings().getNetworks().values()
                .stream()
                .filter(n -> network.getId().equals(n.getNetworkID()))
                .map(ContainerNetwork::getIpAddress)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(describe() + " is not on network " + network.getId()));
    }

    /** The container's IPv4 address on its network (as the node announces it in its endpoint). */
    public String ipAddress() {
        return currentIpAddress(requireNetwork());
    }

    private Network requireNetwork() {
        Network network = getNetwork();
        if (network == null) {
            throw new IllegalStateException(describe() + " has no network; use withNetwork(Network.newNetwork())");
        }
        return network;
    }

    private DockerClient docker() {
        return getDockerClient();
    }

    /** The container's description, refreshed after {@link #reconnect()} (which changes the mapped HTTP port). */
    @Override
    public InspectContainerResponse getContainerInfo() {
        InspectContainerResponse refreshed = refreshedInfo;
        return refreshed != null ? refreshed : super.getContainerInfo();
    }

    @Override
    public void stop() {
        disconnectedIp = null;
        refreshedInfo = null;
        super.stop();
    }

    private String describe() {
        String name = nodeName().orElse(null);
        String id = getContainerId();
        return "ZreContainer" + (name != null ? " '" + name + "'" : "")
                + (id != null ? " (" + id.substring(0, Math.min(12, id.length())) + ")" : "");
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The configured node name, as given to {@link #withNodeName(String)}, if any. */
    public Optional<String> nodeName() {
        return Optional.ofNullable(getEnvMap().get(environmentVariable("zre.name")));
    }

    /** The configured groups, as given to {@link #withGroups(String...)}. */
    public List<String> configuredGroups() {
        String groups = getEnvMap().get(environmentVariable("zre.groups"));
        return groups == null || groups.isEmpty() ? List.of() : Arrays.asList(groups.split(","));
    }
}
