package dev.zre.spring.autoconfigure;

import dev.zre.ZreConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Builds a {@link ZreConfig} from {@link ZreProperties} and {@link ZreNodeCustomizer customizers},
 * turning the core's rejection of a setting into an {@link InvalidZrePropertyException} that names the
 * {@code zre.*} property.
 */
final class ZreConfigFactory {

    private static final Pattern INVALID_SETTING = Pattern.compile("Invalid ZRE setting '([^']+)': '(.*)' is not allowed; expected (.*)", Pattern.DOTALL);

    private static final Map<String, String> PROPERTY_NAMES = Map.of("networkInterface", "interface", "beaconPort",
            "port");

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
        map.from(p::getPort).to(builder::beaconPort);
        map.from(p::isBeaconEnabled).to(builder::beaconEnabled);
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
        map.from(p::getEventQueueCapacity).to(builder::eventQueueCapacity);
        this.customizers.forEach((customizer) -> customizer.customize(builder));
        try {
            return builder.build();
        }
        catch (IllegalArgumentException ex) {
            throw translate(ex);
        }
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

    /**
     * Maps the core's "Invalid ZRE setting 'beaconPort': ..." to the property, e.g. {@code zre.port}.
     */
    static RuntimeException translate(IllegalArgumentException ex) {
        String message = (ex.getMessage() != null) ? ex.getMessage() : "";
        Matcher matcher = INVALID_SETTING.matcher(message);
        if (!matcher.matches()) {
            return ex;
        }
        String setting = matcher.group(1);
        String property = "zre." + PROPERTY_NAMES.getOrDefault(setting, kebab(setting));
        return new InvalidZrePropertyException(property, matcher.group(2), matcher.group(3), ex);
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

}
