package dev.zre.internal.election;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Several election engines in one group, wired by an in-memory network that delivers every message
 * in the order it was sent (like a node reading its one mailbox). Membership changes reach every node
 * at once; nodes can be silent, messages can be lost, and the network can be split and healed.
 */
final class ElectionNetwork {

    static final String G = "G";

    /** A message on its way. */
    record Message(PeerId from, PeerId to, boolean elect, PeerId id) {
    }

    /** One node: its engine and the leaders it decided, in order. */
    static final class Node {
        final PeerId id;
        final LeaderElections engine;
        final List<PeerId> decisions = new ArrayList<>();

        Node(PeerId id, LeaderElections engine) {
            this.id = id;
            this.engine = engine;
        }

        PeerId lastDecision() {
            assertThat(decisions).as("decisions of %s", id).isNotEmpty();
            return decisions.get(decisions.size() - 1);
        }
    }

    final Duration timeout;
    final AtomicLong clock = new AtomicLong();
    final Map<PeerId, Node> nodes = new LinkedHashMap<>();
    private final Set<PeerId> silent = new HashSet<>();
    private final Set<Set<PeerId>> cut = new HashSet<>();
    private final ArrayDeque<Message> inFlight = new ArrayDeque<>();
    private Predicate<Message> lose = m -> false;

    ElectionNetwork(Duration timeout) {
        this.timeout = timeout;
    }

    /** A node joins G (contesting or not) and says HELLO to everyone it can reach. */
    Node start(PeerId id, boolean contest) {
        LeaderElections engine = new LeaderElections(id, timeout, clock::get, new ElectionOutput() {
            @Override
            public void sendElect(PeerId to, String group, PeerId challenger) {
                inFlight.add(new Message(id, to, true, challenger));
            }

            @Override
            public void sendLeader(PeerId to, String group, PeerId leader) {
                inFlight.add(new Message(id, to, false, leader));
            }

            @Override
            public void leaderDecided(String group, PeerId leader) {
                nodes.get(id).decisions.add(leader);
            }
        });
        Node node = new Node(id, engine);
        nodes.put(id, node);
        if (contest) {
            engine.contest(G);
        }
        engine.joined(G);
        for (PeerId s : silent) {
            engine.peerEntered(s, List.of(G));
        }
        for (PeerId other : List.copyOf(nodes.keySet())) {
            if (!other.equals(id) && linked(id, other)) {
                meet(id, other);
            }
        }
        return node;
    }

    /** A member that is in G for everyone but never reads nor answers anything. */
    void startSilent(PeerId id) {
        silent.add(id);
        for (Node node : nodes.values()) {
            node.engine.peerEntered(id, List.of(G));
        }
    }

    /** The node stops: everyone still linked to it sees its EXIT. */
    void stop(PeerId id) {
        nodes.remove(id);
        silent.remove(id);
        for (Node node : nodes.values()) {
            if (linked(node.id, id)) {
                node.engine.peerExited(id);
            }
        }
    }

    /** The node stops, and only these nodes see its EXIT yet (the others later: {@link #exitSeenBy}). */
    void stopSeenBy(PeerId id, PeerId... observers) {
        nodes.remove(id);
        silent.remove(id);
        exitSeenBy(id, observers);
    }

    /** These nodes see the EXIT of a node stopped earlier. */
    void exitSeenBy(PeerId id, PeerId... observers) {
        for (PeerId observer : observers) {
            nodes.get(observer).engine.peerExited(id);
        }
    }

    /** Cuts every link between the given nodes and the rest; each side sees the other side EXIT. */
    void split(PeerId... side) {
        Set<PeerId> a = Set.of(side);
        for (PeerId x : a) {
            for (PeerId y : List.copyOf(nodes.keySet())) {
                if (!a.contains(y)) {
                    cut.add(Set.of(x, y));
                    nodes.get(x).engine.peerExited(y);
                    nodes.get(y).engine.peerExited(x);
                }
            }
        }
    }

    /** Restores every link: the nodes rediscover each other (HELLO both ways). */
    void heal() {
        List<Set<PeerId>> links = List.copyOf(cut);
        cut.clear();
        for (Set<PeerId> link : links) {
            List<PeerId> pair = List.copyOf(link);
            meet(pair.get(0), pair.get(1));
        }
    }

    /** Messages matching this are lost from now on. */
    void lose(Predicate<Message> predicate) {
        lose = predicate;
    }

    /** Delivers messages (and those they cause) until none is left. */
    void settle() {
        int delivered = 0;
        while (!inFlight.isEmpty()) {
            assertThat(++delivered).as("messages delivered: the election does not converge").isLessThan(100_000);
            deliverNext();
        }
    }

    private void deliverNext() {
        Message m = inFlight.poll();
        Node to = nodes.get(m.to());
        if (to == null || lose.test(m) || !linked(m.from(), m.to())) {
            return;
        }
        if (m.elect()) {
            to.engine.electReceived(m.from(), G, m.id());
        } else {
            to.engine.leaderReceived(m.from(), G, m.id());
        }
    }

    /** A (repeated) HELLO from one node reaches another, as when a link is rebuilt. */
    void hello(PeerId from, PeerId to) {
        nodes.get(to).engine.peerEntered(from, List.of(G));
    }

    /** Delivers at most this many messages (and queues those they cause). */
    void deliver(int count) {
        for (int i = 0; i < count && !inFlight.isEmpty(); i++) {
            deliverNext();
        }
    }

    /** Lets time pass and runs the watchdog of the given nodes only. */
    void passTime(Duration time, PeerId... watchdogs) {
        clock.addAndGet(time.toNanos());
        for (PeerId id : watchdogs) {
            nodes.get(id).engine.checkTimeouts();
        }
    }

    /** Lets the election timeout pass and runs every node's watchdog. */
    void passTimeout() {
        clock.addAndGet(timeout.toNanos());
        for (Node node : List.copyOf(nodes.values())) {
            node.engine.checkTimeouts();
        }
    }

    Node node(PeerId id) {
        return nodes.get(id);
    }

    private void meet(PeerId a, PeerId b) {
        nodes.get(a).engine.peerEntered(b, List.of(G));
        nodes.get(b).engine.peerEntered(a, List.of(G));
    }

    private boolean linked(PeerId a, PeerId b) {
        return !cut.contains(Set.of(a, b));
    }
}
