package dev.zre.internal;

import dev.zre.InvalidZreSettingException;
import dev.zre.ZreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.Msg;
import zmq.SocketBase;

/**
 * The node's ROUTER: where every peer's DEALER delivers. It binds to the node's interface and hands
 * each whole multipart message, with the sender's identity, to the actor.
 */
final class Mailbox {

    /** Receives one message: the sender's identity frame and the ZRE frames after it. */
    interface Handler {
        void message(byte[] from, List<byte[]> frames);
    }

    private static final int MIN_DYNAMIC_PORT = 0xC000;
    private static final int MAX_DYNAMIC_PORT = 0xFFFF;
    private static final long BIND_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ZMQ.Socket router;
    private final String endpoint;
    private final int port;

    private Mailbox(ZMQ.Socket router, String host, int port) {
        this.router = router;
        this.port = port;
        this.endpoint = "tcp://" + host + ":" + port;
    }

    /**
     * Binds a new ROUTER on the host, to {@code port} or, when it is 0, to a free port of the dynamic
     * range as zyre does.
     *
     * @throws InvalidZreSettingException naming the {@code mailboxPort} setting when the port cannot be bound
     */
    static Mailbox bind(SocketFactory sockets, String host, int port) {
        ZMQ.Socket router = sockets.mailbox();
        try {
            int bound;
            if (port == 0) {
                bound = router.bindToRandomPort("tcp://" + host, MIN_DYNAMIC_PORT, MAX_DYNAMIC_PORT);
            } else {
                bindFixedPort(router, "tcp://" + host + ":" + port);
                bound = port;
            }
            return new Mailbox(router, host, bound);
        } catch (RuntimeException e) {
            sockets.destroy(router);
            throw InvalidZreSettingException.unusable("mailboxPort", String.valueOf(port),
                    "cannot bind tcp://" + host + ":" + (port == 0 ? "<49152..65535>" : port) + ": " + e.getMessage(),
                    "a free port, or 0 for any free port", e);
        }
    }

    /**
     * Binds a configured port. JeroMQ closes a stopped node's listener on its I/O thread a moment
     * after {@code stop()} returns, so a node restarted on the same port retries for a short while.
     */
    private static void bindFixedPort(ZMQ.Socket router, String address) {
        long deadline = System.nanoTime() + BIND_RETRY_NANOS;
        while (true) {
            try {
                router.bind(address);
                return;
            } catch (ZMQException e) {
                if (e.getErrorCode() != ZMQ.Error.EADDRINUSE.getCode() || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZreException("interrupted while binding " + address);
            }
        }
    }

    /** The endpoint peers connect to, {@code tcp://host:port}. */
    String endpoint() {
        return endpoint;
    }

    int port() {
        return port;
    }

    /** The actor calls {@link #receive} on every turn, so the poll only needs to wake for it. */
    void register(ActorPoller poller) {
        poller.registerDrained(router);
    }

    /**
     * Receives up to {@code batch} messages without waiting, each drained whole, good or bad.
     *
     * @return how many were received: {@code batch} when more may be waiting
     */
    int receive(int batch, Handler handler) {
        SocketBase socket = router.base(); // its Msg carries the more-flag: no option lookup per frame
        for (int i = 0; i < batch; i++) {
            Msg from = socket.recv(ZMQ.DONTWAIT);
            if (from == null) {
                return i;
            }
            List<byte[]> frames = new ArrayList<>(3);
            boolean more = from.hasMore();
            while (more) {
                Msg frame = socket.recv(0); // the rest of a message is there once its first frame is
                if (frame == null) {
                    break;
                }
                frames.add(frame.data());
                more = frame.hasMore();
            }
            handler.message(from.data(), frames);
        }
        return batch;
    }

    void close(SocketFactory sockets) {
        sockets.destroy(router);
    }
}
