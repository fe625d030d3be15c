package dev.zre.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Network;

/**
 * Breaks the node in a {@link ZreContainer} the ways real nodes and networks break, through the Docker
 * API, as {@link ZreContainer#faults()} returns it:
 *
 * <pre>{@code
 * carol.faults().pause();        // falls silent without leaving
 * carol.faults().unpause();
 * carol.faults().disconnect();   // a partition: eth0 disappears
 * carol.faults().reconnect();    // ... and comes back with the same address
 * carol.faults().kill();         // SIGKILL: no goodbye
 * }</pre>
 *
 * <p>A killed or stopped container stays until {@link ZreContainer#stop()}; {@code stop()} then
 * {@code start()} runs a fresh node with a new id.
 */
public final class ZreFaults {

    private final ZreContainer container;
    private @Nullable String disconnectedIp;

    ZreFaults(ZreContainer container) {
        this.container = container;
    }

    /** Freezes every process in the container ({@code docker pause}); the node falls silent without leaving. */
    public void pause() {
        docker().pauseContainerCmd(container.getContainerId()).exec();
    }

    /** Resumes a paused container ({@code docker unpause}). */
    public void unpause() {
        docker().unpauseContainerCmd(container.getContainerId()).exec();
    }

    /** Whether the container is paused ({@link #pause()}) right now. */
    public boolean isPaused() {
        return Boolean.TRUE.equals(docker().inspectContainerCmd(container.getContainerId()).exec().getState().getPaused());
    }

    /**
     * Kills the app with SIGKILL ({@code docker kill}): it cannot say goodbye. The container stays
     * until {@link ZreContainer#stop()}.
     */
    public void kill() {
        docker().killContainerCmd(container.getContainerId()).exec();
    }

    /**
     * Stops the app with SIGTERM and waits for it to exit ({@code docker stop}), so it can leave
     * gracefully. The container stays until {@link ZreContainer#stop()}.
     *
     * @param timeout how long Docker waits before it sends SIGKILL
     */
    public void stopGracefully(Duration timeout) {
        docker().stopContainerCmd(container.getContainerId()).withTimeout((int) Math.max(1, timeout.toSeconds())).exec();
    }

    /**
     * Cuts the container off its network (a partition): its {@code eth0} disappears. Remembers the
     * address so that {@link #reconnect()} restores it.
     */
    public void disconnect() {
        Network network = container.requireNetwork();
        disconnectedIp = container.ipAddress();
        docker().disconnectFromNetworkCmd().withContainerId(container.getContainerId()).withNetworkId(network.getId())
                .withForce(true).exec();
    }

    /**
     * Connects the container to its network again after {@link #disconnect()} (the partition heals).
     * Docker hands out the lowest free address of the network, which is the old one unless another
     * container took it meanwhile; the node's mailbox is bound to the old address, so a different one
     * is an error. Docker publishes the HTTP port again on a new host port, which the container's
     * {@link ZreContainer#api() API client} picks up.
     *
     * @throws IllegalStateException when the container is not disconnected or came back with another address
     */
    public void reconnect() {
        Network network = container.requireNetwork();
        String ip = disconnectedIp;
        if (ip == null) {
            throw new IllegalStateException(container + " is not disconnected");
        }
        // A fixed address (Ipam.withIpv4Address) needs a network with a user-configured subnet; the
        // networks of Network.newNetwork() come from the daemon's pool, so let Docker pick.
        docker().connectToNetworkCmd().withContainerId(container.getContainerId()).withNetworkId(network.getId())
                .withContainerNetwork(new ContainerNetwork().withAliases(container.getNetworkAliases()))
                .exec();
        disconnectedIp = null;
        container.refreshContainerInfo();
        String now = container.ipAddress();
        if (!ip.equals(now)) {
            throw new IllegalStateException(container + " came back as " + now + ", not " + ip
                    + "; its node still listens on the old address");
        }
    }

    /** Forgets a disconnect: the container was stopped, so its next start is on the network again. */
    void reset() {
        disconnectedIp = null;
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }
}
