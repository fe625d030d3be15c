package dev.zre.internal;

import org.zeromq.ZContext;

/**
 * One JeroMQ context for every node of this JVM, created by the first node that starts and closed
 * when the last one stops. Sharing it keeps threads and descriptors low when many nodes run in one
 * process (tests, benchmarks); one I/O thread is ample for ZRE's traffic.
 */
final class SharedContext {

    private static ZContext context;
    private static int users;

    private SharedContext() {
    }

    static synchronized ZContext acquire() {
        if (context == null) {
            context = new ZContext(1);
            context.setLinger(0);
        }
        users++;
        return context;
    }

    static synchronized void release() {
        if (--users == 0) {
            ZContext c = context;
            context = null;
            c.close();
        }
    }
}
