package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The user-image path: a plain Spring Boot application image, built here the way a user builds theirs
 * (its own Dockerfile, nothing of ZreAppImage), run as {@link ZreContainer#application}, with the
 * {@code zre} CLI image beside it as a probe peer. The application is the sample app jar: its
 * {@code @ZreListener} answers a whispered {@code ping} with {@code pong}.
 */
@Testcontainers(disabledWithoutDocker = true)
class UserImageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @AutoClose
    static final Network network = Network.newNetwork();

    static final ImageFromDockerfile userImage = new ImageFromDockerfile("local/zre-user-image-it", false)
            .withFileFromPath("service.jar", ZreAppImage.locateSampleAppJar())
            .withDockerfileFromBuilder(d -> d.from(ZreAppImage.BASE_IMAGE)
                    .copy("service.jar", "/srv/service.jar")
                    .entryPoint("java", "-jar", "/srv/service.jar")
                    .build());

    @Container
    static final ZreContainer service = ZreContainer.application(userImage)
            .withNetwork(network)
            .withNodeName("my-service");

    @Container
    static final ZreProbeContainer probe = new ZreProbeContainer()
            .withNetwork(network)
            .withNodeName("probe");

    @Test
    void theProbeSeesTheApplicationEnterAndItsListenerAnswers() {
        Map<String, Object> entered = probe.awaitEnter("my-service", WAIT);
        assertThat((String) entered.get("address")).startsWith("tcp://" + service.ipAddress() + ":");

        probe.whisper((String) entered.get("peer"), "ping");

        Map<String, Object> answer = probe.awaitWhisper("pong", WAIT);
        assertThat(answer.get("peer")).isEqualTo(entered.get("peer"));
        assertThat(answer.get("name")).isEqualTo("my-service");
    }

    @Test
    void anApplicationContainerOffersNoSampleApi() {
        assertThatIllegalStateException().isThrownBy(service::api).withMessageContaining("ZreProbeContainer");
    }
}
