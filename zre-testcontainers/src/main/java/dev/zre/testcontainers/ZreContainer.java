package dev.zre.testcontainers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A ZRE peer in a Docker container: runs the ZRE sample app (or any app with the same REST API) so a
 * test can check how its own service behaves next to a real ZRE node, and watch what that node sees.
 *
 * <pre>{@code
 * try (Network network = Network.newNetwork();
 *      ZreContainer peer = new ZreContainer().withNetwork(network).withNodeName("peer").withGroups("chat")) {
 *     peer.start();
 *     // ... start the service under test on the same network, with zre.interface=eth0 ...
 *     ZrePeerInfo service = peer.await().peers(1, Duration.ofSeconds(15)).get(0);
 *     peer.api().whisper(service.id(), "hello");
 *     peer.await().message(m -> m.text().equals("hello back"), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>This class configures the container; three helpers work with the running node:
 * {@link #api()} (its REST API), {@link #await()} (waiting until it shows something) and
 * {@link #faults()} (pause, kill, partition through the Docker API).
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
 */
public class ZreContainer extends GenericContainer<ZreContainer> {

    /** The HTTP port of the app inside the container. */
    public static final int HTTP_PORT = 8080;

    /** The default {@code JAVA_TOOL_OPTIONS}: a bounded heap, and a JVM tuned for a quick start. */
    public static final String DEFAULT_JAVA_TOOL_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /** A Spring Boot start on two busy cores takes 10-40 s. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private final ZreApi api = new ZreApi(new JsonHttp(this::baseUrl, this::toString));
    private final ZreAwait await = new ZreAwait(api, this::getLogs, this::toString);
    private final ZreFaults faults = new ZreFaults(this);
    private volatile @Nullable InspectContainerResponse refreshedInfo;
    private boolean sampleApi = true;

    /**
     * A container running the ZRE sample app, from the jar {@link ZreAppImage#locateSampleAppJar()} finds.
     *
     * @throws IllegalStateException when the jar cannot be found (build it with {@code mvn -pl sample-app package})
     */
    public ZreContainer() {
        this(ZreAppImage.sampleApp());
    }

    /**
     * A container running a Spring Boot app jar that offers the sample app's REST API, in an image
     * built {@code FROM eclipse-temurin:17-jre} ({@link ZreAppImage#of(Path)}).
     *
     * @param appJar the executable jar
     */
    public ZreContainer(Path appJar) {
        this(ZreAppImage.of(appJar));
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
     * A container running any image whose entrypoint starts a ZRE node: the user's own application.
     * The image must honour the node settings this class passes as environment variables (a Spring Boot
     * application on the ZRE starter does: {@code ZRE_INTERFACE=eth0}, {@code ZRE_NAME}, {@code ZRE_GROUPS},
     * {@code ZRE_PORT}, {@code ZRE_EVASIVETIMEOUT}, ...; see {@link #withZreProperty(String, String)}).
     * No port is published unless {@link #withHttpPort(int)}; the container is ready when Spring Boot logs
     * {@code Started ... in ... seconds} ({@link #waitingFor} changes that). It offers no sample REST API,
     * so {@link #api()} is not available: put a {@link ZreProbeContainer} beside it to watch and talk to it.
     *
     * @param image the application's image, which must exist locally or be built by the test
     * @return the container, not started
     */
    public static ZreContainer application(Future<String> image) {
        return new ZreContainer(image).asApplication();
    }

    /** {@link #application(Future)} for an image that exists locally. */
    public static ZreContainer application(DockerImageName image) {
        return new ZreContainer(image).asApplication();
    }

    private ZreContainer asApplication() {
        sampleApi = false;
        setExposedPorts(List.of());
        return waitingFor(Wait.forLogMessage(".*Started .+ in .+ seconds.*\\n", 1).withStartupTimeout(STARTUP_TIMEOUT));
    }

    /** Publishes the application's HTTP port (on {@code 127.0.0.1} when Docker runs on this machine). */
    public ZreContainer withHttpPort(int port) {
        addExposedPort(port);
        return withEnv("SERVER_PORT", String.valueOf(port));
    }

    private void configureDefaults() {
        withExposedPorts(HTTP_PORT);
        withCreateContainerCmdModifier(LoopbackPorts::bind);
        withEnv("SERVER_PORT", String.valueOf(HTTP_PORT));
        withEnv("ZRE_INTERFACE", "eth0");
        withEnv("JAVA_TOOL_OPTIONS", DEFAULT_JAVA_TOOL_OPTIONS);
        waitingFor(Wait.forHttp("/api/node").forPort(HTTP_PORT).forStatusCode(200)
                .withStartupTimeout(STARTUP_TIMEOUT));
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

    /** Sets how long a peer may be silent before the node drops it ({@code zre.expired-timeout}). */
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

    /**
     * Runs the node secured with CURVE: copies the czmq secret certificate and the directory of
     * allowed public certificates into the container and points {@code zre.security.*} at them.
     *
     * @param secretCertificate a {@code *_secret} zcert file (e.g. from {@code zre keygen} or
     *     {@code dev.zre.security.ZCert#write})
     * @param allowDirectory a directory of public zcert files of the nodes allowed in
     */
    public ZreContainer withCurve(Path secretCertificate, Path allowDirectory) {
        withCopyFileToContainer(MountableFile.forHostPath(secretCertificate), KEY_FILE);
        withCopyFileToContainer(MountableFile.forHostPath(allowDirectory), ALLOW_DIR);
        withZreProperty("security.mechanism", "curve");
        withZreProperty("security.curve.key-file", KEY_FILE);
        return withZreProperty("security.curve.allow-dir", ALLOW_DIR);
    }

    /** Where {@link #withCurve} puts the secret certificate. */
    static final String KEY_FILE = "/zre/keys/node.cert_secret";
    /** Where {@link #withCurve} puts the allowed public certificates. */
    static final String ALLOW_DIR = "/zre/allowed";

    /** Replaces the default {@code JAVA_TOOL_OPTIONS} ({@value #DEFAULT_JAVA_TOOL_OPTIONS}). */
    public ZreContainer withJavaToolOptions(String options) {
        return withEnv("JAVA_TOOL_OPTIONS", options);
    }

    /** The environment variable Spring Boot binds to a property: {@code zre.evasive-timeout} → {@code ZRE_EVASIVETIMEOUT}. */
    static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
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

    // ------------------------------------------------------------------ the running node

    /** The node's REST API: its view of peers, groups and messages, and the commands to join, shout, whisper. */
    public ZreApi api() {
        if (!sampleApi) {
            throw new IllegalStateException(this + " runs an application image without the sample app's REST API;"
                    + " watch and talk to it through a ZreProbeContainer");
        }
        return api;
    }

    /** Waits until the node shows peers, a message or a log line. */
    public ZreAwait await() {
        return await;
    }

    /** Breaks the node: pause, kill, graceful stop, partition. */
    public ZreFaults faults() {
        return faults;
    }

    /** The app's base URL as seen from the test, e.g. {@code http://127.0.0.1:32768}. */
    private String baseUrl() {
        return "http://" + getHost() + ":" + getMappedPort(HTTP_PORT);
    }

    /**
     * The host to reach the published ports at: {@code 127.0.0.1} when Docker runs on this machine
     * (the ports are bound there), else what Testcontainers finds (or {@code TESTCONTAINERS_HOST_OVERRIDE}).
     */
    @Override
    public String getHost() {
        return LoopbackPorts.localDaemon() && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null
                ? LoopbackPorts.LOOPBACK : super.getHost();
    }

    /** The container's IPv4 address on its network (as the node announces it in its endpoint). */
    public String ipAddress() {
        Network network = requireNetwork();
        return getDockerClient().inspectContainerCmd(getContainerId()).exec().getNetworkSettings().getNetworks()
                .values().stream()
                .filter(n -> network.getId().equals(n.getNetworkID()))
                .map(ContainerNetwork::getIpAddress)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(this + " is not on network " + network.getId()));
    }

    Network requireNetwork() {
        Network network = getNetwork();
        if (network == null) {
            throw new IllegalStateException(this + " has no network; use withNetwork(Network.newNetwork())");
        }
        return network;
    }

    /** Reads the container's description again: a reconnect publishes the HTTP port on a new host port. */
    void refreshContainerInfo() {
        refreshedInfo = getDockerClient().inspectContainerCmd(getContainerId()).exec();
    }

    /** The container's description, refreshed after {@link ZreFaults#reconnect()} (which changes the mapped HTTP port). */
    @Override
    public InspectContainerResponse getContainerInfo() {
        InspectContainerResponse refreshed = refreshedInfo;
        return refreshed != null ? refreshed : super.getContainerInfo();
    }

    @Override
    public void stop() {
        faults.reset();
        refreshedInfo = null;
        super.stop();
    }

    @Override
    public String toString() {
        String name = nodeName().orElse(null);
        String id = getContainerId();
        return "ZreContainer" + (name != null ? " '" + name + "'" : "")
                + (id != null ? " (" + id.substring(0, Math.min(12, id.length())) + ")" : "");
    }
}
