package dev.zre.interop;

import static dev.zre.interop.Event.from;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the interop tests: one lab (a bridge and {@link #nodes()} node namespaces) per test class, fresh
 * peers per test, everything killed after each test and the lab deleted after the class, whatever happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
abstract class LabTest {

    /** JVM start, beacon (1 s), TCP connect and HELLO both ways, on a busy 2-core machine. */
    static final Duration DISCOVERY = Duration.ofSeconds(20);
    /** One message or group change to arrive. */
    static final Duration DELIVERY = Duration.ofSeconds(10);
    /** A peer to stop after "quit". */
    static final Duration STOP = Duration.ofSeconds(15);

    protected NetnsLab lab;
    private final List<PeerProcess> peers = new ArrayList<>();
    private Path logDir;

    /** How many node namespaces the class needs. */
    int nodes() {
        return 2;
    }

    /** Whether the nodes' addresses carry a broadcast address (the normal case). */
    boolean broadcastAddress() {
        return true;
    }

    @BeforeAll
    void createLab() {
        Interop.assumeLabAvailable();
        Interop.zyreJs(); // install once, before any deadline starts
        lab = NetnsLab.create(nodes(), broadcastAddress());
    }

    @AfterAll
    void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void logs(TestInfo test) {
        logDir = Interop.logDir(test);
    }

    @AfterEach
    void killPeers() {
        peers.forEach(PeerProcess::close);
        peers.clear();
    }

    /** A Java peer in node {@code node}'s namespace, on its veth chosen by name. */
    PeerProcess java(int node, String name, String... options) {
        return track(Interop.java(lab, lab.node(node), lab.node(node).iface(), logDir, name, options));
    }

    /** A Java peer in node {@code node}'s namespace, on its veth chosen by IPv4 address. */
    PeerProcess javaByAddress(int node, String name, String... options) {
        return track(Interop.java(lab, lab.node(node), lab.node(node).address(), logDir, name, options));
    }

    /** A zyre.js peer in node {@code node}'s namespace, on its veth chosen by name. */
    PeerProcess js(int node, String name, String... options) {
        return track(Interop.js(lab, lab.node(node), lab.node(node).iface(), logDir, name, options));
    }

    /** A zyre.js peer in node {@code node}'s namespace, on its veth chosen by IPv4 address. */
    PeerProcess jsByAddress(int node, String name, String... options) {
        return track(Interop.js(lab, lab.node(node), lab.node(node).address(), logDir, name, options));
    }

    /** Where this test's peer logs go. */
    Path logDir() {
        return logDir;
    }

    /** Registers a peer started some other way, so it is killed after the test. */
    PeerProcess track(PeerProcess p) {
        peers.add(p);
        return p;
    }

    /** Waits until {@code a} and {@code b} have each seen the other ENTER. */
    static void meet(PeerProcess a, PeerProcess b) {
        String aId = a.ready(DISCOVERY).uuid();
        String bId = b.ready(DISCOVERY).uuid();
        a.await("ENTER of " + b, DISCOVERY, from("ENTER", bId));
        b.await("ENTER of " + a, DISCOVERY, from("ENTER", aId));
    }

    /** Every peer joins {@code group} and waits until it has seen every other one join it. */
    static void joinAll(String group, PeerProcess... all) {
        for (PeerProcess p : all) {
            p.join(group);
        }
        for (PeerProcess p : all) {
            for (PeerProcess other : all) {
                if (other != p) {
                    p.await("JOIN " + group + " of " + other, DELIVERY, from("JOIN", other.uuid(), group));
                }
            }
        }
    }
}
