package dev.zre.benchmarks;

import dev.zre.ZreNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * (d) Heap, threads and file descriptors ({@code /proc/self/fd}) per node and per connected peer.
 * Per node: K nodes each alone on its own beacon port (no peers). Per peer: N nodes on one port,
 * fully meshed, minus N × the per-node figure, divided by the N × (N − 1) peer relations (each is
 * one DEALER→ROUTER connection). An anchor node keeps the shared JeroMQ context (its I/O and reaper
 * threads) alive throughout, so that context is in neither figure. Raw JeroMQ first: K ROUTERs
 * (per node), then N ROUTERs and N × (N − 1) connected DEALERs that each delivered one message.
 * Heap is measured after System.gc(), as what closing the nodes (sockets) releases again, so it is
 * the live heap they held, approximately (±0.5 MB of noise over the whole population). That figure
 * undercounts raw JeroMQ, whose closed sockets are not all released yet when it is read (a class
 * histogram of live objects gives ≈ 21 KB per raw connection where release gives 13 KB), so the
 * per-peer comparison with its target uses a second measurement, the same for both sides: the live
 * heap of a full mesh grown from N / 2 to N nodes (ROUTERs), less the added nodes' own.
 */
// the raw JeroMQ sockets are released the way the engine releases its own (ZContext.destroySocket, deprecated in 0.6)
@SuppressWarnings("deprecation")
final class MemoryScenario {

    private final Mode mode;
    private final Report report;

    MemoryScenario(Mode mode, Report report) {
        this.mode = mode;
        this.report = report;
    }

    void run() throws Exception {
        int k = mode.isolatedNodes();
        int n = mode.meshedNodes();
        int relations = n * (n - 1);

        // ---- raw JeroMQ
        ProcessProbe.Reading rawNode;
        ProcessProbe.Reading rawPeer;
        try (ZContext ctx = new ZContext(1)) {
            ctx.getContext().setMaxSockets(65_535);
            ZMQ.Socket warm = Loopback.router(ctx, 1000); // starts the context's threads
            ProcessProbe.Reading base = ProcessProbe.read();
            List<ZMQ.Socket> alone = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                alone.add(Loopback.router(ctx, 1000));
            }
            ProcessProbe.Reading rawAfter = ProcessProbe.read();
            alone.forEach(ctx::destroySocket);
            Thread.sleep(300);
            rawNode = per(heapFromRelease(rawAfter, ProcessProbe.read(), rawAfter.minus(base)), k);
            ctx.destroySocket(warm);

            ProcessProbe.Reading base2 = ProcessProbe.read();
            List<ZMQ.Socket> routers = new ArrayList<>();
            List<ZMQ.Socket> dealers = rawMesh(ctx, routers, n);
            ProcessProbe.Reading meshed = ProcessProbe.read();
            dealers.forEach(ctx::destroySocket);
            routers.forEach(ctx::destroySocket);
            Thread.sleep(300);
            rawPeer = perPeer(heapFromRelease(meshed, ProcessProbe.read(), meshed.minus(base2)), rawNode, n, relations);
        }

        // ---- ZRE
        ZreNode anchor = new ZreNode(Loopback.node("anchor", Loopback.randomBeaconPort()).build());
        anchor.start();
        ProcessProbe.Reading zreNode;
        ProcessProbe.Reading zrePeer;
        ProcessProbe.Reading meshedReading;
        boolean complete;
        try {
            ProcessProbe.Reading base = ProcessProbe.read();
            List<ZreNode> alone = new ArrayList<>();
            java.util.Set<Integer> ports = new java.util.HashSet<>(List.of(anchor.config().beaconPort()));
            for (int i = 0; i < k; i++) {
                int port;
                do {
                    port = Loopback.randomBeaconPort();
                } while (!ports.add(port)); // each alone on its own port: no peers
                ZreNode node = new ZreNode(Loopback.node("alone" + i, port).build());
                node.start();
                alone.add(node);
            }
            Thread.sleep(300);
            ProcessProbe.Reading after = ProcessProbe.read();
            Loopback.stopAll(alone);
            Thread.sleep(300);
            zreNode = per(heapFromRelease(after, ProcessProbe.read(), after.minus(base)), k);

            ProcessProbe.Reading base2 = ProcessProbe.read();
            int port;
            do {
                port = Loopback.randomBeaconPort();
            } while (port == anchor.config().beaconPort());
            List<ZreNode> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ZreNode node = new ZreNode(Loopback.node("m" + i, port).build());
                node.start();
                nodes.add(node);
            }
            try {
                complete = Loopback.await(Duration.ofSeconds(30),
                        () -> nodes.stream().allMatch(x -> x.peers().size() == n - 1));
                Thread.sleep(300);
                meshedReading = ProcessProbe.read();
            } finally {
                Loopback.stopAll(nodes);
            }
            Thread.sleep(300);
            zrePeer = perPeer(heapFromRelease(meshedReading, ProcessProbe.read(), meshedReading.minus(base2)), zreNode, n,
                    relations);
        } finally {
            anchor.stop();
        }

        report.add("memory", "heap per connected peer (released on close)", "KB", zrePeer.heapBytes() / 1024.0,
                rawPeer.heapBytes() / 1024.0, "", null);
        int half = n / 2;
        double rawLive = rawLiveGrowth(half, n, rawNode.heapBytes());
        double zreLive = zreLiveGrowth(half, n, zreNode.heapBytes());
        report.add("memory", "heap per connected peer (live, mesh grown from " + half + " to " + n + ")", "KB",
                zreLive / 1024.0, rawLive / 1024.0, "≤ 1.2× raw", zreLive <= 1.2 * rawLive);
        report.add("memory", "heap per node, no peers (raw: per bound ROUTER)", "KB", zreNode.heapBytes() / 1024.0,
                rawNode.heapBytes() / 1024.0, "", null);
        report.add("memory", "threads per node", "", zreNode.threads(), rawNode.threads(), "", null);
        report.add("memory", "file descriptors per node (raw: per ROUTER)", "", zreNode.fileDescriptors(), rawNode.fileDescriptors(), "", null);
        report.add("memory", "file descriptors per connected peer", "", zrePeer.fileDescriptors(), rawPeer.fileDescriptors(),
                "", null);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("isolatedNodes", k);
        d.put("meshedNodes", n);
        d.put("peerRelations", relations);
        d.put("meshComplete", complete);
        d.put("zrePerNode", map(zreNode));
        d.put("zrePerPeer", map(zrePeer));
        d.put("rawPerRouter", map(rawNode));
        d.put("rawPerConnection", map(rawPeer));
        report.detail("memory", d);
        System.err.printf("  memory: ZRE %.1f KB/peer (raw %.1f), %.1f KB/node, %d threads/node, %d fds/peer%n",
                zrePeer.heapBytes() / 1024.0, rawPeer.heapBytes() / 1024.0, zreNode.heapBytes() / 1024.0,
                zreNode.threads(), zrePeer.fileDescriptors());
    }

    private static int relations(int nodes) {
        return nodes * (nodes - 1);
    }

    /**
     * Live heap per connection, the same way for both sides: a full mesh of {@code from} ROUTERs is
     * grown to {@code to} (each DEALER delivers one message), and the live heap after GC at both
     * sizes gives the cost of the added connections, less the added ROUTERs' own. Nothing is closed
     * in between, so nothing depends on what JeroMQ releases, and when.
     */
    private static double rawLiveGrowth(int from, int to, long perRouter) throws InterruptedException {
        try (ZContext ctx = new ZContext(1)) {
            ctx.getContext().setMaxSockets(65_535);
            List<ZMQ.Socket> routers = new ArrayList<>();
            return liveGrowthPerRelation(size -> rawMesh(ctx, routers, size), from, to, perRouter);
        }
    }

    /** Grows a mesh to a number of members, waiting until it is complete. */
    private interface Mesh {
        void growTo(int size) throws InterruptedException;
    }

    /** Live heap after GC at both sizes of the mesh, less the added members' own, per added relation. */
    private static double liveGrowthPerRelation(Mesh mesh, int from, int to, long perMember) throws InterruptedException {
        mesh.growTo(from);
        ProcessProbe.Reading small = ProcessProbe.read();
        mesh.growTo(to);
        ProcessProbe.Reading large = ProcessProbe.read();
        return (large.heapBytes() - small.heapBytes() - (to - from) * perMember)
                / (double) (relations(to) - relations(from));
    }

    /**
     * Adds ROUTERs up to {@code size} and a DEALER for every new pair, each delivering one message
     * (waits up to 30 s for them); returns the DEALERs it added.
     */
    private static List<ZMQ.Socket> rawMesh(ZContext ctx, List<ZMQ.Socket> routers, int size)
            throws InterruptedException {
        int before = routers.size();
        List<ZMQ.Socket> dealers = new ArrayList<>();
        while (routers.size() < size) {
            routers.add(Loopback.router(ctx, 1000));
        }
        int expected = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                if (i != j && (i >= before || j >= before)) {
                    ZMQ.Socket d = Loopback.dealer(ctx, Loopback.identity(i), Loopback.endpointOf(routers.get(j)), 1000);
                    d.send(new byte[60], ZMQ.DONTWAIT);
                    dealers.add(d);
                    expected++;
                }
            }
        }
        int received = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received < expected && System.nanoTime() - deadline < 0) {
            boolean any = false;
            for (ZMQ.Socket r : routers) {
                if (r.recv(ZMQ.DONTWAIT) != null) {
                    while (r.hasReceiveMore()) {
                        r.recv(0);
                    }
                    received++;
                    any = true;
                }
            }
            if (!any) {
                Thread.sleep(1);
            }
        }
        return dealers;
    }

    /** As {@link #rawLiveGrowth}, with ZRE nodes meshing by beacon: {@code from} nodes, then {@code to}. */
    private static double zreLiveGrowth(int from, int to, long perNode) throws InterruptedException {
        int port = Loopback.randomBeaconPort();
        List<ZreNode> nodes = new ArrayList<>();
        try {
            return liveGrowthPerRelation(size -> zreMesh(nodes, port, size), from, to, perNode);
        } finally {
            Loopback.stopAll(nodes);
        }
    }

    private static void zreMesh(List<ZreNode> nodes, int port, int size) throws InterruptedException {
        while (nodes.size() < size) {
            ZreNode node = new ZreNode(Loopback.node("g" + nodes.size(), port).build());
            node.start();
            nodes.add(node);
        }
        if (!Loopback.await(Duration.ofSeconds(30), () -> nodes.stream().allMatch(x -> x.peers().size() == size - 1))) {
            throw new IllegalStateException(size + " memory nodes did not mesh within 30 s");
        }
        Thread.sleep(300); // the last HELLOs' replies and first pings settle
    }

    /**
     * Heap from what closing released (reading while open minus reading after close), which is less
     * disturbed by unrelated garbage than growth from a baseline; threads and descriptors from growth.
     */
    private static ProcessProbe.Reading heapFromRelease(ProcessProbe.Reading open, ProcessProbe.Reading closed,
            ProcessProbe.Reading growth) {
        return new ProcessProbe.Reading(open.heapBytes() - closed.heapBytes(), growth.threads(), growth.fileDescriptors());
    }

    private static ProcessProbe.Reading per(ProcessProbe.Reading delta, int count) {
        return new ProcessProbe.Reading(delta.heapBytes() / count, Math.round((float) delta.threads() / count),
                Math.round((float) delta.fileDescriptors() / count));
    }

    private static ProcessProbe.Reading perPeer(ProcessProbe.Reading meshed, ProcessProbe.Reading perNode, int n,
            int relations) {
        return new ProcessProbe.Reading((meshed.heapBytes() - n * perNode.heapBytes()) / relations,
                Math.round((float) (meshed.threads() - n * perNode.threads()) / relations),
                Math.round((float) (meshed.fileDescriptors() - n * perNode.fileDescriptors()) / relations));
    }

    private static Map<String, Object> map(ProcessProbe.Reading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapBytes", r.heapBytes());
        m.put("threads", r.threads());
        m.put("fileDescriptors", r.fileDescriptors());
        return m;
    }
}
