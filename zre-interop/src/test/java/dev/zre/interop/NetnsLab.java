package dev.zre.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private network for ZRE peers: one network namespace holding a bridge, and one namespace per node,
 * each joined to the bridge by a veth pair. Addresses come from 198.18.0.0/15 only (RFC 2544's
 * benchmarking range); each node has a default route via the bridge so that 255.255.255.255 works as well
 * as the subnet broadcast. Nothing is created in the host's root namespace: both veth ends are created
 * directly inside their namespaces.
 *
 * <p>Names are {@code zreit-<jvm pid>-<random>-br} and {@code ...-n1}, {@code ...-n2}, ... A lab is torn
 * down by {@link #close()}, by a JVM shutdown hook if a test run dies, and, failing both, by the next run:
 * {@link #deleteStale()} removes labs whose JVM is gone.
 */
final class NetnsLab implements AutoCloseable {

    static final String PREFIX = "zreit-";
    /** The prefix of IPv6 labs (the DNS/IPv6 work's own namespaces). */
    static final String IPV6_PREFIX = "zdit-";
    /** The prefix of two-subnet labs ({@link #createTwoSubnets}). */
    static final String TWO_SUBNET_PREFIX = "zg-";
    /** The interface name every node sees inside its own namespace. */
    static final String NODE_INTERFACE = "zre0";

    /** The iproute2 program ({@code -Dzre.interop.ip=...} to point elsewhere, e.g. to test the skip path). */
    static final String IP = System.getProperty("zre.interop.ip", "ip");
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LAB_NAMESPACE = Pattern.compile("^(?:" + PREFIX + "|" + IPV6_PREFIX + "|"
            + TWO_SUBNET_PREFIX
            + ")(\\d+)-[0-9a-f]+-(br|n\\d+)$");
    private static volatile boolean staleDeleted;
    private static volatile Optional<String> unavailable;

    /** One node's namespace, its interface name inside it and its address. */
    record Node(String namespace, String iface, String address) {
    }

    private final String id;
    private final String bridgeNamespace;
    private final String subnet;
    private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<Node> nodes = new ArrayList<>();
    private final List<PeerProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private final Thread shutdownHook;
    private volatile boolean closed;

    private final boolean noBroadcast;
    /** The second subnet of a two-subnet lab, or null. */
    private final String subnetB;

    private NetnsLab(boolean noBroadcast, boolean ipv6) {
        this(noBroadcast, ipv6 ? IPV6_PREFIX : PREFIX, ipv6, false);
    }

    private NetnsLab(boolean noBroadcast, String prefix, boolean ipv6, boolean twoSubnets) {
        this.noBroadcast = noBroadcast;
        this.id = prefix + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        this.bridgeNamespace = id + "-br";
        // 198.18.0.0/15 = 198.18.0.0 .. 198.19.255.255; one random /24 of it per lab (two for two subnets);
        // for IPv6 a random unique local /64 (fd00::/8)
        this.subnet = ipv6 ? "fd7a:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)) + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)) + "::"
                : randomIpv4Subnet();
        String other;
        do {
            other = randomIpv4Subnet();
        } while (other.equals(subnet));
        this.subnetB = twoSubnets ? other : null;
        this.shutdownHook = new Thread(this::close, id + "-teardown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static String randomIpv4Subnet() {
        return "198." + (18 + ThreadLocalRandom.current().nextInt(2)) + "." + ThreadLocalRandom.current().nextInt(256);
    }

    /** Why labs cannot be created here (not root, no {@code ip}, no netns support), or empty if they can. */
    static Optional<String> unavailableReason() {
        Optional<String> reason = unavailable;
        if (reason == null) {
            reason = probe();
            unavailable = reason;
        }
        return reason;
    }

    private static Optional<String> probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("network namespaces need Linux (os.name=" + System.getProperty("os.name") + ")");
        }
        Shell.Result version = Shell.run(IP_TIMEOUT, IP, "-V");
        if (!version.ok()) {
            return Optional.of("the 'ip' command (Debian package iproute2) is not available: "
                    + version.output().strip());
        }
        String probe = PREFIX + ProcessHandle.current().pid() + "-0-n0";
        Shell.Result add = Shell.run(IP_TIMEOUT, IP, "netns", "add", probe);
        if (!add.ok()) {
            return Optional.of("cannot create a network namespace (needs root / CAP_SYS_ADMIN): "
                    + add.output().strip());
        }
        Shell.Result del = Shell.run(IP_TIMEOUT, IP, "netns", "del", probe);
        if (!del.ok()) {
            return Optional.of("cannot delete network namespace " + probe + ": " + del.output().strip());
        }
        return Optional.empty();
    }

    /** Creates a bridge namespace and {@code nodeCount} node namespaces attached to it. */
    static NetnsLab create(int nodeCount) {
        return create(nodeCount, true);
    }

    /**
     * Like {@link #create(int)}; with {@code broadcastAddress} false the nodes' addresses get no broadcast
     * address ({@code ip addr add} without {@code brd +}, which many scripts do), to test how peers cope.
     */
    static NetnsLab create(int nodeCount, boolean broadcastAddress) {
        deleteStale();
        NetnsLab lab = new NetnsLab(!broadcastAddress, false);
        try {
            lab.build(nodeCount);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * A lab without IPv4: each node has only its link-local address and one unique local address of a
     * random fd7a:…/64 (no route anywhere else), on a bridge joined to nothing but the lab's nodes.
     */
    static NetnsLab createIpv6(int nodeCount) {
        deleteStale();
        NetnsLab lab = new NetnsLab(false, true);
        try {
            lab.buildIpv6(nodeCount);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void buildIpv6(int nodeCount) {
        addNamespace(bridgeNamespace);
        ip("-n", bridgeNamespace, "link", "set", "lo", "up");
        ip("-n", bridgeNamespace, "link", "add", "br0", "type", "bridge");
        ip("-n", bridgeNamespace, "link", "set", "br0", "up");
        for (int i = 1; i <= nodeCount; i++) {
            String ns = id + "-n" + i;
            String port = "p" + i;
            String address = subnet + Integer.toHexString(10 + i);
            addNamespace(ns);
            ip("link", "add", "name", NODE_INTERFACE, "netns", ns, "type", "veth", "peer", "name", port, "netns",
                    bridgeNamespace);
            ip("-n", bridgeNamespace, "link", "set", port, "master", "br0");
            ip("-n", bridgeNamespace, "link", "set", port, "up");
            ip("-n", ns, "link", "set", "lo", "up");
            // nodad: usable at once, no duplicate address detection wait (the lab's addresses are unique)
            ip("-n", ns, "-6", "addr", "add", address + "/64", "dev", NODE_INTERFACE, "nodad");
            ip("-n", ns, "link", "set", NODE_INTERFACE, "up");
            nodes.add(new Node(ns, NODE_INTERFACE, address));
        }
    }

    private void build(int nodeCount) {
        addNamespace(bridgeNamespace);
        ip("-n", bridgeNamespace, "link", "set", "lo", "up");
        ip("-n", bridgeNamespace, "link", "add", "br0", "type", "bridge");
        ip("-n", bridgeNamespace, "addr", "add", subnet + ".1/24", "brd", "+", "dev", "br0");
        ip("-n", bridgeNamespace, "link", "set", "br0", "up");
        for (int i = 1; i <= nodeCount; i++) {
            String ns = id + "-n" + i;
            String port = "p" + i;
            String address = subnet + "." + (10 + i);
            addNamespace(ns);
            ip("link", "add", "name", NODE_INTERFACE, "netns", ns, "type", "veth", "peer", "name", port, "netns",
                    bridgeNamespace);
            ip("-n", bridgeNamespace, "link", "set", port, "master", "br0");
            ip("-n", bridgeNamespace, "link", "set", port, "up");
            ip("-n", ns, "link", "set", "lo", "up");
            // "brd +": set the broadcast address (iproute2 leaves it 0.0.0.0 otherwise; see the README)
            if (noBroadcast) {
                ip("-n", ns, "addr", "add", address + "/24", "dev", NODE_INTERFACE);
            } else {
                ip("-n", ns, "addr", "add", address + "/24", "brd", "+", "dev", NODE_INTERFACE);
            }
            ip("-n", ns, "link", "set", NODE_INTERFACE, "up");
            ip("-n", ns, "route", "add", "default", "via", subnet + ".1");
            nodes.add(new Node(ns, NODE_INTERFACE, address));
        }
    }

    /**
     * Two subnets joined by a router: the lab's middle namespace holds two bridges ({@code br0} with
     * subnet A's {@code .1}, {@code br1} with subnet B's {@code .1}) and forwards IPv4 between them, so
     * unicast crosses while broadcast stays on its own side, as between two networks of an office or two
     * sites. Nodes {@code 1..sideA} are on subnet A, the next {@code sideB} on subnet B, each with a default
     * route via its side's router address. Namespaces are named {@code zg-<pid>-<random>-br|nN}.
     */
    static NetnsLab createTwoSubnets(int sideA, int sideB) {
        deleteStale();
        NetnsLab lab = new NetnsLab(false, TWO_SUBNET_PREFIX, false, true);
        try {
            lab.buildTwoSubnets(sideA, sideB);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void buildTwoSubnets(int sideA, int sideB) {
        addNamespace(bridgeNamespace);
        ip("-n", bridgeNamespace, "link", "set", "lo", "up");
        String[] subnets = {subnet, java.util.Objects.requireNonNull(subnetB)};
        for (int side = 0; side < 2; side++) {
            String bridge = "br" + side;
            ip("-n", bridgeNamespace, "link", "add", bridge, "type", "bridge");
            ip("-n", bridgeNamespace, "addr", "add", subnets[side] + ".1/24", "brd", "+", "dev", bridge);
            ip("-n", bridgeNamespace, "link", "set", bridge, "up");
        }
        Shell.run(IP_TIMEOUT, IP, "netns", "exec", bridgeNamespace, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
                .orThrow();
        for (int i = 1; i <= sideA + sideB; i++) {
            int side = i <= sideA ? 0 : 1;
            String ns = id + "-n" + i;
            String port = "p" + i;
            String address = subnets[side] + "." + (10 + i);
            addNamespace(ns);
            ip("link", "add", "name", NODE_INTERFACE, "netns", ns, "type", "veth", "peer", "name", port, "netns",
                    bridgeNamespace);
            ip("-n", bridgeNamespace, "link", "set", port, "master", "br" + side);
            ip("-n", bridgeNamespace, "link", "set", port, "up");
            ip("-n", ns, "link", "set", "lo", "up");
            ip("-n", ns, "addr", "add", address + "/24", "brd", "+", "dev", NODE_INTERFACE);
            ip("-n", ns, "link", "set", NODE_INTERFACE, "up");
            ip("-n", ns, "route", "add", "default", "via", subnets[side] + ".1");
            nodes.add(new Node(ns, NODE_INTERFACE, address));
        }
    }

    /** The router of a two-subnet lab as a node: its namespace, and its address on subnet A ({@code br0}). */
    Node router() {
        return new Node(bridgeNamespace, "br0", subnet + ".1");
    }

    private void addNamespace(String ns) {
        ip("netns", "add", ns);
        namespaces.add(ns);
    }

    private static void ip(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = IP;
        System.arraycopy(args, 0, command, 1, args.length);
        Shell.run(IP_TIMEOUT, command).orThrow();
    }

    Node node(int index) {
        return nodes.get(index - 1);
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    String id() {
        return id;
    }

    /** The names of this lab's namespaces (bridge first). */
    List<String> namespaces() {
        synchronized (namespaces) {
            return List.copyOf(namespaces);
        }
    }

    /** All namespaces on this host, by name. */
    static List<String> allNamespaces() {
        Shell.Result list = Shell.run(IP_TIMEOUT, IP, "netns", "list").orThrow();
        return list.output().lines().map(l -> l.strip().split("\\s+")[0]).filter(n -> !n.isEmpty()).toList();
    }

    /** The command prefix that runs a program inside {@code node}'s namespace. */
    List<String> inNamespace(Node node, List<String> command) {
        if (!namespaces.contains(node.namespace())) {
            throw new IllegalArgumentException("not a namespace of this lab: " + node.namespace());
        }
        List<String> full = new ArrayList<>(List.of(IP, "netns", "exec", node.namespace()));
        full.addAll(command);
        return full;
    }

    /** Registers a process to be killed when the lab closes. */
    void track(PeerProcess process) {
        processes.add(process);
    }

    /** Kills every process of the lab and deletes its namespaces (and so its veths and bridge). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<PeerProcess> running;
        synchronized (processes) {
            running = new ArrayList<>(processes);
        }
        running.forEach(PeerProcess::kill);
        List<String> all;
        synchronized (namespaces) {
            all = new ArrayList<>(namespaces);
        }
        Collections.reverse(all);
        for (String ns : all) {
            deleteNamespace(ns);
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs close() again, which returns at once
            }
        }
    }

    /** Kills what still runs inside {@code ns} (our own peers: nothing else enters these namespaces). */
    private static void deleteNamespace(String ns) {
        Shell.Result pids = Shell.run(IP_TIMEOUT, IP, "netns", "pids", ns);
        if (pids.ok()) {
            for (String line : pids.output().split("\\s+")) {
                if (line.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(line)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        Shell.run(IP_TIMEOUT, IP, "netns", "del", ns);
    }

    /** Deletes namespaces left behind by earlier runs whose JVM no longer exists (once per JVM). */
    static void deleteStale() {
        if (staleDeleted) {
            return;
        }
        staleDeleted = true;
        deleteStaleNow();
    }

    static void deleteStaleNow() {
        for (String name : allNamespaces()) {
            Matcher m = LAB_NAMESPACE.matcher(name);
            if (m.matches()) {
                long owner = Long.parseLong(m.group(1));
                boolean ownerAlive = owner != ProcessHandle.current().pid()
                        && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
                if (!ownerAlive && owner != ProcessHandle.current().pid()) {
                    System.err.println("[zre-interop] deleting stale namespace " + name);
                    deleteNamespace(name);
                }
            }
        }
    }
}
