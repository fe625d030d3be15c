package dev.zre.testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image of the {@code zre} command-line tool ({@code zre-cli}'s executable jar) on
 * {@value ZreAppImage#BASE_IMAGE}, built locally and kept under {@value #IMAGE_NAME}: its entrypoint is
 * {@code java -jar /opt/zre/zre-cli.jar}, so the container's command is a {@code zre} command line
 * ({@code shell --json --interface eth0 ...}). {@link ZreProbeContainer} runs it as a probe peer.
 */
public final class ZreCliImage {

    /** The system property that names the CLI jar (see {@link #locateCliJar()}). */
    public static final String CLI_JAR_PROPERTY = "zre.cli.jar";

    /** The name of the image. */
    public static final String IMAGE_NAME = "local/zre-cli";

    /** Where the jar is inside the image. */
    public static final String JAR_IN_IMAGE = "/opt/zre/zre-cli.jar";

    private static final Map<Path, ImageFromDockerfile> IMAGES = new ConcurrentHashMap<>();

    private ZreCliImage() {
    }

    /** The image, from the jar {@link #locateCliJar()} finds. */
    public static ImageFromDockerfile image() {
        return of(locateCliJar());
    }

    /**
     * The image of a given {@code zre-cli} jar.
     *
     * @param cliJar the executable (shaded) jar, {@code zre-cli/target/zre-cli.jar} in this build
     * @return the image, built when first needed
     */
    public static ImageFromDockerfile of(Path cliJar) {
        Path jar = Objects.requireNonNull(cliJar, "cliJar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("zre-cli jar " + jar + " does not exist; build it first (mvn -pl zre-cli package)");
        }
        return IMAGES.computeIfAbsent(jar, j -> new ImageFromDockerfile(IMAGE_NAME, false)
                .withFileFromPath("zre-cli.jar", j)
                .withDockerfileFromBuilder(d -> d.from(ZreAppImage.BASE_IMAGE)
                        .copy("zre-cli.jar", JAR_IN_IMAGE)
                        .entryPoint("java", "-jar", JAR_IN_IMAGE)
                        .build()));
    }

    /**
     * Finds the CLI jar: the system property {@value #CLI_JAR_PROPERTY}, else {@code zre-cli/target/zre-cli.jar}
     * seen from the current directory or its parent.
     *
     * @throws IllegalStateException when there is none
     */
    public static Path locateCliJar() {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty(CLI_JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            tried.add(Path.of(property));
        }
        tried.add(Path.of("zre-cli", "target", "zre-cli.jar"));
        tried.add(Path.of("..", "zre-cli", "target", "zre-cli.jar"));
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("The zre-cli jar is missing (looked at "
                + tried.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()
                + "). Build it first: mvn -pl zre-cli -am package, or set -D" + CLI_JAR_PROPERTY + "=<jar>");
    }
}
