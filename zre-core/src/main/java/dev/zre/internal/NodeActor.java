package dev.zre.internal;

import dev.zre.ExitReason;
import dev.zre.InvalidZreSettingException;
import dev.zre.MessageType;
import dev.zre.PeerState;
import dev.zre.ProtocolError;
import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreException;
import dev.zre.ZreStatistics.Counter;
import dev.zre.discovery.BeaconSocket;
import dev.zre.discovery.InterfaceSelector;
import dev.zre.discovery.NetworkSelection;
import dev.zre.protocol.Beacon;
import dev.zre.protocol.Command;
import dev.zre.protocol.MalformedMessageException;
import dev.zre.protocol.Uuids;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The protocol thread of one node. It alone owns the ROUTER mailbox, one DEALER per peer and the
 * beacon channels, and reacts to one thing at a time: a command from the application, a message on
 * the mailbox, a beacon, or a timer. Nothing here is shared with other threads except the command
 * queue (in), the {@link ClusterView} and the statistics (out). Not public API.
 */
public final class NodeActor {

    private static final Logger log = LoggerFactory.getLogger(NodeActor.class);
    private static final int MAILBOX_BATCH = 1024;
    private static final int HELLO_ATTEMPTS = 3;
    private static final int MIN_DYNAMIC_PORT = 0xC000;
    private static final int MAX_DYNAMIC_PORT = 0xFFFF;
    private static final long BIND_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ZreConfig config;
    private final UUID uuid;
    private final String name;
    private final byte[] identity;
    private final NodeCounters stats;
    private final EventDispatcher events;
    private final Consumer<Throwable> onDeath;
    private final Set<String> ownGroups;
    private int status;

    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ByteBuffer wakeBuffer = ByteBuffer.allocate(64);
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean running = true;

    private final Map<UUID, Peer> peers = new HashMap<>();
    private final Map<String, Map<UUID, Peer>> groups = new HashMap<>();
    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final List<Peer> overflowed = new ArrayList<>();
    private volatile ClusterView view = ClusterView.EMPTY;

    private final long tickNanos;
    private final long pingAfterNanos;
    private final long evasiveNanos;
    private final long silentNanos;
    private final long expiredNanos;
    private final long helloNanos;
    private final long beaconNanos;
    private double connectTokens;
    private long tokensRefilledAt;

    private final Thread thread;
    private @Nullable ZContext context;
    private ZMQ.@Nullable Socket router;
    private ZMQ.@Nullable Poller poller;
    private int wakeIndex;
    private int beaconIndex = -1;
    private @Nullable Pipe wakePipe;
    private @Nullable BeaconSocket beacon;
    private @Nullable NetworkSelection network;
    private volatile String endpoint = "";
    private int mailboxPort;

    /** A static endpoint from the configuration, connected without a beacon. */
    private static final class Probe {
        final String endpoint;
        ZMQ.@Nullable Socket dealer;
        int sentSequence;
        long openedAt;
        long nextAttempt;
        @Nullable UUID peer;

        Probe(String endpoint) {
            this.endpoint = endpoint;
        }
    }

    public NodeActor(ZreConfig config, UUID uuid, String name, Set<String> groups, NodeCounters stats,
            EventDispatcher events, Consumer<Throwable> onDeath) {
        this.config = config;
        this.uuid = uuid;
        this.name = name;
        this.identity = Uuids.dealerIdentity(uuid);
        this.stats = stats;
        this.events = events;
        this.onDeath = onDeath;
        this.ownGroups = new LinkedHashSet<>(groups);
        this.status = groups.size() & 0xFF; // zyre counts a join made before start too
        this.evasiveNanos = config.evasiveTimeout().toNanos();
        this.pingAfterNanos = evasiveNanos / 2;
        this.silentNanos = 2 * evasiveNanos;
        this.expiredNanos = config.expiredTimeout().toNanos();
        this.helloNanos = config.helloTimeout().toNanos();
        this.beaconNanos = config.beaconInterval().toNanos();
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), evasiveNanos / 5));
        this.connectTokens = config.maxNewPeersPerSecond();
        this.thread = new Thread(this::run, "zre-node-" + name);
        this.thread.setDaemon(true);
    }

    // ================================================================ lifecycle (caller threads)

    /** Starts the thread and waits until the sockets are bound. */
    public void start() {
        events.start(config.eventQueueCapacity());
        thread.start();
        try {
            started.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof ZreException z ? z
                    : new ZreException("ZRE node '" + name + "' could not start: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            running = false;
            throw new ZreException("ZRE node '" + name + "' did not start within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            throw new ZreException("interrupted while starting ZRE node '" + name + "'");
        }
    }

    /** Says goodbye, closes everything and waits for the STOP event to be delivered. */
    public void stop(Duration timeout) {
        running = false;
        wake();
        try {
            thread.join(timeout.toMillis());
            events.awaitStop(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String interfaceName() {
        NetworkSelection n = network;
        return n == null ? "" : n.interfaceName();
    }

    public ClusterView view() {
        return view;
    }

    // ================================================================ commands (caller threads)

    public void join(String group) {
        submit(() -> doJoin(group));
    }

    public void leave(String group) {
        submit(() -> doLeave(group));
    }

    public void shout(String group, List<byte[]> frames) {
        submit(() -> doShout(group, frames));
    }

    public void whisper(UUID peer, List<byte[]> frames) {
        submit(() -> doWhisper(peer, frames));
    }

    /**
     * Brings this actor's groups in line with the node's live set, which join()/leave() may have
     * changed after the actor was constructed but before the node could hand it commands. Runs on
     * the actor thread, reading the set at that moment; later join/leave commands follow it.
     */
    public void syncGroups(Set<String> wanted) {
        submit(() -> {
            for (String g : List.copyOf(wanted)) {
                doJoin(g); // nothing when already a member
            }
            for (String g : List.copyOf(ownGroups)) {
                if (!wanted.contains(g)) {
                    doLeave(g);
                }
            }
        });
    }

    /**
     * Leaves every group on the wire before a graceful stop: sends LEAVE for each of this actor's
     * groups to every peer and gives each peer's DEALER a linger of {@code linger}, so the queued
     * LEAVEs still go out when the sockets close. Completes on the actor thread with the number of
     * LEAVE messages handed to ZeroMQ. The node, not the actor, remembers the groups for a restart.
     */
    public CompletableFuture<Long> leaveAllGroups(Duration linger) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        submit(() -> {
            try {
                long before = stats.sent(MessageType.LEAVE);
                for (String g : List.copyOf(ownGroups)) {
                    doLeave(g);
                }
                int lingerMillis = (int) Math.min(Integer.MAX_VALUE, linger.toMillis());
                for (Peer peer : peers.values()) {
                    if (peer.dealer != null) {
                        peer.dealer.setLinger(lingerMillis);
                    }
                }
                done.complete(stats.sent(MessageType.LEAVE) - before);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void submit(Runnable command) {
        commands.add(command);
        wake();
    }

    /** Wakes the actor's poll; only the first command after a drain writes to the pipe. */
    private void wake() {
        Pipe pipe = wakePipe;
        if (pipe != null && wakePending.compareAndSet(false, true)) {
            try {
                pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                log.debug("wake-up pipe closed", e);
            }
        }
    }

    // ================================================================ the thread

    private void run() {
        try {
            open();
        } catch (Throwable e) {
            closeSockets();
            events.publish(new ZreEvent.Stop()); // ends the event thread too
            started.completeExceptionally(e);
            return;
        }
        started.complete(null);
        Throwable death = null;
        try {
            loop();
        } catch (Throwable e) {
            death = e;
            log.error("ZRE node '{}' protocol thread died", name, e);
        } finally {
            try {
                sayGoodbye();
            } catch (RuntimeException e) {
                log.debug("goodbye failed", e);
            }
            closeSockets();
            events.publish(new ZreEvent.Stop());
            if (death != null) {
                onDeath.accept(death);
            }
        }
    }

    private void open() throws IOException {
        NetworkSelection net = InterfaceSelector.select(config.networkInterface());
        network = net;
        wakePipe = Pipe.open();
        wakePipe.source().configureBlocking(false);
        context = SharedContext.acquire();
        ZMQ.Socket r = context.createSocket(SocketType.ROUTER);
        router = r;
        r.setRouterHandover(true); // a peer that reconnects with the same identity takes over at once
        r.setHandshakeIvl((int) config.handshakeInterval().toMillis());
        r.setRcvHWM(config.sendHighWaterMark());
        r.setLinger(0);
        String host = net.address().getHostAddress();
        try {
            if (config.mailboxPort() == 0) {
                mailboxPort = r.bindToRandomPort("tcp://" + host, MIN_DYNAMIC_PORT, MAX_DYNAMIC_PORT);
            } else {
                bindFixedPort(r, "tcp://" + host + ":" + config.mailboxPort());
                mailboxPort = config.mailboxPort();
            }
        } catch (RuntimeException e) {
            throw InvalidZreSettingException.unusable("mailboxPort", String.valueOf(config.mailboxPort()),
                    "cannot bind tcp://" + host + ":" + (config.mailboxPort() == 0 ? "<49152..65535>" : config.mailboxPort())
                            + ": " + e.getMessage(), "a free port, or 0 for any free port", e);
        }
        endpoint = "tcp://" + host + ":" + mailboxPort;
        poller = context.createPoller(3);
        poller.register(r, ZMQ.Poller.POLLIN);
        wakeIndex = poller.register(wakePipe.source(), ZMQ.Poller.POLLIN);
        if (config.beaconEnabled()) {
            InetAddress destination = config.beaconAddress() == null ? null : InetAddress.getByName(config.beaconAddress());
            try {
                beacon = BeaconSocket.open(net, config.beaconPort(), destination);
            } catch (IOException e) {
                throw InvalidZreSettingException.unusable("beaconPort", String.valueOf(config.beaconPort()),
                        "cannot open UDP port " + config.beaconPort() + " on " + net.interfaceName() + ": " + e.getMessage(),
                        "a UDP port this host lets the node open", e);
            }
            beaconIndex = poller.register(beacon.receiver(), ZMQ.Poller.POLLIN);
        }
        for (String e : config.endpoints()) {
            probes.put(e, new Probe(e));
        }
        tokensRefilledAt = System.nanoTime();
        log.info("ZRE node '{}' {} listening at {} on {}{}", name, Uuids.toHex(uuid), endpoint, net.interfaceName(),
                config.beaconEnabled() ? ", beacons to " + (config.beaconAddress() != null ? config.beaconAddress()
                        : net.broadcast().getHostAddress()) + ":" + config.beaconPort() : ", beacons off");
    }

    /**
     * Binds a configured port. JeroMQ closes a stopped node's listener on its I/O thread a moment
     * after {@code stop()} returns, so a node restarted on the same port retries for a short while.
     */
    private static void bindFixedPort(ZMQ.Socket router, String address) {
        long deadline = System.nanoTime() + BIND_RETRY_NANOS;
        while (true) {
            try {
                router.bind(address);
                return;
            } catch (ZMQException e) {
                if (e.getErrorCode() != ZMQ.Error.EADDRINUSE.getCode() || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZreException("interrupted while binding " + address);
            }
        }
    }

    private void loop() {
        long now = System.nanoTime();
        long nextBeacon = now; // beacon at once so a mesh forms quickly
        long nextTick = now; // at once too: static endpoints are connected without waiting a tick
        boolean backlog = false;
        ZMQ.Poller p = poller;
        while (running) {
            now = System.nanoTime();
            long waitMillis = backlog ? 0 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(Math.min(nextBeacon, nextTick) - now) + 1);
            if (!commands.isEmpty()) {
                waitMillis = 0;
            }
            p.poll(waitMillis);
            drainWakePipe();
            runCommands();
            backlog = receiveMailbox();
            if (beacon != null && p.pollin(beaconIndex)) { // no receive syscall on every message
                receiveBeacons();
            }
            handleOverflow();
            now = System.nanoTime();
            if (beacon != null && now - nextBeacon >= 0) {
                sendBeacon(mailboxPort);
                nextBeacon = now + beaconNanos;
            } else if (beacon == null) {
                nextBeacon = now + beaconNanos;
            }
            if (now - nextTick >= 0) {
                tick(now);
                nextTick = now + tickNanos;
            }
        }
    }

    /**
     * Consumes the wake-up bytes, then re-arms {@link #wake()}, before the commands are run. Reading
     * first matters: a wake-up written between a reset and a read would be consumed while the flag stays
     * set, and every later submit would skip its wake-up, leaving commands asleep in the queue until the
     * next timer or beacon (seen as whole-second stalls of shout throughput).
     */
    private void drainWakePipe() {
        if (poller.pollin(wakeIndex)) {
            Pipe pipe = wakePipe;
            try {
                while (true) {
                    wakeBuffer.clear();
                    if (pipe.source().read(wakeBuffer) <= 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                log.debug("wake-up pipe read failed", e);
            }
        }
        wakePending.set(false); // a submit from now on writes again; a byte still in flight only wakes the next poll
    }

    private void runCommands() {
        Runnable c;
        while ((c = commands.poll()) != null) {
            c.run();
        }
    }

    // ================================================================ mailbox

    /** Receives up to one batch; returns whether more may be waiting. */
    private boolean receiveMailbox() {
        ZMQ.Socket r = router;
        for (int i = 0; i < MAILBOX_BATCH; i++) {
            byte[] from = r.recv(ZMQ.DONTWAIT);
            if (from == null) {
                return false;
            }
            List<byte[]> frames = new ArrayList<>(2);
            while (r.hasReceiveMore()) { // always drain the whole message, good or bad
                frames.add(r.recv());
            }
            handleMessage(from, frames);
        }
        return true;
    }

    private void handleMessage(byte[] from, List<byte[]> frames) {
        if (from.length != 17 || from[0] != 1) {
            error(ProtocolError.BAD_IDENTITY, "identity of " + from.length + " bytes");
            return;
        }
        UUID sender = Uuids.fromBytes(from, 1);
        ZreCodec.Decoded decoded;
        try {
            decoded = ZreCodec.decode(frames);
        } catch (MalformedMessageException e) {
            error(e.reason(), "from " + Uuids.toHex(sender) + ": " + e.getMessage());
            return;
        }
        long bytes = 0;
        for (byte[] f : frames) {
            bytes += f.length;
        }
        ZreMessage message = decoded.message();
        stats.messageReceived(message.command(), bytes);
        if (decoded.repairedText()) {
            error(ProtocolError.INVALID_UTF8, "from " + Uuids.toHex(sender) + " in " + message.command());
        }
        long now = System.nanoTime();
        Peer peer = peers.get(sender);
        if (message instanceof ZreMessage.Hello hello) {
            onHello(sender, peer, decoded.sequence(), hello, now);
            return;
        }
        if (peer == null || !peer.ready) {
            error(ProtocolError.NO_HELLO, message.command() + " from " + Uuids.toHex(sender));
            return;
        }
        if (!acceptSequence(peer, decoded.sequence())) {
            error(ProtocolError.SEQUENCE_GAP, "from " + peer.name + " " + Uuids.toHex(sender) + ": got "
                    + decoded.sequence() + ", expected " + peer.wantSequence + "; dropping the peer");
            removePeer(peer, ExitReason.DROPPED);
            return;
        }
        peer.heard(now);
        switch (message.command()) {
            case WHISPER -> events.publish(new ZreEvent.Whisper(sender, peer.name, ((ZreMessage.Whisper) message).content()));
            case SHOUT -> {
                ZreMessage.Shout shout = (ZreMessage.Shout) message;
                if (ownGroups.contains(shout.group())) {
                    events.publish(new ZreEvent.Shout(sender, peer.name, shout.group(), shout.content()));
                }
            }
            case JOIN -> {
                ZreMessage.Join join = (ZreMessage.Join) message;
                checkStatus(peer, join.status());
                if (peer.groups.add(join.group())) {
                    groups.computeIfAbsent(join.group(), g -> new HashMap<>()).put(peer.uuid, peer);
                    publishView();
                }
                events.publish(new ZreEvent.Join(sender, peer.name, join.group()));
            }
            case LEAVE -> {
                ZreMessage.Leave leave = (ZreMessage.Leave) message;
                checkStatus(peer, leave.status());
                if (peer.groups.remove(leave.group())) {
                    removeFromGroup(peer, leave.group());
                    publishView();
                }
                events.publish(new ZreEvent.Leave(sender, peer.name, leave.group()));
            }
            case PING -> send(peer, new ZreMessage.PingOk());
            case GOODBYE -> removePeer(peer, ExitReason.LEFT);
            default -> log.debug("{} from {} counted (PING-OK, or election not yet supported)", message.command(), peer.name);
        }
    }

    /** Accepts the next sequence number, and Pyre's wrap from 65534 to 0 as well as 65535 to 0. */
    private static boolean acceptSequence(Peer peer, int sequence) {
        int want = peer.wantSequence;
        if (sequence == want || (want == 0xFFFF && sequence == 0)) {
            peer.wantSequence = (sequence + 1) & 0xFFFF;
            return true;
        }
        return false;
    }

    /** A JOIN/LEAVE status must follow the previous one; if it does not, note it and adopt it. */
    private void checkStatus(Peer peer, int status) {
        int expected = (peer.status + 1) & 0xFF;
        if (status != expected) {
            error(ProtocolError.STATUS_MISMATCH, "from " + peer.name + ": status " + status + ", expected " + expected);
        }
        peer.status = status;
    }

    private void onHello(UUID sender, @Nullable Peer peer, int sequence, ZreMessage.Hello hello, long now) {
        if (sender.equals(uuid)) {
            return;
        }
        if (sequence != 1) {
            error(ProtocolError.SEQUENCE_GAP, "HELLO from " + Uuids.toHex(sender) + " with sequence " + sequence);
            if (peer != null) {
                removePeer(peer, ExitReason.DROPPED);
            }
            return;
        }
        if (peer != null && peer.ready) { // a second HELLO: EXIT, then ENTER below, as zyre does
            if (peer.dealer != null && hello.endpoint().equals(peer.endpoint)) {
                // Same mailbox: the peer started over with us (zyre.js after our sequence wrap, zyre
                // after a gap). Introduce ourselves again on the connection we have; a new one would
                // race the old one for our identity at its ROUTER.
                reportExit(peer, ExitReason.REPLACED);
                peer.sentSequence = 0;
                send(peer, hello());
            } else {
                removePeer(peer, ExitReason.REPLACED);
                peer = null;
            }
        }
        if (peer == null) {
            if (hello.endpoint().equals(endpoint)) {
                return; // someone claims our own mailbox
            }
            if (!isTcpEndpoint(hello.endpoint())) {
                error(ProtocolError.BAD_ENDPOINT, "HELLO from " + Uuids.toHex(sender) + " names '" + hello.endpoint() + "'");
                return;
            }
            peer = createPeer(sender, hello.endpoint(), now);
            if (peer == null) {
                return;
            }
        }
        peer.ready = true;
        peer.wantSequence = 2;
        peer.name = hello.name();
        peer.address = hello.endpoint();
        peer.headers = hello.headers();
        peer.status = hello.status();
        peer.groups.clear();
        peer.groups.addAll(hello.groups());
        peer.enteredAt = Instant.now();
        peer.rebuilds = 0;
        peer.heard(now);
        for (String g : peer.groups) {
            groups.computeIfAbsent(g, k -> new HashMap<>()).put(peer.uuid, peer);
        }
        stats.increment(Counter.PEERS_ENTERED);
        log.debug("ENTER {} {} at {}", peer.name, Uuids.toHex(sender), peer.address);
        publishView(); // before the events: a listener reacting to ENTER finds the peer in the queries
        events.publish(new ZreEvent.Enter(sender, peer.name, peer.headers, peer.address));
        for (String g : hello.groups()) {
            events.publish(new ZreEvent.Join(sender, peer.name, g));
        }
    }

    // ================================================================ beacons

    private void sendBeacon(int port) {
        try {
            if (beacon.send(new Beacon(uuid, port).encode())) {
                stats.increment(Counter.BEACONS_SENT);
            }
        } catch (IOException e) {
            log.debug("beacon not sent: {}", e.toString());
        }
    }

    private void receiveBeacons() {
        BeaconSocket b = beacon;
        NetworkSelection net = network;
        while (true) {
            BeaconSocket.Datagram datagram;
            try {
                datagram = b.receive();
            } catch (IOException e) {
                log.debug("beacon receive failed: {}", e.toString());
                return;
            }
            if (datagram == null) {
                return;
            }
            if (!net.contains(datagram.source())) {
                error(ProtocolError.BEACON_FOREIGN, "beacon from " + datagram.source().getHostAddress());
                continue;
            }
            Beacon received;
            try {
                received = Beacon.decode(datagram.data(), 0, datagram.data().length);
            } catch (MalformedMessageException e) {
                error(e.reason(), "from " + datagram.source().getHostAddress() + ": " + e.getMessage());
                continue;
            }
            if (received.uuid().equals(uuid)) {
                continue;
            }
            stats.increment(Counter.BEACONS_RECEIVED);
            onBeacon(received, datagram.source().getHostAddress());
        }
    }

    private void onBeacon(Beacon received, String host) {
        Peer peer = peers.get(received.uuid());
        if (received.isLeaving()) {
            if (peer != null) {
                removePeer(peer, ExitReason.LEFT);
            }
            return;
        }
        long now = System.nanoTime();
        if (peer != null && portOf(peer.endpoint) != received.port()) {
            removePeer(peer, ExitReason.REPLACED); // same UUID, new mailbox: it restarted
            peer = null;
        }
        if (peer == null) {
            peer = createPeer(received.uuid(), "tcp://" + host + ":" + received.port(), now);
        }
        if (peer != null) {
            peer.viaBeacon = true;
        }
    }

    // ================================================================ peers

    private @Nullable Peer createPeer(UUID peerUuid, String peerEndpoint, long now) {
        if (peers.size() >= config.maxPeers() || !takeConnectToken(now)) {
            stats.increment(Counter.PEERS_REFUSED);
            log.debug("refused peer {} at {} ({} peers)", Uuids.toHex(peerUuid), peerEndpoint, peers.size());
            return null;
        }
        Peer peer = new Peer(peerUuid, peerEndpoint, now);
        Probe probe = probes.get(peerEndpoint);
        if (probe != null && probe.dealer != null && probe.peer == null) {
            peer.dealer = probe.dealer; // the static endpoint already said HELLO on this DEALER: keep it
            peer.sentSequence = probe.sentSequence;
            peer.connectedAt = probe.openedAt;
            probe.dealer = null;
            probe.peer = peerUuid;
            peers.put(peerUuid, peer);
            return peer;
        }
        if (!connect(peer, now)) {
            return null;
        }
        if (probe != null && probe.peer == null) {
            closeProbe(probe);
            probe.peer = peerUuid;
        }
        peers.put(peerUuid, peer);
        return peer;
    }

    private boolean takeConnectToken(long now) {
        int rate = config.maxNewPeersPerSecond();
        connectTokens = Math.min(rate, connectTokens + (now - tokensRefilledAt) * rate / 1e9);
        tokensRefilledAt = now;
        if (connectTokens < 1) {
            return false;
        }
        connectTokens -= 1;
        return true;
    }

    /** Opens a fresh DEALER to the peer and says HELLO on it (sequence 1). */
    private boolean connect(Peer peer, long now) {
        ZMQ.Socket dealer = openDealer(peer.endpoint);
        if (dealer == null) {
            return false;
        }
        peer.dealer = dealer;
        peer.sentSequence = 0;
        peer.connectedAt = now;
        send(peer, hello());
        return true;
    }

    private ZMQ.@Nullable Socket openDealer(String target) {
        ZMQ.Socket dealer;
        try {
            dealer = context.createSocket(SocketType.DEALER);
        } catch (RuntimeException e) { // JeroMQ's socket limit or the process's descriptors ran out
            stats.increment(Counter.PEERS_REFUSED);
            log.warn("ZRE node '{}': no socket for a connection to {} ({}); {} peers", name, target, e.getMessage(),
                    peers.size());
            return null;
        }
        try {
            dealer.setIdentity(identity);
            dealer.setSndHWM(config.sendHighWaterMark());
            dealer.setHandshakeIvl((int) config.handshakeInterval().toMillis());
            dealer.setLinger(0);
            dealer.setSendTimeOut(0);
            dealer.connect(target);
            return dealer;
        } catch (RuntimeException e) {
            error(ProtocolError.BAD_ENDPOINT, "cannot connect to '" + target + "': " + e.getMessage());
            context.destroySocket(dealer);
            return null;
        }
    }

    private ZreMessage.Hello hello() {
        return new ZreMessage.Hello(endpoint, List.copyOf(ownGroups), status, name, config.headers());
    }

    private void removePeer(Peer peer, ExitReason reason) {
        peers.remove(peer.uuid);
        closeDealer(peer);
        reportExit(peer, reason);
    }

    /** EXIT for a peer that had entered: out of its groups and the view, event published. */
    private void reportExit(Peer peer, ExitReason reason) {
        if (peer.ready) {
            peer.ready = false;
            for (String g : peer.groups) {
                removeFromGroup(peer, g);
            }
            stats.peerExited(reason);
            log.debug("EXIT {} {} ({})", peer.name, Uuids.toHex(peer.uuid), reason);
            publishView();
            events.publish(new ZreEvent.Exit(peer.uuid, peer.name, reason));
        }
    }

    private void removeFromGroup(Peer peer, String group) {
        Map<UUID, Peer> members = groups.get(group);
        if (members != null) {
            members.remove(peer.uuid);
            if (members.isEmpty()) {
                groups.remove(group);
            }
        }
    }

    private void closeDealer(Peer peer) {
        if (peer.dealer != null) {
            // close(), not ZContext.destroySocket(): that would reset the linger a GOODBYE was given
            peer.dealer.close();
            peer.dealer = null;
        }
    }

    /**
     * A peer whose queue overflowed lost a message, and its stream would now show a gap. Report it
     * gone and connect again: our new HELLO makes the peer re-introduce itself (EXIT, ENTER on both sides).
     */
    private void handleOverflow() {
        if (overflowed.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (Peer peer : overflowed) {
            if (peers.get(peer.uuid) != peer) {
                continue;
            }
            removePeer(peer, ExitReason.DROPPED);
            Peer again = createPeer(peer.uuid, peer.endpoint, now);
            if (again != null) {
                again.viaBeacon = peer.viaBeacon;
                stats.increment(Counter.CONNECTIONS_REBUILT);
            }
        }
        overflowed.clear();
    }

    private void publishView() {
        view = ClusterView.of(peers.values());
    }

    // ================================================================ sending

    private void send(Peer peer, ZreMessage message) {
        byte[] first = ZreCodec.encodeFirstFrame(message, peer.nextSequence());
        List<byte[]> content = message instanceof ZreMessage.Whisper w ? w.content() : List.of();
        sendFrames(peer, message.command(), first, content);
    }

    private void sendFrames(Peer peer, Command command, byte[] first, List<byte[]> content) {
        ZMQ.Socket dealer = peer.dealer;
        if (dealer == null) {
            return;
        }
        int last = content.size() - 1;
        if (!dealer.send(first, last >= 0 ? ZMQ.SNDMORE | ZMQ.DONTWAIT : ZMQ.DONTWAIT)) {
            overflow(peer, command);
            return;
        }
        long bytes = first.length;
        for (int i = 0; i <= last; i++) {
            byte[] frame = content.get(i);
            bytes += frame.length;
            dealer.send(frame, i < last ? ZMQ.SNDMORE | ZMQ.DONTWAIT : ZMQ.DONTWAIT);
        }
        peer.messagesOut++;
        stats.messageSent(command, bytes);
    }

    private void overflow(Peer peer, Command command) {
        error(ProtocolError.SEND_OVERFLOW, command + " to " + peer.name + " " + Uuids.toHex(peer.uuid)
                + ": its queue of " + config.sendHighWaterMark() + " is full; reconnecting");
        if (!overflowed.contains(peer)) {
            overflowed.add(peer);
        }
    }

    private void doJoin(String group) {
        if (ownGroups.add(group)) {
            status = (status + 1) & 0xFF;
            broadcast(new ZreMessage.Join(group, status));
        }
    }

    private void doLeave(String group) {
        if (ownGroups.remove(group)) {
            status = (status + 1) & 0xFF;
            broadcast(new ZreMessage.Leave(group, status));
        }
    }

    /**
     * Sends a JOIN/LEAVE on every connection that already carried our HELLO, like zyre: also to peers
     * that have not answered yet, else they would keep the group state of our earlier HELLO.
     */
    private void broadcast(ZreMessage message) {
        for (Peer peer : peers.values()) {
            if (peer.dealer != null) {
                send(peer, message);
            }
        }
        for (Probe probe : probes.values()) {
            if (probe.dealer != null) {
                byte[] frame = ZreCodec.encodeFirstFrame(message, probe.sentSequence = (probe.sentSequence + 1) & 0xFFFF);
                if (probe.dealer.send(frame, ZMQ.DONTWAIT)) {
                    stats.messageSent(message.command(), frame.length);
                }
            }
        }
    }

    private void doShout(String group, List<byte[]> frames) {
        Map<UUID, Peer> members = groups.get(group);
        if (members == null || members.isEmpty()) {
            return;
        }
        byte[] first = ZreCodec.encodeFirstFrame(new ZreMessage.Shout(group, List.of()), 0);
        for (Peer peer : members.values()) {
            sendFrames(peer, Command.SHOUT, ZreCodec.withSequence(first, peer.nextSequence()), frames);
        }
    }

    private void doWhisper(UUID target, List<byte[]> frames) {
        Peer peer = peers.get(target);
        if (peer == null || !peer.ready) {
            log.debug("WHISPER to unknown peer {} dropped", target);
            return;
        }
        send(peer, new ZreMessage.Whisper(frames));
    }

    // ================================================================ timers

    private void tick(long now) {
        for (Peer peer : new ArrayList<>(peers.values())) {
            if (!peer.ready) {
                // The deadline doubles with each rebuild: on a loaded host handshakes are slow,
                // and rebuilding at a fixed pace only adds to the load (50 nodes in one JVM).
                if (now - peer.connectedAt >= helloNanos << peer.rebuilds) {
                    awaitHelloAgain(peer, now);
                }
                continue;
            }
            long silence = now - peer.lastHeard;
            if (silence >= expiredNanos) {
                removePeer(peer, ExitReason.EXPIRED);
                continue;
            }
            if (silence >= pingAfterNanos && now - peer.lastPingSent >= pingAfterNanos) {
                peer.lastPingSent = now;
                send(peer, new ZreMessage.Ping());
            }
            if (silence >= evasiveNanos && !peer.evasiveReported) {
                peer.evasiveReported = true;
                peer.state = PeerState.EVASIVE;
                events.publish(new ZreEvent.Evasive(peer.uuid, peer.name));
            }
            if (silence >= silentNanos && !peer.silentReported) {
                peer.silentReported = true;
                peer.state = PeerState.SILENT;
                events.publish(new ZreEvent.Silent(peer.uuid, peer.name));
            }
        }
        tickProbes(now);
        handleOverflow();
    }

    /** No HELLO in time: rebuild the connection (a stalled ZMTP handshake), or give up after a few tries. */
    private void awaitHelloAgain(Peer peer, long now) {
        closeDealer(peer);
        if (++peer.rebuilds >= HELLO_ATTEMPTS) {
            peers.remove(peer.uuid);
            stats.increment(Counter.PEERS_ABANDONED);
            log.debug("no HELLO from {} at {}; giving up", Uuids.toHex(peer.uuid), peer.endpoint);
            return;
        }
        stats.increment(Counter.CONNECTIONS_REBUILT);
        if (!connect(peer, now)) {
            peers.remove(peer.uuid);
        }
    }

    private void tickProbes(long now) {
        for (Probe probe : probes.values()) {
            if (probe.peer != null) {
                if (peers.containsKey(probe.peer)) {
                    continue;
                }
                probe.peer = null; // its peer went away: try again
                probe.nextAttempt = now;
            }
            if (probe.dealer != null && now - probe.openedAt >= helloNanos * HELLO_ATTEMPTS) {
                closeProbe(probe);
                stats.increment(Counter.CONNECTIONS_REBUILT);
                probe.nextAttempt = now;
            }
            if (probe.dealer == null && now - probe.nextAttempt >= 0) {
                openProbe(probe, now);
            }
        }
    }

    private void openProbe(Probe probe, long now) {
        ZMQ.Socket dealer = openDealer(probe.endpoint);
        probe.nextAttempt = now + beaconNanos;
        if (dealer == null) {
            return;
        }
        probe.dealer = dealer;
        probe.openedAt = now;
        probe.sentSequence = 1;
        byte[] hello = ZreCodec.encodeFirstFrame(hello(), 1);
        if (dealer.send(hello, ZMQ.DONTWAIT)) {
            stats.messageSent(Command.HELLO, hello.length);
        }
    }

    private void closeProbe(Probe probe) {
        if (probe.dealer != null) {
            context.destroySocket(probe.dealer);
            probe.dealer = null;
        }
    }

    // ================================================================ shutdown

    /** A port-0 beacon for everyone on the network, GOODBYE to peers that never heard our beacons. */
    private void sayGoodbye() {
        if (beacon != null) {
            sendBeacon(0);
        }
        for (Peer peer : peers.values()) {
            if (peer.ready && !peer.viaBeacon && peer.dealer != null) {
                peer.dealer.setLinger(200);
                send(peer, new ZreMessage.Goodbye());
            }
        }
    }

    private void closeSockets() {
        ZContext ctx = context;
        if (ctx != null) {
            for (Peer peer : peers.values()) {
                closeDealer(peer);
            }
            for (Probe probe : probes.values()) {
                closeProbe(probe);
            }
            if (poller != null) {
                poller.close();
            }
            if (router != null) {
                ctx.destroySocket(router);
            }
            context = null;
            SharedContext.release();
        }
        peers.clear();
        groups.clear();
        view = ClusterView.EMPTY;
        if (beacon != null) {
            beacon.close();
        }
        Pipe pipe = wakePipe;
        if (pipe != null) {
            try {
                pipe.source().close();
                pipe.sink().close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    // ================================================================ helpers

    private void error(ProtocolError reason, String detail) {
        stats.protocolError(reason);
        if (log.isDebugEnabled()) {
            log.debug("node '{}': {} {}", name, reason.tag(), detail);
        }
    }

    private static boolean isTcpEndpoint(String value) {
        try {
            URI uri = new URI(value);
            return "tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static int portOf(String tcpEndpoint) {
        int colon = tcpEndpoint.lastIndexOf(':');
        try {
            return Integer.parseInt(tcpEndpoint.substring(colon + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
