package dev.zre.internal;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZContext;

/**
 * A JeroMQ context shared by nodes of this JVM, created by the first of them that starts and closed
 * when the last one stops. Sharing keeps threads and descriptors low when many nodes run in one
 * process (tests, benchmarks).
 *
 * <p>Nodes with the automatic setting ({@code ioThreads} 0) share contexts of one I/O thread each, at
 * most {@link #NODES_PER_AUTOMATIC_CONTEXT} nodes per context. One I/O thread serving both
 * directions of a connection gives the shortest latency tail (zre-benchmarks' README has the
 * figures), and many nodes meshing at once still get an I/O thread per few nodes for their
 * handshakes. Nodes that ask for a number of I/O threads share one context with that many.
 */
final class SharedContext {

    /** Sockets of the nodes of one context together (JeroMQ's default is 1024); descriptors are the real limit. */
    static final int MAX_SOCKETS = 16_384;

    /** Nodes with the automatic setting per context of one I/O thread. */
    static final int NODES_PER_AUTOMATIC_CONTEXT = 8;

    private static final List<SharedContext> open = new ArrayList<>();

    private final ZContext context;
    private final GreetingActivity greetings = new GreetingActivity();
    private final int ioThreads;
    private final boolean automatic;
    /** Nodes using it; guarded by the class. */
    private int users;

    private SharedContext(int ioThreads, boolean automatic) {
        this.ioThreads = ioThreads;
        this.automatic = automatic;
        this.context = new ZContext(ioThreads);
        context.setLinger(0);
        // JeroMQ allows 1024 sockets per context by default, and each node has one per peer: 50
        // meshed nodes need 2,500, a node flooded with made-up beacons up to maxPeers.
        context.getContext().setMaxSockets(MAX_SOCKETS);
    }

    /**
     * A context for a node with this {@code ioThreads} setting: one with room among the automatic
     * ones for 0, the one with that many I/O threads otherwise; created if there is none.
     */
    static synchronized SharedContext acquire(int ioThreadsSetting) {
        for (SharedContext c : open) {
            boolean fits = ioThreadsSetting == 0 ? c.automatic && c.users < NODES_PER_AUTOMATIC_CONTEXT
                    : !c.automatic && c.ioThreads == ioThreadsSetting;
            if (fits) {
                c.users++;
                return c;
            }
        }
        SharedContext c = new SharedContext(ioThreadsFor(ioThreadsSetting), ioThreadsSetting == 0);
        c.users++;
        open.add(c);
        return c;
    }

    /** The I/O threads of a context for a node's {@code ioThreads} setting: the setting itself, one for 0. */
    static int ioThreadsFor(int ioThreadsSetting) {
        return ioThreadsSetting == 0 ? 1 : ioThreadsSetting;
    }

    ZContext context() {
        return context;
    }

    /** The greetings on this context's I/O threads, for every node that uses it. */
    GreetingActivity greetings() {
        return greetings;
    }

    /** Lets go of it; the last node to do so closes it. */
    void release() {
        synchronized (SharedContext.class) {
            if (--users == 0) {
                open.remove(this);
                context.close();
            }
        }
    }

    /** How many nodes use a context that was asked for with this many I/O threads (0 while there is none). */
    static synchronized int usersOfExplicit(int ioThreads) {
        int users = 0;
        for (SharedContext c : open) {
            if (!c.automatic && c.ioThreads == ioThreads) {
                users += c.users;
            }
        }
        return users;
    }
}
