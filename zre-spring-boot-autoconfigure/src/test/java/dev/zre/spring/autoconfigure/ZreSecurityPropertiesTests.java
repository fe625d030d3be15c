package dev.zre.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.HandshakeFailure;
import dev.zre.NodeState;
import dev.zre.ZreNode;
import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZCert;
import dev.zre.security.ZreSecurity;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.actuate.endpoint.ZreEndpoint;
import dev.zre.spring.actuate.metrics.ZreMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class ZreSecurityPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withPropertyValues(ZreTestProperties.loopback("secure-node", ZreTestProperties.randomBeaconPort()));

    @TempDir
    Path dir;

    @Test
    void curveFromAKeyFileRunsAndTheActuatorShowsThePublicKeyOnly() throws Exception {
        CurveKeyPair keys = CurveKeyPair.generate();
        ZCert.of(keys, Map.of("name", "secure-node")).write(this.dir.resolve("node.cert"));
        this.runner
            .withPropertyValues("zre.security.mechanism=curve",
                    "zre.security.curve.key-file=" + this.dir.resolve("node.cert_secret"),
                    "zre.security.curve.allow-dir=" + this.dir)
            .run((context) -> {
                ZreNode node = context.getBean(ZreNode.class);
                assertThat(node.state()).isEqualTo(NodeState.RUNNING);
                ZreSecurity security = node.config().security();
                assertThat(security.mechanism()).isEqualTo(ZreSecurity.Mechanism.CURVE);
                assertThat(security.keyPair()).isEqualTo(keys);
                ZreEndpoint.SecurityDescriptor described = new ZreEndpoint(node, List.of(), Show.ALWAYS).zre()
                    .node()
                    .security();
                assertThat(described.mechanism()).isEqualTo("CURVE");
                assertThat(described.publicKey()).isEqualTo(keys.publicKeyZ85());
                String json = JsonMapper.builder().build().writeValueAsString(new ZreEndpoint(node, List.of(), Show.ALWAYS).zre());
                assertThat(json).contains(keys.publicKeyZ85()).doesNotContain(keys.secretKeyZ85());
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                new ZreMetrics(node, 10).bindTo(registry);
                assertThat(registry.get("zre.handshake.failures").tag("reason", HandshakeFailure.NOT_ALLOWED.tag())
                    .functionCounter()
                    .count()).isZero();
            });
    }

    @Test
    void aMalformedSecretKeyFailsNamingThePropertyWithoutShowingIt() {
        CurveKeyPair keys = CurveKeyPair.generate();
        String badSecret = keys.secretKeyZ85().substring(0, 39);
        this.runner
            .withPropertyValues("zre.security.mechanism=curve", "zre.security.curve.public-key=" + keys.publicKeyZ85(),
                    "zre.security.curve.secret-key=" + badSecret, "zre.security.curve.allow-any=true")
            .run((context) -> {
                assertThat(context).hasFailed();
                InvalidConfigurationPropertyValueException invalid = cause(context.getStartupFailure());
                assertThat(invalid.getName()).isEqualTo("zre.security.curve.secret-key");
                assertThat(String.valueOf(invalid.getValue())).doesNotContain(badSecret);
                assertThat(invalid.getMessage()).doesNotContain(badSecret);
            });
    }

    @Test
    void aMissingKeyFileFailsNamingTheProperty() {
        this.runner
            .withPropertyValues("zre.security.mechanism=curve",
                    "zre.security.curve.key-file=" + this.dir.resolve("absent_secret"), "zre.security.curve.allow-any=true")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(cause(context.getStartupFailure()).getName()).isEqualTo("zre.security.curve.key-file");
            });
    }

    @Test
    void curveWithoutKeysOrWithoutAnAllowListFailsNamingTheProperty() throws Exception {
        this.runner.withPropertyValues("zre.security.mechanism=curve", "zre.security.curve.allow-any=true")
            .run((context) -> assertThat(cause(context.getStartupFailure()).getName())
                .isEqualTo("zre.security.curve.key-file"));
        CurveKeyPair keys = CurveKeyPair.generate();
        this.runner
            .withPropertyValues("zre.security.mechanism=curve", "zre.security.curve.public-key=" + keys.publicKeyZ85(),
                    "zre.security.curve.secret-key=" + keys.secretKeyZ85())
            .run((context) -> assertThat(cause(context.getStartupFailure()).getName())
                .isEqualTo("zre.security.curve.allow"));
        this.runner.withPropertyValues("zre.security.mechanism=plain", "zre.security.plain.username=u")
            .run((context) -> assertThat(cause(context.getStartupFailure()).getName())
                .isEqualTo("zre.security.plain.password"));
    }

    private static InvalidConfigurationPropertyValueException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationPropertyValueException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("No InvalidConfigurationPropertyValueException in " + failure, failure);
    }

}
