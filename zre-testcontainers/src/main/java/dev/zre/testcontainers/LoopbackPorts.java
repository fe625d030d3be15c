package dev.zre.testcontainers;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;

/**
 * Keeps a container's published ports on the loopback interface when Docker runs on this machine.
 * Testcontainers asks Docker for an unqualified binding, which the daemon may put on every interface
 * (its {@code "ip"} default did not apply to it here: ports ended up on {@code 0.0.0.0} and
 * {@code [::]}). With a remote daemon the bindings stay as they are.
 */
final class LoopbackPorts {

    static final String LOOPBACK = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A create-command modifier: rewrites every port binding to {@code 127.0.0.1} on a local daemon. */
    static void bind(CreateContainerCmd cmd) {
        HostConfig hostConfig = cmd.getHostConfig();
        if (!localDaemon() || hostConfig == null || hostConfig.getPortBindings() == null) {
            return;
        }
        Ports loopback = new Ports();
        hostConfig.getPortBindings().getBindings().forEach((port, bindings) -> {
            if (bindings == null || bindings.length == 0) {
                loopback.bind(port, Ports.Binding.bindIp(LOOPBACK));
                return;
            }
            for (Ports.Binding binding : bindings) {
                loopback.bind(port, new Ports.Binding(LOOPBACK, binding.getHostPortSpec()));
            }
        });
        hostConfig.withPortBindings(loopback);
    }

    /** Whether the daemon is reached through a local socket, so its published ports are on this machine. */
    static boolean localDaemon() {
        String scheme = DockerClientFactory.instance().getTransportConfig().getDockerHost().getScheme();
        return "unix".equals(scheme) || "npipe".equals(scheme);
    }
}
