package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * {@link ActorPoller} against real JeroMQ sockets. The "signal in flight" state (JeroMQ's signaller
 * has written its byte but not yet counted it) is made by writing that byte into the socket's
 * signalling pipe, as the signaller does first: the descriptor is then readable and the socket has
 * nothing, exactly what a reader woken in between sees.
 */
class ActorPollerTest {

    private ZContext context;
    private ZMQ.Socket router;
    private final AtomicInteger gaveWay = new AtomicInteger();
    private ActorPoller poller;

    @BeforeEach
    void open() {
        context = new ZContext(1);
        router = context.createSocket(SocketType.ROUTER);
        router.bind("inproc://actor-poller-test");
        poller = new ActorPoller(gaveWay::incrementAndGet);
    }

    @AfterEach
    void close() {
        poller.close();
        context.close();
    }

    @Test
    void aWakeUpThatFoundTheDrainedSocketEmptyMakesTheNextPollGiveWayOnce() throws Exception {
        poller.registerDrained(router);
        writeSignalByteNotYetCounted(router);

        poller.poll(10_000); // returns at once: the descriptor is readable
        assertThat(router.base().recv(ZMQ.DONTWAIT)).as("nothing to read").isNull();
        poller.drainedWasEmpty();
        poller.poll(0);
        assertThat(gaveWay).hasValue(1);

        poller.poll(0); // the owner did not report another empty read
        assertThat(gaveWay).hasValue(1);
    }

    @Test
    void aWakeUpThatBroughtMessagesDoesNotGiveWay() {
        poller.registerDrained(router);
        try (ZMQ.Socket dealer = context.createSocket(SocketType.DEALER)) {
            dealer.connect("inproc://actor-poller-test");
            dealer.send("hello");
            poller.poll(10_000);
            assertThat(router.recv(0)).as("identity").isNotNull();
            assertThat(router.recvStr(0)).isEqualTo("hello");
            poller.poll(0);
            assertThat(gaveWay).hasValue(0);
        }
    }

    @Test
    void anEmptyReportFromANonReadyDescriptorDoesNotGiveWay() {
        poller.registerDrained(router);
        poller.poll(0);
        poller.drainedWasEmpty(); // nothing woke us: an ordinary turn with nothing to read
        poller.poll(0);
        assertThat(gaveWay).hasValue(0);
    }

    @Test
    void aRegisteredSocketWhoseDescriptorWokeUsWithNothingToReadMakesTheNextPollGiveWay() throws Exception {
        int index = poller.register(router);
        writeSignalByteNotYetCounted(router);

        poller.poll(10_000);
        assertThat(poller.pollin(index)).as("the socket itself has nothing").isFalse();
        poller.poll(0);
        assertThat(gaveWay).hasValue(1);
    }

    /** What JeroMQ's signaller does first when it signals a command: one byte into its pipe. */
    private static void writeSignalByteNotYetCounted(ZMQ.Socket socket) throws Exception {
        Object mailbox = field(socket.base(), zmq.SocketBase.class, "mailbox");
        Object signaler = field(mailbox, mailbox.getClass(), "signaler");
        Pipe.SinkChannel sink = (Pipe.SinkChannel) field(signaler, signaler.getClass(), "w");
        assertThat(sink.write(ByteBuffer.wrap(new byte[] {0}))).isEqualTo(1);
    }

    private static Object field(Object owner, Class<?> type, String name) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
