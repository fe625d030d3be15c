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
    private final GreetingActivity greetings;

    /** @param greetings the greeting activity of the sockets' context, which each connection reports to */
    Connector(String node, SocketFactory sockets, NodeCounters stats, ProtocolErrors errors, GreetingActivity greetings,
            Supplier<ZreMessage.Hello> hello) {
        this.greetings = greetings;
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
        PeerConnection connection = openSilently(endpoint, now);
        if (connection != null) {
            sayHello(connection);
        }
        return connection;
    }

    /**
     * Opens a DEALER to replace {@code old} and sends on it, unchanged, what {@code old} sent
     * before its handshake stalled (its own HELLO first): the peer receives the stream it would have
     * received, with the same sequence numbers, and the numbering goes on from there.
     *
     * @param unsent what {@code old} sent, none of which reached the peer (see {@link PeerConnection#unconfirmed()})
     * @return the new connection, or null as for {@link #open}; a message that did not fit in the
     *     new queue ends the replay and is reported as an overflow by {@code overflow}
     */
    @Nullable PeerConnection reopen(PeerConnection old, List<PeerConnection.Sent> unsent, long now, Runnable overflow) {
        PeerConnection connection = openSilently(old.endpoint(), now);
        if (connection == null) {
            return null;
        }
        connection.continueSequenceOf(old);
        for (PeerConnection.Sent m : unsent) {
            if (connection.send(m.first(), m.content()) == PeerConnection.QUEUE_FULL) {
                overflow.run();
                break;
            }
            stats.increment(Counter.MESSAGES_RESENT);
        }
        return connection;
    }

    private @Nullable PeerConnection openSilently(String endpoint, long now) {
        PeerConnection connection;
        try {
            ConnectionProgress progress = new ConnectionProgress(greetings);
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
