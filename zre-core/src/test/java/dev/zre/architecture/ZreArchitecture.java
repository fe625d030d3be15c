package dev.zre.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The architecture rules of the project, shared with every module's tests through zre-core's test
 * jar: front-ends (the starter, the CLI, the sample, the container support, the benchmarks) use
 * only what zre-core exports on purpose, and zre-core knows nothing of Spring.
 */
public final class ZreArchitecture {

    /** zre-core's packages that are not API: the engine, the codec and beacon discovery. */
    private static final String[] CORE_INTERNALS = { "dev.zre.internal..", "dev.zre.protocol..", "dev.zre.discovery.." };

    /** Front-ends use the {@code dev.zre} package only, never the engine's insides. */
    public static final ArchRule FRONT_END_USES_ONLY_THE_PUBLIC_API = noClasses().should()
        .dependOnClassesThat()
        .resideInAnyPackage(CORE_INTERNALS)
        .because("front-ends use what zre-core exports on purpose: the dev.zre package");

    /** zre-core runs without Spring. */
    public static final ArchRule CORE_DOES_NOT_USE_SPRING = noClasses().should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .because("zre-core is the protocol engine without Spring; the starter modules build on it");

    private ZreArchitecture() {
    }

    /**
     * The classes of one module, read from where the given classes were loaded: pass one main class
     * of the module and the calling test class, to check both its main and its test classes.
     */
    public static JavaClasses classesOf(Class<?>... loadedFrom) {
        List<Path> locations = new ArrayList<>();
        for (Class<?> type : loadedFrom) {
            try {
                locations.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + type, e);
            }
        }
        JavaClasses classes = new ClassFileImporter().importPaths(locations);
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes found in " + locations);
        }
        return classes;
    }
}
