package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listening to beacons through the public API, as {@code zre monitor --silent} does. */
class ZreBeaconMonitorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void loopbackResolvesToTheLoopbackBroadcast() {
        ZreInterface lo = ZreInterface.select(ZreConfig.LOOPBACK);
        assertThat(lo.loopback()).isTrue();
        assertThat(lo.address()).isEqualTo("127.0.0.1");
        assertThat(lo.broadcastAddress()).isEqualTo("127.255.255.255");
    }

    @Test
    void unknownInterfaceNamesTheSettingAndTheChoices() {
        InvalidZreSettingException e = catchThrowableOfType(InvalidZreSettingException.class,
                () -> ZreInterface.select("no-such-if0"));
        assertThat(e.setting()).isEqualTo("networkInterface");
        assertThat(e.expected()).contains("127.0.0.1");
    }

    @Test
    void hearsANodesBeaconsItsGoodbyeAndMalformedDatagrams() throws Exception {
        Heard heard = new Heard();
        try (TestNodes nodes = new TestNodes();
                ZreBeaconMonitor monitor = ZreBeaconMonitor.open(ZreInterface.select(ZreConfig.LOOPBACK), nodes.beaconPort)) {
            ZreNode node = nodes.start("beaconing").node();
            PeerId id = PeerId.of(node.uuid());
            String port = node.endpoint().orElseThrow().replaceAll(".*:", "");
            pollUntil(monitor, heard, "a beacon of the node", () -> heard.beacons.stream()
                    .anyMatch(b -> b.peer().equals(id) && !b.leaving() && b.endpoint().equals("tcp://127.0.0.1:" + port)));

            RawPeer.sendDatagram(nodes.beaconPort, "not a beacon".getBytes(StandardCharsets.US_ASCII));
            pollUntil(monitor, heard, "the malformed datagram", () -> heard.malformed > 0);

            node.stop();
            pollUntil(monitor, heard, "the goodbye beacon", () -> heard.beacons.stream()
                    .anyMatch(b -> b.peer().equals(id) && b.leaving()));
        }
    }

    @Test
    void portOutOfRangeNamesTheSetting() {
        InvalidZreSettingException e = catchThrowableOfType(InvalidZreSettingException.class,
                () -> ZreBeaconMonitor.open(ZreInterface.select(ZreConfig.LOOPBACK), 70000));
        assertThat(e.setting()).isEqualTo("beaconPort");
    }

    private static void pollUntil(ZreBeaconMonitor monitor, Heard heard, String what,
            java.util.function.BooleanSupplier condition) throws Exception {
        TestNodes.eventually(DEADLINE, what, () -> {
            try {
                monitor.poll(Duration.ofMillis(50), heard);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return condition.getAsBoolean();
        });
    }

    private static final class Heard implements ZreBeaconMonitor.Listener {
        final List<ZreBeaconMonitor.HeardBeacon> beacons = new ArrayList<>();
        int malformed;

        @Override
        public void onBeacon(ZreBeaconMonitor.HeardBeacon beacon) {
            beacons.add(beacon);
        }

        @Override
        public void onMalformed(String address) {
            malformed++;
        }
    }
}
