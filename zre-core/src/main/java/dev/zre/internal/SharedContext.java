package dev.zre.internal;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;

/**
 * One JeroMQ context for every node of this JVM, created by the first node that starts and closed
 * when the last one stops. Sharing it keeps threads and descriptors low when many nodes run in one
 * process (tests, benchmarks). Two I/O threads where there are two cores: one is ample for ZRE's
 * traffic, but a burst of hundreds of new connections (many nodes meshing at once) must finish its
 * handshakes within the handshake interval.
 */
final class SharedContext {

    /** Sockets of all nodes of this JVM together (JeroMQ's default is 1024); descriptors are the real limit. */
    static final int MAX_SOCKETS = 16_384;

    private static @Nullable ZContext context;
    private static GreetingActivity greetings = new GreetingActivity();
    private static int users;

    private SharedContext() {
    }

    static synchronized ZContext acquire() {
        ZContext c = context;
        if (c == null) {
            c = new ZContext(Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1);
            c.setLinger(0);
            // JeroMQ allows 1024 sockets per context by default, and each node has one per peer: 50
            // meshed nodes in one JVM need 2,500, a node flooded with made-up beacons up to maxPeers.
            c.getContext().setMaxSockets(MAX_SOCKETS);
            context = c;
            greetings = new GreetingActivity();
        }
        users++;
        return c;
    }

    /** The greetings on the shared context's I/O threads, for every node that uses it. */
    static synchronized GreetingActivity greetings() {
        return greetings;
    }

    static synchronized void release() {
        if (--users == 0) {
            ZContext c = context;
            context = null;
            if (c != null) {
                c.close();
            }
        }
    }
}
