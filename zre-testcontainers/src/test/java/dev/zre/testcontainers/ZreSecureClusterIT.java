package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZCert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * Three sample-app nodes secured with CURVE (each its own keypair, an allow directory with the
 * three public certificates) and a stranger with a keypair of its own on the same Docker network:
 * the cluster meshes, never lists the stranger, delivers nothing from it, and counts each refusal.
 * Keys are generated here, in the test.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ZreSecureClusterIT {

    static final Duration MESH = Duration.ofSeconds(30);
    static final String GROUP = "chat";

    @TempDir
    static Path keys;

    static Network network;
    static List<ZreContainer> cluster;
    static ZreContainer stranger;

    @BeforeAll
    static void start() throws Exception {
        network = Network.newNetwork();
        Path allowed = Files.createDirectory(keys.resolve("allowed"));
        Path strangerAllowed = Files.createDirectory(keys.resolve("stranger-allowed"));
        cluster = Stream.of("alice", "bob", "carol").map(name -> secured(name, allowed)).toList();
        // the stranger would let anyone in (it allows the cluster's keys): only the cluster's allow-list keeps it out
        for (Path cert : Files.list(allowed).toList()) {
            Files.copy(cert, strangerAllowed.resolve(cert.getFileName()));
        }
        stranger = secured("stranger", strangerAllowed);
        Startables.deepStart(Stream.concat(cluster.stream(), Stream.of(stranger))).join();
    }

    /** A node with a fresh keypair whose public certificate goes into {@code allowed}. */
    private static ZreContainer secured(String name, Path allowed) {
        try {
            CurveKeyPair pair = CurveKeyPair.generate();
            Path cert = keys.resolve(name + ".cert");
            ZCert.of(pair, Map.of("name", name)).write(cert);
            Files.copy(cert, allowed.resolve(name + ".cert"));
            return new ZreContainer().withNetwork(network).withNodeName(name).withGroups(GROUP)
                    .withCurve(keys.resolve(name + ".cert_secret"), allowed);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        Stream.concat(cluster == null ? Stream.empty() : cluster.stream(), Stream.ofNullable(stranger))
                .forEach(ZreContainer::stop);
        if (network != null) {
            network.close();
        }
    }

    @Test
    void theClusterMeshesOverCurveAndNeverListsTheStranger() {
        PeerId strangerId = stranger.api().id();
        for (ZreContainer node : cluster) {
            node.await().peers(2, MESH);
            assertThat(node.api().actuator().toString()).contains("CURVE");
        }
        stranger.api().shout(GROUP, "from the stranger");
        cluster.get(0).api().shout(GROUP, "from alice");
        await("bob and carol hear alice").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (ZreContainer node : cluster.subList(1, 3)) {
                assertThat(node.api().messages()).anySatisfy(m -> assertThat(m.text()).isEqualTo("from alice"));
            }
        });
        await("each cluster node refused the stranger and counted it").atMost(MESH).untilAsserted(() -> {
            for (ZreContainer node : cluster) {
                assertThat(node.api().metric("zre.handshake.failures", "reason:not_allowed").orElse(0))
                        .as("%s refusals", node).isPositive();
            }
        });
        for (ZreContainer node : cluster) {
            assertThat(node.api().peers()).extracting(ZrePeerInfo::id).doesNotContain(strangerId).hasSize(2);
            assertThat(node.api().messages()).noneSatisfy(m -> assertThat(m.peer()).isEqualTo(strangerId));
        }
        assertThat(stranger.api().peers()).isEmpty();
    }
}
