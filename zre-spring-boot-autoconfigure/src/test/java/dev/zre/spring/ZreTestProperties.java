package dev.zre.spring;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Network-safe properties for tests: loopback only, a random beacon port per cluster, fast beacons.
 */
public final class ZreTestProperties {

    private ZreTestProperties() {
    }

    /** A random beacon port for one test cluster. */
    public static int randomBeaconPort() {
        return ThreadLocalRandom.current().nextInt(20000, 30000);
    }

    /**
     * Properties of a node of the cluster on a beacon port.
     * @param name the node name
     * @param beaconPort the cluster's beacon port
     * @return property pairs for a context runner
     */
    public static String[] loopback(String name, int beaconPort) {
        return new String[] { "zre.name=" + name, "zre.interface=loopback", "zre.port=" + beaconPort,
                "zre.beacon-interval=100ms" };
    }

}
