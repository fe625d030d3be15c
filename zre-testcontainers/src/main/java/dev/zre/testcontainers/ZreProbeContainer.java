package dev.zre.testcontainers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A probe peer beside the container under test: the {@code zre} tool ({@link ZreCliImage}) running
 * {@code zre shell --json} on the container's {@code eth0}. It needs no HTTP port at all: its events
 * are the JSON lines it prints (read from the container's log), and commands go to its standard input
 * through {@code docker exec}.
 *
 * <pre>{@code
 * @Container
 * static final ZreProbeContainer probe = new ZreProbeContainer().withNetwork(network).withNodeName("probe");
 *
 * Map<String, Object> app = probe.awaitEnter("my-service", Duration.ofSeconds(60));
 * probe.whisper((String) app.get("peer"), "ping");
 * probe.awaitWhisper("pong", Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Event lines follow zre-cli's JSON schema ({@code {"event":"ENTER","peer":"<32 hex>","name":...}},
 * see zre-cli's README). The probe uses the default beacon port 5670 unless {@link #withBeaconPort(int)}.
 */
public class ZreProbeContainer extends GenericContainer<ZreProbeContainer> {

    /** The file the shell reads its commands from ({@code tail -F} feeds it to stdin). */
    static final String COMMANDS = "/tmp/zre-commands";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> shellOptions = new ArrayList<>(List.of("--json", "--interface", "eth0"));

    /** A probe from the image {@link ZreCliImage#image()} builds. */
    public ZreProbeContainer() {
        this(ZreCliImage.image());
    }

    /**
     * A probe from a given image of the {@code zre} tool.
     *
     * @param cliImage the image (its entrypoint must run {@code zre})
     */
    public ZreProbeContainer(Future<String> cliImage) {
        super(cliImage);
        withEnv("JAVA_TOOL_OPTIONS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        waitingFor(Wait.forLogMessage(".*\"event\":\"READY\".*\\n", 1).withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** The probe's node name. */
    public ZreProbeContainer withNodeName(String name) {
        return withShellOption("--name", name);
    }

    /** A group the probe joins at start. */
    public ZreProbeContainer withGroup(String group) {
        return withShellOption("--group", group);
    }

    /** The UDP beacon port of the cluster (5670 unless set). */
    public ZreProbeContainer withBeaconPort(int port) {
        return withShellOption("--port", String.valueOf(port));
    }

    /** Any other option of {@code zre shell}, e.g. {@code withShellOption("--evasive", "1s")}. */
    public ZreProbeContainer withShellOption(String option, String value) {
        shellOptions.add(Objects.requireNonNull(option, "option"));
        shellOptions.add(Objects.requireNonNull(value, "value"));
        return this;
    }

    @Override
    protected void configure() {
        // stdin of the shell is the command file, which never ends: the shell runs until the container stops
        String shell = "java -jar " + ZreCliImage.JAR_IN_IMAGE + " shell " + String.join(" ", quoted(shellOptions));
        withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "-c",
                "touch " + COMMANDS + " && tail -n +1 -s 0.1 -F " + COMMANDS + " | exec " + shell));
        super.configure();
    }

    private static List<String> quoted(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList();
    }

    // ------------------------------------------------------------------ commands

    /** Joins a group. */
    public void join(String group) {
        command(Map.of("cmd", "join", "group", group));
    }

    /** SHOUTs a text to a group. */
    public void shout(String group, String text) {
        command(Map.of("cmd", "shout", "group", group, "text", text));
    }

    /** WHISPERs a text to a peer (its id as in the ENTER event, a unique id prefix, or its name). */
    public void whisper(String peer, String text) {
        command(Map.of("cmd", "whisper", "peer", peer, "text", text));
    }

    /**
     * Hands one command of zre-cli's JSON-lines protocol to the shell; its reply appears among the
     * {@link #events()}.
     */
    public void command(Map<String, ?> command) {
        String line = JSON.writeValueAsString(new LinkedHashMap<>(command));
        try {
            // the line is an argument of sh, never parsed by a shell
            ExecResult result = execInContainer("sh", "-c", "printf '%s\\n' \"$1\" >> " + COMMANDS, "sh", line);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("could not hand " + line + " to " + this + ": " + result.getStderr());
            }
        } catch (IOException ex) {
            throw new IllegalStateException("could not hand " + line + " to " + this, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing " + line + " to " + this, ex);
        }
    }

    // ------------------------------------------------------------------ events

    /** Every JSON line the probe printed so far (events and replies), in order. */
    public List<Map<String, Object>> events() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : getLogs(OutputFrame.OutputType.STDOUT).lines().toList()) {
            if (line.startsWith("{")) {
                events.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {
                }));
            }
        }
        return events;
    }

    /** Waits until the peer named {@code name} has entered; returns its ENTER event ({@code peer} is its id). */
    public Map<String, Object> awaitEnter(String name, Duration timeout) {
        return awaitEvent(e -> "ENTER".equals(e.get("event")) && name.equals(e.get("name")), "ENTER of '" + name + "'",
                timeout);
    }

    /** Waits for a WHISPER whose text is {@code text}. */
    public Map<String, Object> awaitWhisper(String text, Duration timeout) {
        return awaitEvent(e -> "WHISPER".equals(e.get("event")) && text.equals(e.get("text")), "WHISPER '" + text + "'",
                timeout);
    }

    /** Waits for a SHOUT to {@code group} whose text is {@code text}. */
    public Map<String, Object> awaitShout(String group, String text, Duration timeout) {
        return awaitEvent(e -> "SHOUT".equals(e.get("event")) && group.equals(e.get("group")) && text.equals(e.get("text")),
                "SHOUT '" + text + "' to '" + group + "'", timeout);
    }

    /**
     * Waits for a JSON line that matches, polling the log every 100 ms.
     *
     * @throws AssertionError naming what was awaited and listing the lines seen, after the timeout
     */
    public Map<String, Object> awaitEvent(Predicate<Map<String, Object>> match, String description, Duration timeout) {
        try {
            return Awaitility.await(description).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> events().stream().filter(match).findFirst(), java.util.Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException ex) {
            throw new AssertionError(this + " printed no " + description + " within " + timeout + "; it printed: "
                    + getLogs(OutputFrame.OutputType.STDOUT), ex);
        }
    }

    @Override
    public String toString() {
        String id = getContainerId();
        return "ZreProbeContainer" + (id != null ? " (" + id.substring(0, Math.min(12, id.length())) + ")" : "");
    }
}
