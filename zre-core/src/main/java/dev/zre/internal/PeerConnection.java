package dev.zre.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * Our DEALER to one peer's mailbox and the sequence numbers we send on it (HELLO is 1). Sends never
 * block: a full queue is reported to the caller, which treats it as an overflow.
 *
 * <p>Until JeroMQ reports the peer's ZMTP greeting nothing sent on the DEALER can have reached the
 * peer, so the connection keeps what it sent until then: when a stalled handshake makes the node
 * replace the connection, the new one sends exactly the same stream again (HELLO first, the same
 * sequence numbers), and nothing queued on the stalled one is lost.
 */
final class PeerConnection {

    /** One message as it went out: its first frame (sequence included) and its content frames. */
    static final class Sent {

        private final byte[] first;
        private final List<byte[]> content;

        Sent(byte[] first, List<byte[]> content) {
            this.first = first;
            this.content = content;
        }

        byte[] first() {
            return first;
        }

        List<byte[]> content() {
            return content;
        }
    }

    /** What {@link #send} returns when the peer's queue was full and nothing was sent. */
    static final long QUEUE_FULL = -1;

    private final ZMQ.Socket dealer;
    private final String endpoint;
    private final long openedAt;
    private final ConnectionProgress progress;
    private int sentSequence;
    private long stallDeadline;
    private long helloDeadline;
    private boolean handshakeRecorded;
    /** Whether JeroMQ refused a frame of the current {@link #send} with EINTR (the flag is to be restored). */
    private boolean interruptedWhileSending;
    /** What was sent while the greeting had not come yet; null once it came. */
    private @Nullable List<Sent> unconfirmed = new ArrayList<>();

    PeerConnection(ZMQ.Socket dealer, String endpoint, long openedAt, ConnectionProgress progress) {
        this.dealer = dealer;
        this.endpoint = endpoint;
        this.openedAt = openedAt;
        this.progress = progress;
    }

    /** What JeroMQ has reported about this connection so far. */
    ConnectionProgress progress() {
        return progress;
    }

    /** The stall deadline of this connection, fixed when first asked for (jitter included). */
    long stallDeadline(java.util.function.LongSupplier deadline) {
        if (stallDeadline == 0) {
            stallDeadline = deadline.getAsLong();
        }
        return stallDeadline;
    }

    /** The HELLO deadline of this connection, fixed when first asked for (jitter included). */
    long helloDeadline(java.util.function.LongSupplier deadline) {
        if (helloDeadline == 0) {
            helloDeadline = deadline.getAsLong();
        }
        return helloDeadline;
    }

    /** Whether its handshake time went into the monitor's samples already. */
    boolean handshakeRecorded() {
        return handshakeRecorded;
    }

    void markHandshakeRecorded() {
        handshakeRecorded = true;
        unconfirmed = null;
    }

    /**
     * What was sent on this connection, in order, if the peer's greeting has not come yet (so none
     * of it can have arrived); empty once it came.
     */
    List<Sent> unconfirmed() {
        List<Sent> sent = unconfirmed;
        return sent == null || progress.everGreeted() ? List.of() : List.copyOf(sent);
    }

    /** A connection that replaces {@code old} goes on with its numbering (after its stream was sent again). */
    void continueSequenceOf(PeerConnection old) {
        sentSequence = old.sentSequence;
    }

    /** The endpoint this DEALER connects to. */
    String endpoint() {
        return endpoint;
    }

    /** When the DEALER was opened (monotonic nanos), for the HELLO deadline. */
    long openedAt() {
        return openedAt;
    }

    /** The next outgoing sequence number, wrapping at 65536 like zyre. */
    int nextSequence() {
        sentSequence = (sentSequence + 1) & 0xFFFF;
        return sentSequence;
    }

    /** Starts the numbering again: the next message (our HELLO) carries 1. */
    void restartSequence() {
        sentSequence = 0;
    }

    /**
     * Sends one ZRE message: its first frame, then the content frames.
     *
     * @return the bytes sent, or {@link #QUEUE_FULL} when the first frame did not fit
     */
    long send(byte[] first, List<byte[]> content) {
        List<Sent> sent = unconfirmed;
        if (sent != null && progress.everGreeted()) {
            unconfirmed = null; // greeted: from now on JeroMQ delivers what is queued, or the peer sees a gap
            sent = null;
        }
        int last = content.size() - 1;
        try {
            if (!sendFrame(first, last >= 0 ? ZMQ.SNDMORE | ZMQ.DONTWAIT : ZMQ.DONTWAIT)) {
                return QUEUE_FULL;
            }
            long bytes = first.length;
            for (int i = 0; i <= last; i++) {
                byte[] frame = content.get(i);
                bytes += frame.length;
                sendFrame(frame, i < last ? ZMQ.SNDMORE | ZMQ.DONTWAIT : ZMQ.DONTWAIT);
            }
            if (sent != null) {
                sent.add(new Sent(first, content));
            }
            return bytes;
        } finally {
            if (interruptedWhileSending) {
                interruptedWhileSending = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sends one frame. JeroMQ answers EINTR, without sending, when the sending thread is interrupted
     * (and clears the flag); an application thread may be. The frame is sent again, since half a
     * message must never stay on the socket, and {@link #send} restores the flag once it is done.
     */
    private boolean sendFrame(byte[] frame, int flags) {
        while (true) {
            try {
                return dealer.send(frame, flags);
            } catch (ZMQException e) {
                if (e.getErrorCode() != ZError.EINTR) {
                    throw e;
                }
                interruptedWhileSending = true;
            }
        }
    }

    /** Lets messages still queued go out for up to this long once the connection is closed. */
    void lingerFor(int millis) {
        dealer.setLinger(millis);
    }

    /**
     * Closes the DEALER. {@code close()}, not {@code ZContext.destroySocket()}: that would reset the
     * linger a GOODBYE or LEAVE was given.
     */
    void close() {
        progress.closed();
        dealer.close();
    }
}
