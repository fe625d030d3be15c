package dev.zre.internal;

import dev.zre.ProtocolError;
import dev.zre.ZreException;
import dev.zre.security.ZreSecurity;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A {@link GossipHub} on a thread of its own with a context of its own (and, when secured, its own
 * ZAP handler): the engine behind the public {@code ZreGossipHub}.
 */
public final class GossipHubRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GossipHubRunner.class);
    private static final long MAX_WAIT_MILLIS = 100; // how soon the thread notices stop()

    private final String bindEndpoint;
    private final ZreSecurity security;
    private final NodeCounters counters = new NodeCounters();
    private volatile boolean running;
    private volatile int clients;
    private volatile int tuples;
    private @Nullable Thread thread;
    private @Nullable String endpoint;

    public GossipHubRunner(String bindEndpoint, ZreSecurity security) {
        this.bindEndpoint = bindEndpoint;
        this.security = security;
    }

    /**
     * Binds and starts serving.
     *
     * @return the bound endpoint
     * @throws ZreException when the hub cannot bind
     */
    public synchronized String start() {
        if (thread != null) {
            return java.util.Objects.requireNonNull(endpoint);
        }
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<@Nullable Object> result = new AtomicReference<>();
        running = true;
        Thread t = new Thread(() -> run(started, result), "zre-gossip-hub");
        t.setDaemon(true);
        t.start();
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            throw new ZreException("interrupted while starting the gossip hub");
        }
        Object r = result.get();
        if (r instanceof RuntimeException e) {
            running = false;
            throw new ZreException("gossip hub cannot bind " + bindEndpoint + ": " + e.getMessage(), e);
        }
        String bound = (String) java.util.Objects.requireNonNull(r);
        this.thread = t;
        this.endpoint = bound;
        return bound;
    }

    private void run(CountDownLatch bound, AtomicReference<@Nullable Object> result) {
        ProtocolErrors errors = new ProtocolErrors("gossip-hub", counters);
        try (ZContext context = new ZContext(1)) {
            context.setLinger(0);
            TransportSecurity transport = RunningNode.transport(security, new PeerKeys());
            ZapHandler zap = null;
            GossipHub hub;
            try {
                if (transport.secured()) {
                    zap = new ZapHandler(context, security, new AllowList(security.allowedKeys(),
                            security.allowDirectory()), counters);
                }
                hub = GossipHub.bind(context, bindEndpoint, transport,
                        (int) Duration.ofSeconds(2).toMillis(), (key, value) -> log.debug("tuple {} = {}", key, value),
                        errors::report);
            } catch (RuntimeException e) {
                if (zap != null) {
                    zap.close();
                }
                result.set(e);
                bound.countDown();
                return;
            }
            result.set(hub.endpoint());
            bound.countDown();
            log.info("ZRE gossip hub listening at {}, security {}", hub.endpoint(), transport);
            ActorPoller poller = new ActorPoller();
            hub.register(poller);
            if (zap != null) {
                zap.register(poller);
            }
            while (running && !Thread.currentThread().isInterrupted()) {
                long wait = TimeUnit.NANOSECONDS.toMillis(hub.nextDeadline() - System.nanoTime()) + 1;
                poller.poll(Math.max(0, Math.min(MAX_WAIT_MILLIS, wait)));
                if (zap != null) {
                    zap.receive(poller);
                }
                hub.receive(poller);
                long now = System.nanoTime();
                if (now - hub.nextDeadline() >= 0) {
                    hub.onTimer(now);
                }
                clients = hub.clientCount();
                tuples = hub.tupleCount();
            }
            poller.close();
            hub.close();
            if (zap != null) {
                zap.close();
            }
        } catch (RuntimeException e) {
            log.warn("gossip hub stopped on an error", e);
            result.compareAndSet(null, e);
            bound.countDown();
        }
    }

    /** The clients the hub currently knows. */
    public int clients() {
        return clients;
    }

    /** The tuples the hub currently holds. */
    public int tuples() {
        return tuples;
    }

    /** Malformed messages received, by reason. */
    public long protocolErrors(ProtocolError reason) {
        return counters.errors(reason);
    }

    /** Stops serving and closes the socket; waits for the thread. */
    public synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public void close() {
        stop();
    }
}
