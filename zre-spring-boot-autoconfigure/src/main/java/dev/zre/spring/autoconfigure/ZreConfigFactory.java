package dev.zre.spring.autoconfigure;

import dev.zre.ZreConfig;
import dev.zre.InvalidZreSettingException;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Builds a {@link ZreConfig} from {@link ZreProperties} and {@link ZreNodeCustomizer customizers},
 * turning the core's rejection of a setting into Boot's
 * {@link org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException}
 * for the {@code zre.*} property (see {@link ZreSettingProperties}).
 */
final class ZreConfigFactory {

    private final ZreProperties properties;

    private final Environment environment;

    private final List<ZreNodeCustomizer> customizers;

    ZreConfigFactory(ZreProperties properties, Environment environment, List<ZreNodeCustomizer> customizers) {
        this.properties = properties;
        this.environment = environment;
        this.customizers = customizers;
    }

    ZreConfig create() {
        ZreConfig.Builder builder = ZreConfig.builder();
        ZreProperties p = this.properties;
        PropertyMapper map = PropertyMapper.get();
        map.from(this::nodeName).to(builder::name);
        map.from(p::getUuid).to(builder::uuid);
        map.from(p::getHeaders).to(builder::headers);
        map.from(p::getGroups).to(builder::groups);
        map.from(p::getNetworkInterface).to(builder::networkInterface);
        map.from(p::isIpv6).to(builder::ipv6);
        map.from(p::getPort).to(builder::beaconPort);
        map.from(this::beaconEnabled).to(builder::beaconEnabled);
        map.from(p::getBeaconInterval).to(builder::beaconInterval);
        map.from(p::getBeaconAddress).to(builder::beaconAddress);
        map.from(p::getEvasiveTimeout).to(builder::evasiveTimeout);
        map.from(p::getExpiredTimeout).to(builder::expiredTimeout);
        map.from(p::getMailboxPort).to(builder::mailboxPort);
        map.from(p::getEndpoints).to(builder::endpoints);
        map.from(p::getSendHighWaterMark).to(builder::sendHighWaterMark);
        map.from(p::getHandshakeInterval).to(builder::handshakeInterval);
        map.from(p::getHelloTimeout).to(builder::helloTimeout);
        map.from(p::getMaxPeers).to(builder::maxPeers);
        map.from(p::getMaxNewPeersPerSecond).to(builder::maxNewPeersPerSecond);
        map.from(p::getMaxPendingPeers).to(builder::maxPendingPeers);
        map.from(p::getEventQueueCapacity).to(builder::eventQueueCapacity);
        map.from(p::getIoThreads).to(builder::ioThreads);
        ZreProperties.Discovery.Dns dns = p.getDiscovery().getDns();
        map.from(dns::getName).whenHasText().to(builder::dnsName);
        map.from(dns::getPort).to(builder::dnsPort);
        map.from(dns::getInterval).to(builder::dnsInterval);
        map.from(dns::getMaxAddresses).to(builder::dnsMaxAddresses);
        map.from(p.getDiscovery().getGossip()::getConnect).to(builder::gossipConnect);
        map.from(p.getDiscovery().getGossip()::getBind).to(builder::gossipBind);
        map.from(p.getDiscovery()::getAdvertisedEndpoint).to(builder::advertisedEndpoint);
        map.from(p.getElection()::getContest).to(builder::contest);
        map.from(p.getElection()::getTimeout).to(builder::electionTimeout);
        this.customizers.forEach((customizer) -> customizer.customize(builder));
        try {
            return builder.build();
        }
        catch (InvalidZreSettingException ex) {
            throw ZreSettingProperties.translate(ex);
        }
    }

    /** Beacons are off when either the new property or the deprecated 'zre.beacon-enabled' says so. */
    @SuppressWarnings("deprecation")
    private boolean beaconEnabled() {
        return this.properties.getDiscovery().getBeacon().isEnabled() && this.properties.isBeaconEnabled();
    }

    private @Nullable String nodeName() {
        if (StringUtils.hasText(this.properties.getName())) {
            return this.properties.getName();
        }
        String applicationName = this.environment.getProperty("spring.application.name");
        if (StringUtils.hasText(applicationName)) {
            return applicationName;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (Exception ex) {
            return null;
        }
    }

}
