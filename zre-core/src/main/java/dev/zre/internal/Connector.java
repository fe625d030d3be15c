package dev.zre.internal;

import dev.zre.ProtocolError;
import dev.zre.ZreStatistics.Counter;
import dev.zre.protocol.Command;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to peers' mailboxes and sends on them, counting what was sent. The one place
 * where a message becomes frames on a DEALER, for known peers and for configured endpoints alike.
 */
final class Connector {

    private static final Logger log = LoggerFactory.getLogger(Connector.class);

    private final String node;
    private final SocketFactory sockets;
    private final NodeCounters stats;
    private final ProtocolErrors errors;
    private final Supplier<ZreMessage.Hello> hello;

    Connector(String node, SocketFactory sockets, NodeCounters stats, ProtocolErrors errors,
            Supplier<ZreMessage.Hello> hello) {
        this.node = node;
        this.sockets = sockets;
        this.stats = stats;
        this.errors = errors;
        this.hello = hello;
    }

    /**
     * Opens a DEALER to the endpoint and says HELLO on it (sequence 1).
     *
     * @return the connection, or null when no socket could be had (counted as a refused peer) or
     *     the endpoint cannot be connected to (counted as a bad endpoint)
     */
    @Nullable PeerConnection open(String endpoint, long now) {
        PeerConnection connection;
        try {
            ConnectionProgress progress = new ConnectionProgress();
            connection = new PeerConnection(sockets.connect(endpoint, progress, ConnectionProgress.EVENTS), endpoint, now,
                    progress);
        } catch (IllegalArgumentException e) {
            errors.report(ProtocolError.BAD_ENDPOINT, "cannot connect to '" + endpoint + "': " + e.getMessage());
            return null;
        } catch (RuntimeException e) { // JeroMQ's socket limit or the process's descriptors ran out
            stats.increment(Counter.PEERS_REFUSED);
            log.warn("ZRE node '{}': no socket for a connection to {} ({})", node, endpoint, e.getMessage());
            return null;
        }
        sayHello(connection);
        return connection;
    }

    /** Introduces us (again) on the connection: HELLO with sequence 1. */
    void sayHello(PeerConnection connection) {
        connection.restartSequence();
        send(connection, hello.get());
    }

    /** Sends a message with the connection's next sequence; false when its queue was full. */
    boolean send(PeerConnection connection, ZreMessage message) {
        byte[] first = ZreCodec.encodeFirstFrame(message, connection.nextSequence());
        List<byte[]> content = message instanceof ZreMessage.Whisper w ? w.content() : List.of();
        return send(connection, message.command(), first, content);
    }

    /** Sends a first frame that already carries its sequence, and the content; false when the queue was full. */
    boolean send(PeerConnection connection, Command command, byte[] first, List<byte[]> content) {
        long bytes = connection.send(first, content);
        if (bytes == PeerConnection.QUEUE_FULL) {
            return false;
        }
        stats.messageSent(command, bytes);
        return true;
    }
}
