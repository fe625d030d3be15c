package dev.zre.benchmarks;

import dev.zre.ZreConfig;
import dev.zre.ZreNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Network safety in one place: ZRE nodes only on the loopback interface with a random beacon port
 * in 20000..29999 (a fresh one per scenario), raw JeroMQ only on tcp://127.0.0.1.
 */
final class Loopback {

    static final String RAW_HOST = "tcp://127.0.0.1";
    /** The handshake interval the node uses too (the JeroMQ stall workaround, see the protocol notes). */
    static final int HANDSHAKE_IVL_MS = 1000;

    private Loopback() {
    }

    static int randomBeaconPort() {
        return ThreadLocalRandom.current().nextInt(20000, 30000);
    }

    /** A loopback node configuration on the given beacon port. */
    static ZreConfig.Builder node(String name, int beaconPort) {
        return ZreConfig.builder()
                .name(name)
                .networkInterface(ZreConfig.LOOPBACK)
                .beaconPort(beaconPort);
    }

    /** A ROUTER bound to a random port on 127.0.0.1, configured like the node's mailbox. */
    static ZMQ.Socket router(ZContext ctx, int hwm) {
        ZMQ.Socket r = ctx.createSocket(SocketType.ROUTER);
        r.setRouterHandover(true);
        r.setHandshakeIvl(HANDSHAKE_IVL_MS);
        r.setRcvHWM(hwm);
        r.setLinger(0);
        r.bindToRandomPort(RAW_HOST, 0xC000, 0xFFFF);
        return r;
    }

    /** A DEALER with a ZRE-style identity connected to a ROUTER's endpoint, configured like the node's peer DEALER. */
    static ZMQ.Socket dealer(ZContext ctx, byte[] identity, String endpoint, int hwm) {
        if (!endpoint.startsWith(RAW_HOST + ":")) {
            throw new IllegalArgumentException("benchmarks connect to 127.0.0.1 only: " + endpoint);
        }
        ZMQ.Socket d = ctx.createSocket(SocketType.DEALER);
        d.setIdentity(identity);
        d.setSndHWM(hwm);
        d.setHandshakeIvl(HANDSHAKE_IVL_MS);
        d.setLinger(0);
        d.connect(endpoint);
        return d;
    }

    static String endpointOf(ZMQ.Socket router) {
        return router.getLastEndpoint();
    }

    /** 0x01 followed by 16 bytes, as a ZRE DEALER identity. */
    static byte[] identity(int n) {
        byte[] id = new byte[17];
        id[0] = 1;
        id[13] = (byte) (n >>> 24);
        id[14] = (byte) (n >>> 16);
        id[15] = (byte) (n >>> 8);
        id[16] = (byte) n;
        id[1] = (byte) 0x5A;
        return id;
    }

    /** Polls a condition every few milliseconds; false when the timeout passed first. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** Stops nodes in parallel (each stop waits for its own threads). */
    static void stopAll(List<ZreNode> nodes) {
        nodes.parallelStream().forEach(ZreNode::stop);
    }

    /**
     * A ZRE v1 beacon, written by hand from RFC 36 (the codec is zre-core's internal business):
     * {@code "ZRE"}, version 1, the 16 UUID bytes, the mailbox port (big-endian).
     */
    static byte[] beacon(java.util.UUID uuid, int port) {
        return java.nio.ByteBuffer.allocate(22).put((byte) 'Z').put((byte) 'R').put((byte) 'E').put((byte) 1)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).putShort((short) port)
                .array();
    }
}
