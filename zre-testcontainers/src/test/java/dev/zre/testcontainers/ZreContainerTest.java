package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.DockerImageName;

/** What ZreContainer configures, checked without Docker. */
class ZreContainerTest {

    @Test
    void propertiesBecomeSpringBootEnvironmentVariables() {
        assertThat(ZreContainer.environmentVariable("zre.evasive-timeout")).isEqualTo("ZRE_EVASIVETIMEOUT");
        assertThat(ZreContainer.environmentVariable("zre.name")).isEqualTo("ZRE_NAME");
    }

    @Test
    void aNodeUsesEth0WithABoundedHeapAndExposesOnlyHttp() {
        try (ZreContainer node = new ZreContainer(DockerImageName.parse("local/some-zre-app"))) {
            assertThat(node.getEnvMap()).containsEntry("ZRE_INTERFACE", "eth0")
                    .containsEntry("SERVER_PORT", "8080")
                    .containsEntry("JAVA_TOOL_OPTIONS", ZreContainer.DEFAULT_JAVA_TOOL_OPTIONS);
            assertThat(node.getExposedPorts()).containsExactly(ZreContainer.HTTP_PORT);
        }
    }

    @Test
    void nameGroupsAndTimeoutsAreSetThroughTheEnvironment() {
        try (ZreContainer node = new ZreContainer(DockerImageName.parse("local/some-zre-app"))
                .withNodeName("alice")
                .withGroups("chat", "ops")
                .withEvasiveTimeout(Duration.ofSeconds(1))
                .withExpiredTimeout(Duration.ofMillis(4500))) {
            assertThat(node.getEnvMap()).containsEntry("ZRE_NAME", "alice")
                    .containsEntry("ZRE_GROUPS", "chat,ops")
                    .containsEntry("ZRE_EVASIVETIMEOUT", "1000ms")
                    .containsEntry("ZRE_EXPIREDTIMEOUT", "4500ms");
            assertThat(node.nodeName()).contains("alice");
            assertThat(node.configuredGroups()).containsExactly("chat", "ops");
        }
    }

    @Test
    void aMissingAppJarIsReportedWithHowToBuildIt(@TempDir Path dir) {
        assertThatIllegalStateException()
                .isThrownBy(() -> new ZreContainer(dir.resolve("nothing.jar")))
                .withMessageContaining("nothing.jar")
                .withMessageContaining("mvn package");
    }

    @Test
    void anApplicationImageGetsTheNodeSettingsButNoPublishedPortAndNoSampleApi() {
        try (ZreContainer app = ZreContainer.application(DockerImageName.parse("local/my-service")).withNodeName("svc")) {
            assertThat(app.getEnvMap()).containsEntry("ZRE_INTERFACE", "eth0").containsEntry("ZRE_NAME", "svc");
            assertThat(app.getExposedPorts()).isEmpty();
            assertThatIllegalStateException().isThrownBy(app::api).withMessageContaining("ZreProbeContainer");

            app.withHttpPort(9090);

            assertThat(app.getExposedPorts()).containsExactly(9090);
            assertThat(app.getEnvMap()).containsEntry("SERVER_PORT", "9090");
        }
    }

    @Test
    void aMissingCliJarIsReportedWithHowToBuildIt(@TempDir Path dir) {
        assertThatIllegalStateException()
                .isThrownBy(() -> ZreCliImage.of(dir.resolve("zre-cli.jar")))
                .withMessageContaining("zre-cli.jar")
                .withMessageContaining("mvn -pl zre-cli package");
    }
}
