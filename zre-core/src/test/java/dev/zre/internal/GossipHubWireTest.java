package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ProtocolError;
import dev.zre.ZreGossipHub;
import dev.zre.protocol.GossipCodec;
import dev.zre.protocol.GossipMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Our hub driven by raw DEALERs speaking ZGossip, as czmq's clients do. */
class GossipHubWireTest {

    private final ZContext context = new ZContext(1);
    private final ZreGossipHub hub = ZreGossipHub.start("tcp://127.0.0.1:*");

    @AfterEach
    void close() {
        hub.close();
        context.close();
    }

    private ZMQ.Socket client() {
        ZMQ.Socket s = context.createSocket(SocketType.DEALER);
        s.setLinger(0);
        s.setHandshakeIvl(1000); // JeroMQ 0.6.0 may stall a new connection's handshake: rebuilt after 1 s
        s.setReceiveTimeOut(10_000);
        s.connect(hub.endpoint());
        return s;
    }

    private static void send(ZMQ.Socket s, GossipMessage m) {
        s.send(GossipCodec.encode(m));
    }

    private static GossipMessage receive(ZMQ.Socket s) throws Exception {
        byte[] frame = s.recv();
        assertThat(frame).as("a message within the timeout").isNotNull();
        return GossipCodec.decode(frame);
    }

    @Test
    void helloIsAnsweredWithEveryTupleAndAPublishIsForwardedToEveryClientOnce() throws Exception {
        ZMQ.Socket first = client();
        send(first, new GossipMessage.Hello());
        send(first, new GossipMessage.Publish("A", "tcp://10.0.0.1:5000", 0));
        assertThat(receive(first)).isEqualTo(new GossipMessage.Publish("A", "tcp://10.0.0.1:5000", 0)); // the sender too
        ZMQ.Socket second = client();
        send(second, new GossipMessage.Hello());
        assertThat(receive(second)).isEqualTo(new GossipMessage.Publish("A", "tcp://10.0.0.1:5000", 0));
        send(second, new GossipMessage.Publish("A", "tcp://10.0.0.1:5000", 0)); // identical: dropped
        send(second, new GossipMessage.Publish("B", "tcp://10.0.0.2:5000", 0));
        assertThat(receive(first)).isEqualTo(new GossipMessage.Publish("B", "tcp://10.0.0.2:5000", 0));
        assertThat(receive(second)).isEqualTo(new GossipMessage.Publish("B", "tcp://10.0.0.2:5000", 0));
    }

    @Test
    void pingIsAnsweredWithPongAndAStrangerWithInvalid() throws Exception {
        ZMQ.Socket known = client();
        send(known, new GossipMessage.Hello());
        send(known, new GossipMessage.Ping());
        assertThat(receive(known)).isEqualTo(new GossipMessage.Pong());
        ZMQ.Socket stranger = client();
        send(stranger, new GossipMessage.Publish("X", "tcp://10.0.0.9:1", 0));
        assertThat(receive(stranger)).isEqualTo(new GossipMessage.Invalid());
        send(stranger, new GossipMessage.Ping());
        assertThat(receive(stranger)).isEqualTo(new GossipMessage.Invalid());
        assertThat(hub.tuples()).isZero();
    }

    @Test
    void malformedMessagesAreCountedAndTheNextIsServed() throws Exception {
        ZMQ.Socket s = client();
        s.send(new byte[] {(byte) 0xAA, (byte) 0xA1, 1, 1});
        s.sendMore(GossipCodec.encode(new GossipMessage.Hello()));
        s.send(new byte[] {1});
        s.send(new byte[] {(byte) 0xAA, (byte) 0xA0, 2, 1, 5, 'A'});
        send(s, new GossipMessage.Hello());
        send(s, new GossipMessage.Ping());
        assertThat(receive(s)).isEqualTo(new GossipMessage.Pong());
        List<Long> counts = new ArrayList<>();
        for (ProtocolError e : List.of(ProtocolError.BAD_SIGNATURE, ProtocolError.UNEXPECTED_FRAMES, ProtocolError.TRUNCATED)) {
            counts.add(hub.protocolErrors(e));
        }
        assertThat(counts).containsExactly(1L, 1L, 1L);
    }
}
