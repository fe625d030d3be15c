package dev.zre.spring.test;

import dev.zre.ZreConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The node settings of a test cluster: loopback only (beacons to 127.255.255.255, mailboxes on
 * 127.0.0.1), a beacon port of its own, fast beacons and short timeouts, so that the nodes of one test
 * find each other in milliseconds, a stopped one is noticed in seconds, and nothing leaves the machine.
 *
 * <p>{@link #shared()} is the cluster of the whole test JVM: {@code @AutoConfigureZre} puts the
 * application's node in it and a {@link ZreTestPeer} joins it unless told otherwise.
 *
 * @param beaconPort the UDP beacon port every node of the cluster uses
 */
public record ZreTestSettings(int beaconPort) {

    /** The system property that fixes the shared beacon port (else a random one in 20000..29999). */
    public static final String BEACON_PORT_PROPERTY = "zre.test.beacon-port";

    /** Time between beacons: a new node is found within this. */
    public static final Duration BEACON_INTERVAL = Duration.ofMillis(50);

    /** A peer silent this long is pinged and reported EVASIVE. */
    public static final Duration EVASIVE_TIMEOUT = Duration.ofSeconds(1);

    /** A peer silent this long is dropped (EXIT). Long enough for a JVM pause on a busy build machine. */
    public static final Duration EXPIRED_TIMEOUT = Duration.ofSeconds(5);

    /** How long a discovered peer may take to say HELLO before its connection is rebuilt. */
    public static final Duration HELLO_TIMEOUT = Duration.ofSeconds(1);

    private static final ZreTestSettings SHARED = new ZreTestSettings(sharedBeaconPort());

    public ZreTestSettings {
        if (beaconPort < 1 || beaconPort > 65535) {
            throw new IllegalArgumentException("beaconPort must be a port from 1 to 65535, not " + beaconPort);
        }
    }

    /** The cluster shared by every test of this JVM. */
    public static ZreTestSettings shared() {
        return SHARED;
    }

    /** A cluster of its own, on a random beacon port that no other test of this JVM uses by chance. */
    public static ZreTestSettings isolated() {
        int port;
        do {
            port = randomBeaconPort();
        } while (port == SHARED.beaconPort);
        return new ZreTestSettings(port);
    }

    /** The {@code zre.*} properties that put an auto-configured node into this cluster. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("zre.interface", ZreConfig.LOOPBACK);
        properties.put("zre.port", beaconPort);
        properties.put("zre.beacon-interval", BEACON_INTERVAL.toMillis() + "ms");
        properties.put("zre.evasive-timeout", EVASIVE_TIMEOUT.toMillis() + "ms");
        properties.put("zre.expired-timeout", EXPIRED_TIMEOUT.toMillis() + "ms");
        properties.put("zre.hello-timeout", HELLO_TIMEOUT.toMillis() + "ms");
        return properties;
    }

    /** A node configuration in this cluster, to add a name, groups and headers to. */
    public ZreConfig.Builder configure(ZreConfig.Builder builder) {
        return builder.networkInterface(ZreConfig.LOOPBACK)
                .beaconPort(beaconPort)
                .beaconInterval(BEACON_INTERVAL)
                .evasiveTimeout(EVASIVE_TIMEOUT)
                .expiredTimeout(EXPIRED_TIMEOUT)
                .helloTimeout(HELLO_TIMEOUT);
    }

    private static int sharedBeaconPort() {
        String fixed = System.getProperty(BEACON_PORT_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            try {
                return Integer.parseInt(fixed.trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(BEACON_PORT_PROPERTY + " must be a port, not '" + fixed + "'", ex);
            }
        }
        return randomBeaconPort();
    }

    private static int randomBeaconPort() {
        // far below the ephemeral range (mailboxes use 49152..65535) and away from ZRE's 5670
        return ThreadLocalRandom.current().nextInt(20000, 30000);
    }
}
