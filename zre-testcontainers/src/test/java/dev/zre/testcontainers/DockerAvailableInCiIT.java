package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testcontainers.DockerClientFactory;

/**
 * In CI the container tests must run, not be skipped: {@code @Testcontainers(disabledWithoutDocker = true)}
 * turns a missing Docker into a silent skip, so this guard fails the build instead.
 */
@EnabledIfEnvironmentVariable(named = "CI", matches = "true")
class DockerAvailableInCiIT {

    @Test
    void dockerIsAvailableSoTheClusterTestsRun() {
        assertThat(DockerClientFactory.instance().isDockerAvailable())
                .as("Docker is not available in CI, so the ZRE container tests would be skipped. "
                        + ".ci/run must run ../shared/ci/docker-env.sh (it installs and starts dockerd) before mvn verify; "
                        + "see ../shared/docs/testcontainers-ci.md and /tmp/dockerd.log")
                .isTrue();
    }
}
