package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * ZreContainer used the way the README shows: {@code @Container} fields managed by the Testcontainers
 * extension on a network closed by {@code @AutoClose}. {@code service} stands in for the service a
 * user would test next to a ZRE peer.
 */
@Testcontainers(disabledWithoutDocker = true, parallel = true)
class ZreContainerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    static final Network network = Network.newNetwork();

    @Container
    static final ZreContainer peer = new ZreContainer()
            .withNetwork(network)
            .withNodeName("peer")
            .withGroups("chat");

    @Container
    static final ZreContainer service = new ZreContainer()
            .withNetwork(network)
            .withNodeName("service")
            .withGroups("chat");

    @Test
    void aPeerFindsTheServiceAndTheyExchangeMessages() {
        ZrePeerInfo found = peer.await().peers(1, WAIT).get(0);
        ZreNodeInfo self = service.api().node();
        assertThat(found.id()).isEqualTo(self.id());
        assertThat(found.name()).isEqualTo("service");
        assertThat(found.address()).isEqualTo(self.endpoint()).startsWith("tcp://" + service.ipAddress() + ":");

        String question = "ping " + System.nanoTime();
        peer.api().whisper(found.id(), question);
        ZreMessageInfo received = service.await().message(m -> question.equals(m.text()), WAIT);
        assertThat(received.isWhisper()).isTrue();
        assertThat(received.name()).isEqualTo("peer");

        String answer = "pong " + System.nanoTime();
        service.api().shout("chat", answer);
        assertThat(peer.await().message(m -> answer.equals(m.text()), WAIT).group()).isEqualTo("chat");
    }

    @Test
    void groupsJoinedAndLeftThroughTheContainerAreSeenByThePeer() {
        service.await().peers(1, WAIT);
        PeerId serviceId = service.api().id();
        service.api().join("ops");
        List<ZrePeerInfo> peers = peer.await().peers(
                list -> list.stream().anyMatch(p -> p.id().equals(serviceId) && p.groups().contains("ops")),
                "service in ops", WAIT);
        assertThat(peers).hasSize(1);
        assertThat(service.api().groups()).anySatisfy(g -> {
            assertThat(g.name()).isEqualTo("ops");
            assertThat(g.joined()).isTrue();
        });
        service.api().leave("ops");
        peer.await().peers(list -> list.stream().noneMatch(p -> p.groups().contains("ops")), "nobody in ops", WAIT);
    }
}
