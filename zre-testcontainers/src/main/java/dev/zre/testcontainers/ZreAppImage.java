package dev.zre.testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The images a {@link ZreContainer} runs: a Spring Boot app jar (the ZRE sample app by default) on
 * {@value #BASE_IMAGE}, built locally. An image keeps its name and is not deleted after the tests, so
 * later runs reuse its layers; each jar is built once per JVM.
 */
public final class ZreAppImage {

    /** The system property that names the sample app jar (see {@link #locateSampleAppJar()}). */
    public static final String SAMPLE_APP_JAR_PROPERTY = "zre.sample-app.jar";

    /** The name of the image built from the sample app jar. */
    public static final String SAMPLE_APP_IMAGE_NAME = "local/zre-sample-app";

    /** The image the app images are built on; it must exist locally. */
    public static final String BASE_IMAGE = "eclipse-temurin:17-jre";

    private static final Map<Path, ImageFromDockerfile> IMAGES = new ConcurrentHashMap<>();

    private ZreAppImage() {
    }

    /**
     * The image of the ZRE sample app, from the jar that {@link #locateSampleAppJar()} finds.
     *
     * @throws IllegalStateException when the jar cannot be found
     */
    public static ImageFromDockerfile sampleApp() {
        return of(SAMPLE_APP_IMAGE_NAME, locateSampleAppJar());
    }

    /**
     * The image of an app jar, named after the jar: {@code local/zre-app-<file name>}.
     *
     * @param appJar the executable jar
     * @throws IllegalStateException when the jar does not exist
     */
    public static ImageFromDockerfile of(Path appJar) {
        String file = appJar.getFileName().toString().replaceFirst("\\.jar$", "");
        return of("local/zre-app-" + file.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"), appJar);
    }

    /**
     * The image of an app jar: {@code FROM eclipse-temurin:17-jre}, the jar as {@code /app/app.jar},
     * run with {@code java -jar}.
     *
     * @param imageName the name to give the image, e.g. {@code local/my-service}
     * @param appJar the executable jar
     * @return the image, built when first needed
     * @throws IllegalStateException when the jar does not exist
     */
    public static ImageFromDockerfile of(String imageName, Path appJar) {
        Objects.requireNonNull(imageName, "imageName");
        Path jar = Objects.requireNonNull(appJar, "appJar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("ZRE app jar " + jar + " does not exist; build it first (mvn package)");
        }
        return IMAGES.computeIfAbsent(jar, j -> new ImageFromDockerfile(imageName, false)
                .withFileFromPath("app.jar", j)
                .withDockerfileFromBuilder(d -> d.from(BASE_IMAGE)
                        .workDir("/app")
                        .copy("app.jar", "/app/app.jar")
                        .entryPoint("java", "-jar", "/app/app.jar")
                        .build()));
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
}
