package dev.zre.spring.autoconfigure;

import dev.zre.InvalidZreSettingException;
import dev.zre.ZreConfig;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The {@code zre.*} property behind each {@link ZreConfig} setting, so that a setting zre-core rejects
 * is reported under the name the user wrote, by Boot's own failure analysis of an
 * {@link InvalidConfigurationPropertyValueException}.
 */
final class ZreSettingProperties {

    private static final Map<String, String> PROPERTY_OF_SETTING = Map.ofEntries(
            Map.entry("name", "zre.name"),
            Map.entry("uuid", "zre.uuid"),
            Map.entry("headers", "zre.headers"),
            Map.entry("groups", "zre.groups"),
            Map.entry("group", "zre.groups"),
            Map.entry("networkInterface", "zre.interface"),
            Map.entry("beaconEnabled", "zre.discovery.beacon.enabled"),
            Map.entry("beaconPort", "zre.port"),
            Map.entry("beaconInterval", "zre.beacon-interval"),
            Map.entry("beaconAddress", "zre.beacon-address"),
            Map.entry("evasiveTimeout", "zre.evasive-timeout"),
            Map.entry("expiredTimeout", "zre.expired-timeout"),
            Map.entry("mailboxPort", "zre.mailbox-port"),
            Map.entry("endpoints", "zre.endpoints"),
            Map.entry("sendHighWaterMark", "zre.send-high-water-mark"),
            Map.entry("handshakeInterval", "zre.handshake-interval"),
            Map.entry("helloTimeout", "zre.hello-timeout"),
            Map.entry("maxPeers", "zre.max-peers"),
            Map.entry("maxNewPeersPerSecond", "zre.max-new-peers-per-second"),
            Map.entry("maxPendingPeers", "zre.max-pending-peers"),
            Map.entry("eventQueueCapacity", "zre.event-queue-capacity"),
            Map.entry("ioThreads", "zre.io-threads"),
            Map.entry("security", "zre.security"),
            Map.entry("gossipConnect", "zre.discovery.gossip.connect"),
            Map.entry("gossipBind", "zre.discovery.gossip.bind"),
            Map.entry("advertisedEndpoint", "zre.discovery.advertised-endpoint"),

            Map.entry("dnsName", "zre.discovery.dns.name"),
            Map.entry("dnsPort", "zre.discovery.dns.port"),
            Map.entry("dnsInterval", "zre.discovery.dns.interval"),
            Map.entry("dnsMaxAddresses", "zre.discovery.dns.max-addresses"),

            Map.entry("contested", "zre.election.contest"),
            Map.entry("electionTimeout", "zre.election.timeout"));

    private ZreSettingProperties() {
    }

    /** The property of a setting, e.g. {@code zre.port} for {@code beaconPort}. */
    static Optional<String> propertyOf(String setting) {
        return Optional.ofNullable(PROPERTY_OF_SETTING.get(setting));
    }

    /**
     * The failure to report for one that may hold a rejected setting (a node that could not start, a
     * configuration that could not be built): the property's invalid value when it does, else the
     * failure itself.
     */
    static RuntimeException translate(RuntimeException failure) {
        return InvalidZreSettingException.in(failure)
            .flatMap((invalid) -> propertyOf(invalid.setting())
                .map((property) -> (RuntimeException) new InvalidConfigurationPropertyValueException(property,
                        invalid.value(), invalid.reason(), invalid)))
            .orElse(failure);
    }

}
