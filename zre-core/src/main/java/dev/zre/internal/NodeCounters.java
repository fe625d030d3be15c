package dev.zre.internal;

import dev.zre.ExitReason;
import dev.zre.HandshakeFailure;
import dev.zre.MessageType;
import dev.zre.ProtocolError;
import dev.zre.ZreStatistics.Counter;
import dev.zre.protocol.Command;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The writing side of a node's counters: the engine counts here, and the public, read-only
 * {@link dev.zre.ZreStatistics} reads the same numbers. Safe for any thread; every counter only
 * grows.
 */
// counters are lock-free AtomicLongArrays indexed by each closed enum's ordinal, sized by values()
@SuppressWarnings("EnumOrdinal")
public final class NodeCounters {

    /** The public message type of each wire command, by the command's ordinal. */
    private static final MessageType[] TYPE_OF_COMMAND = new MessageType[Command.values().length];

    static {
        for (Command c : Command.values()) {
            TYPE_OF_COMMAND[c.ordinal()] = MessageType.valueOf(c.name());
        }
    }

    private final AtomicLongArray sent = new AtomicLongArray(MessageType.values().length);
    private final AtomicLongArray received = new AtomicLongArray(MessageType.values().length);
    private final AtomicLongArray errors = new AtomicLongArray(ProtocolError.values().length);
    private final AtomicLongArray exits = new AtomicLongArray(ExitReason.values().length);
    private final AtomicLongArray counters = new AtomicLongArray(Counter.values().length);
    private final AtomicLongArray handshakeFailures = new AtomicLongArray(HandshakeFailure.values().length);

    /** The public message type of a wire command. */
    public static MessageType typeOf(Command command) {
        return TYPE_OF_COMMAND[command.ordinal()];
    }

    public void messageSent(Command command, long bytes) {
        sent.incrementAndGet(typeOf(command).ordinal());
        counters.addAndGet(Counter.BYTES_SENT.ordinal(), bytes);
    }

    public void messageReceived(Command command, long bytes) {
        received.incrementAndGet(typeOf(command).ordinal());
        counters.addAndGet(Counter.BYTES_RECEIVED.ordinal(), bytes);
    }

    public void protocolError(ProtocolError error) {
        errors.incrementAndGet(error.ordinal());
    }

    public void peerExited(ExitReason reason) {
        exits.incrementAndGet(reason.ordinal());
    }

    public void handshakeFailed(HandshakeFailure reason) {
        handshakeFailures.incrementAndGet(reason.ordinal());
    }

    public void increment(Counter counter) {
        counters.incrementAndGet(counter.ordinal());
    }

    public void add(Counter counter, long delta) {
        counters.addAndGet(counter.ordinal(), delta);
    }

    // ---------------------------------------------------------------- read by ZreStatistics

    public long sent(MessageType type) {
        return sent.get(type.ordinal());
    }

    public long received(MessageType type) {
        return received.get(type.ordinal());
    }

    public long errors(ProtocolError error) {
        return errors.get(error.ordinal());
    }

    public long exits(ExitReason reason) {
        return exits.get(reason.ordinal());
    }

    public long handshakeFailures(HandshakeFailure reason) {
        return handshakeFailures.get(reason.ordinal());
    }

    public long get(Counter counter) {
        return counters.get(counter.ordinal());
    }
}
