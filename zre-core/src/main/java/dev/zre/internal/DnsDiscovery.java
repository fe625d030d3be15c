package dev.zre.internal;

import dev.zre.ZreConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery by DNS name (a Kubernetes headless service, a Docker network alias): the name is
 * resolved every interval to its A/AAAA records, and each address becomes a candidate mailbox
 * {@code tcp://address:port} reported as an endpoint (the HELLO of whoever answers says who it is).
 *
 * <p>Resolving blocks, so it runs on a daemon thread of its own; the answer is handed back to the
 * actor thread as a command. Between answers the last one is reported again at every check, so
 * the probes of endpoints that did not answer yet keep their retry rhythm. Addresses that leave the
 * answer are no longer probed, but a peer found there stays: liveness decides about it. At most
 * {@code maxAddresses} of one answer are taken, and our own mailbox is skipped.
 */
final class DnsDiscovery implements Discovery {

    /** Resolves a name to its addresses (blocking); {@code InetAddress::getAllByName} in production. */
    interface Resolver {
        InetAddress[] resolve(String name) throws UnknownHostException;
    }

    private static final Logger log = LoggerFactory.getLogger(DnsDiscovery.class);

    private final ZreConfig.Dns settings;
    private final String name;
    private final Resolver resolver;
    private final Consumer<Runnable> toActor;
    private final String ownEndpoint;
    private final Listener listener;
    private final long intervalNanos;
    private final long reportNanos;
    private final ExecutorService thread;
    /** The endpoints of the last answer, in its order. */
    private List<String> current = List.of();
    private boolean resolving;
    private boolean closed;
    private long nextResolve;
    private long nextReport;

    /**
     * @param toActor runs a task on the actor thread (and wakes it)
     * @param reportNanos how often the last answer is reported again (the node's check interval)
     */
    DnsDiscovery(ZreConfig.Dns settings, Resolver resolver, Consumer<Runnable> toActor, String ownEndpoint,
            Listener listener, long reportNanos, long now) {
        this.settings = settings;
        this.name = Objects.requireNonNull(settings.name(), "DNS name");
        this.resolver = resolver;
        this.toActor = toActor;
        this.ownEndpoint = ownEndpoint;
        this.listener = listener;
        this.intervalNanos = settings.interval().toNanos();
        this.reportNanos = Math.min(reportNanos, intervalNanos);
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "zre-dns-" + name);
            t.setDaemon(true);
            return t;
        });
        this.nextResolve = now; // at once
        this.nextReport = now + this.reportNanos;
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public long nextDeadline() {
        return resolving ? nextReport : Math.min(nextResolve, nextReport);
    }

    @Override
    public void onTimer(long now) {
        if (!resolving && now - nextResolve >= 0) {
            resolving = true;
            nextResolve = now + intervalNanos;
            try {
                thread.execute(this::resolve);
            } catch (RejectedExecutionException e) {
                resolving = false; // closing
            }
        }
        if (now - nextReport >= 0) {
            report();
            nextReport = now + reportNanos;
        }
    }

    /** On the resolver thread: asks DNS, hands the answer to the actor. */
    private void resolve() {
        List<InetAddress> addresses;
        try {
            addresses = List.of(resolver.resolve(name));
        } catch (UnknownHostException e) {
            log.debug("DNS name {} not resolved: {}", name, e.getMessage());
            addresses = List.of();
        } catch (RuntimeException e) {
            log.debug("DNS name {} not resolved", name, e);
            addresses = List.of();
        }
        List<InetAddress> answer = addresses;
        toActor.accept(() -> answered(answer));
    }

    /** On the actor thread: the new answer replaces the last one; endpoints that left it are withdrawn. */
    void answered(List<InetAddress> addresses) {
        resolving = false;
        if (closed) {
            return;
        }
        Set<String> endpoints = new LinkedHashSet<>();
        for (InetAddress a : addresses) {
            if (endpoints.size() >= settings.maxAddresses()) {
                log.debug("DNS name {} gave {} addresses; taking the first {}", name, addresses.size(),
                        settings.maxAddresses());
                break;
            }
            String endpoint = endpoint(a, settings.port());
            if (!endpoint.equals(ownEndpoint)) {
                endpoints.add(endpoint);
            }
        }
        for (String gone : current) {
            if (!endpoints.contains(gone)) {
                listener.endpointGone(this, gone);
            }
        }
        List<String> answer = List.copyOf(endpoints);
        if (!answer.equals(current)) {
            log.debug("DNS name {}: {}", name, answer);
        }
        current = answer;
        report();
    }

    private void report() {
        for (String endpoint : current) {
            listener.endpointFound(this, endpoint);
        }
    }

    /** {@code tcp://a.b.c.d:port}, or {@code tcp://[v6%scope]:port} as ZeroMQ writes IPv6 endpoints. */
    static String endpoint(InetAddress address, int port) {
        String host = address.getHostAddress();
        if (address instanceof Inet6Address) {
            host = "[" + host + "]";
        }
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
    }
}
