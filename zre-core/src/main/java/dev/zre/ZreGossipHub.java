package dev.zre;

import dev.zre.internal.GossipHubRunner;
import dev.zre.security.ZreSecurity;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A standalone ZGossip hub, wire-compatible with czmq's {@code zgossip} server: nodes configured with
 * {@link ZreConfig.Builder#gossipConnect(String...)} (ours, zyre's, or czmq clients) tell it their
 * endpoint and learn everyone else's, where UDP beacons do not reach.
 *
 * <pre>{@code
 * try (ZreGossipHub hub = ZreGossipHub.start("tcp://*:9001")) {
 *     ...   // nodes: ZreConfig.builder().gossipConnect("tcp://hub-host:9001")
 * }
 * }</pre>
 *
 * <p>Beyond czmq's hub: it forgets the tuple of a node whose client (one of ours: they PING) went
 * silent for a few seconds, and a tuple whose endpoint is published again under a new UUID, so nodes
 * that have gone are not handed to newcomers. With {@link ZreSecurity#curve CURVE} the hub is a CURVE
 * server (its key pair's public key is what clients write after the endpoint:
 * {@code tcp://hub-host:9001|<Z85 public key>}) and its allow-list decides who may connect.
 */
public final class ZreGossipHub implements AutoCloseable {

    private final GossipHubRunner runner;
    private @Nullable String endpoint;

    /**
     * A hub that will bind to the endpoint when started.
     *
     * @param bindEndpoint {@code tcp://host:port}; host {@code *} for every interface, port {@code *} for any free
     *     one (see {@link #endpoint()})
     * @param security {@link ZreSecurity#none()}, or CURVE (PLAIN works between nodes of this project only)
     */
    public ZreGossipHub(String bindEndpoint, ZreSecurity security) {
        Objects.requireNonNull(bindEndpoint, "bindEndpoint");
        String problem = security.problem();
        if (problem != null) {
            throw new InvalidZreSettingException("security", String.valueOf(security), problem);
        }
        this.runner = new GossipHubRunner(bindEndpoint, security);
    }

    /** An unsecured hub (NULL mechanism, as czmq's). */
    public ZreGossipHub(String bindEndpoint) {
        this(bindEndpoint, ZreSecurity.none());
    }

    /** Creates and starts an unsecured hub. */
    public static ZreGossipHub start(String bindEndpoint) {
        ZreGossipHub hub = new ZreGossipHub(bindEndpoint);
        hub.startHub();
        return hub;
    }

    /**
     * Binds and serves on a thread of its own.
     *
     * @return the bound endpoint
     * @throws ZreException when it cannot bind (caused by the socket's error)
     */
    public synchronized String startHub() {
        endpoint = runner.start();
        return endpoint;
    }

    /** The bound endpoint (with the port chosen for {@code *}), e.g. {@code tcp://127.0.0.1:41234}. */
    public synchronized String endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("the gossip hub is not started");
        }
        return endpoint;
    }

    /** Clients the hub currently knows. */
    public int clients() {
        return runner.clients();
    }

    /** Tuples (nodes) the hub currently holds. */
    public int tuples() {
        return runner.tuples();
    }

    /** Malformed messages the hub received and dropped, for one reason. */
    public long protocolErrors(ProtocolError reason) {
        return runner.protocolErrors(reason);
    }

    /** Stops serving and closes the socket. */
    public synchronized void stop() {
        runner.stop();
        endpoint = null;
    }

    @Override
    public void close() {
        stop();
    }
}
