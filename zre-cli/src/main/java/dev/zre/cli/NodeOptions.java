package dev.zre.cli;

import dev.zre.InvalidZreSettingException;
import dev.zre.PeerId;
import dev.zre.ZreConfig;
import dev.zre.ZreInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every node-running command shares (a picocli mixin). */
final class NodeOptions {

    @Spec(Spec.Target.MIXEE)
    @Nullable CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name announced to peers (default: the first 6 hex digits of the UUID, like zyre).")
    @Nullable String name;

    @Option(names = "--uuid", paramLabel = "UUID", description = "This node's UUID, 32 hex digits or dashed (default: random).")
    @Nullable String uuid;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", defaultValue = "auto",
            description = "Network interface: auto (first up IPv4 interface with broadcast, like zyre), loopback "
                    + "(127.0.0.1, one host), an interface name (eth0) or an IPv4 address of this host. Default: ${DEFAULT-VALUE}.")
    String networkInterface = "auto";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "5670",
            converter = Converters.PortConverter.class,
            description = "UDP beacon port, 1-65535. Default: ${DEFAULT-VALUE}.")
    int beaconPort = ZreConfig.DEFAULT_BEACON_PORT;

    @Option(names = "--header", paramLabel = "KEY=VALUE",
            description = "Header announced in HELLO; repeatable (--header X-ROLE=worker --header X-ZONE=a).")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--endpoint", paramLabel = "tcp://HOST:PORT",
            description = "Mailbox endpoint of a peer to connect to without beacons; repeatable.")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "NAME",
            description = "Find peers at every address this DNS name resolves to (a Kubernetes headless service, a Docker "
                    + "network alias), on --dns-port; resolved again every 5 s.")
    @Nullable String dnsName;

    @Option(names = "--dns-port", paramLabel = "PORT", defaultValue = "5670", converter = Converters.PortConverter.class,
            description = "TCP mailbox port of the peers behind --dns; also this node's unless --mailbox-port is set. "
                    + "Default: ${DEFAULT-VALUE}.")
    int dnsPort = ZreConfig.DEFAULT_BEACON_PORT;

    @Option(names = "--ipv6", description = "Run on the interface's IPv6 address: beacons to ff02::1 (as zyre with IPv6 on). "
            + "Automatic when --interface is an IPv6 address or the interface has no IPv4 address.")
    boolean ipv6;

    @Option(names = "--gossip", paramLabel = "tcp://HOST:PORT[|KEY]",
            description = {"ZGossip hub to tell our endpoint and learn peers from (zre gossip-hub, czmq's zgossip);",
                "repeatable. A CURVE node adds the hub's public key: tcp://host:9001|<Z85 key>."})
    List<String> gossip = new ArrayList<>();

    @Option(names = "--gossip-bind", paramLabel = "tcp://HOST:PORT",
            description = "Run a ZGossip hub in this node, bound here (e.g. tcp://*:9001).")
    @Nullable String gossipBind;

    @Option(names = "--advertise", paramLabel = "tcp://HOST:PORT",
            description = "The mailbox endpoint other nodes are told (gossip and HELLO), e.g. behind NAT or a port mapping.")
    @Nullable String advertise;

    @Option(names = "--no-beacon",
            description = "Send and receive no UDP beacons (find peers through --endpoint, --dns or --gossip only).")
    boolean noBeacon;

    @Option(names = "--beacon-address", paramLabel = "IPV4",
            description = "Where beacons go (default: the interface's broadcast address, 127.255.255.255 on loopback).")
    @Nullable String beaconAddress;

    @Option(names = "--mailbox-port", paramLabel = "PORT", defaultValue = "0",
            description = "TCP port of this node's mailbox (default 0: the --dns-port with --dns, else a free one in 49152-65535).")
    int mailboxPort;

    @Option(names = "--beacon-interval", paramLabel = "DURATION", defaultValue = "1s",
            converter = Converters.DurationConverter.class, description = "Time between beacons. Default: ${DEFAULT-VALUE}.")
    Duration beaconInterval = Duration.ofSeconds(1);

    @Option(names = "--evasive", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "Silence after which a peer is pinged and reported EVASIVE. Default: ${DEFAULT-VALUE}.")
    Duration evasive = Duration.ofSeconds(5);

    @Option(names = "--expired", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "Silence after which a peer is dropped (EXIT); longer than --evasive. Default: ${DEFAULT-VALUE}.")
    Duration expired = Duration.ofSeconds(30);

    @Option(names = "--json", description = "Print every event as one JSON line on stdout (schema in the README).")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Log protocol details on stderr.")
    boolean verbose;

    @Option(names = "--curve-secret-file", paramLabel = "FILE",
            description = "Run secured with CURVE (as zyre) using this czmq secret certificate (see 'zre keygen'); needs --allow-dir, --allow or --allow-any.")
    java.nio.file.@Nullable Path curveSecretFile;

    @Option(names = "--allow-dir", paramLabel = "DIR",
            description = "CURVE: allow the public keys of the czmq public certificates in this directory (re-read when it changes).")
    java.nio.file.@Nullable Path allowDir;

    @Option(names = "--allow", paramLabel = "KEY", description = "CURVE: allow this public key (Z85); repeatable.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--allow-any", description = "CURVE: accept any key (encrypted, but anyone with a keypair joins; zyre's default).")
    boolean allowAny;

    @Option(names = "--zap-domain", paramLabel = "DOMAIN", defaultValue = "global", description = "ZAP domain of the mailbox (default: ${DEFAULT-VALUE}).")
    String zapDomain = "global";

    @Option(names = "--plain-user", paramLabel = "USER",
            description = "Run with PLAIN (this project's nodes only; no encryption) as this user; with --plain-password.")
    @Nullable String plainUser;

    @Option(names = "--plain-password", paramLabel = "PASSWORD", description = "PLAIN: the password (never printed).")
    @Nullable String plainPassword;

    /** This tool's option for each zre-core setting ({@link InvalidZreSettingException#setting()}), for error messages. */
    private static final Map<String, String> OPTION_OF_SETTING = Map.ofEntries(
            Map.entry("name", "--name"), Map.entry("uuid", "--uuid"), Map.entry("headers", "--header"),
            Map.entry("groups", "--group"), Map.entry("group", "--group"), Map.entry("networkInterface", "--interface"),
            Map.entry("beaconPort", "--port"), Map.entry("beaconInterval", "--beacon-interval"),
            Map.entry("evasiveTimeout", "--evasive"), Map.entry("expiredTimeout", "--expired"),
            Map.entry("mailboxPort", "--mailbox-port"), Map.entry("beaconAddress", "--beacon-address"),
            Map.entry("endpoints", "--endpoint"), Map.entry("dnsName", "--dns"), Map.entry("dnsPort", "--dns-port"),
            Map.entry("gossipConnect", "--gossip"), Map.entry("gossipBind", "--gossip-bind"),
            Map.entry("advertisedEndpoint", "--advertise"));

    /** The node configuration; every bad value becomes a usage error naming the option. */
    ZreConfig toConfig(List<String> groups) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        ZreConfig.Builder b = ZreConfig.builder()
                .name(name)
                .networkInterface(networkInterface)
                .beaconEnabled(!noBeacon)
                .beaconPort(beaconPort)
                .beaconInterval(beaconInterval)
                .beaconAddress(beaconAddress)
                .evasiveTimeout(evasive)
                .expiredTimeout(expired)
                .mailboxPort(mailboxPort)
                .headers(headers)
                .endpoints(endpoints)
                .dnsName(dnsName)
                .dnsPort(dnsPort)
                .ipv6(ipv6)
                .gossipConnect(gossip)
                .gossipBind(gossipBind)
                .advertisedEndpoint(advertise)
                .groups(groups);
        if (beaconAddress != null && !beaconAddress.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
            throw usage("Invalid value for option '--beacon-address': '" + beaconAddress
                    + "' is not allowed; expected an IPv4 address such as 192.168.1.255");
        }
        if (uuid != null) {
            try {
                b.uuid(PeerId.parse(uuid).uuid());
            } catch (IllegalArgumentException e) {
                throw usage("Invalid value for option '--uuid': '" + uuid + "' is not a UUID (expected 32 hex digits or the dashed form)");
            }
        }
        b.security(security());
        ZreConfig config;
        try {
            config = b.build();
        } catch (InvalidZreSettingException e) {
            throw usage(e);
        }
        selectInterface();
        return config;
    }

    /** The security the options ask for; a usage error naming the option when they do not fit. */
    private dev.zre.security.ZreSecurity security() {
        if (curveSecretFile != null && plainUser != null) {
            throw usage("Options '--curve-secret-file' and '--plain-user' exclude each other");
        }
        if (curveSecretFile != null) {
            dev.zre.security.ZCert cert;
            try {
                cert = dev.zre.security.ZCert.read(curveSecretFile);
            } catch (java.io.IOException e) {
                throw usage("Invalid value for option '--curve-secret-file': cannot read " + curveSecretFile + " ("
                        + e.getMessage() + ")");
            }
            if (cert.secretKey() == null) {
                throw usage("Invalid value for option '--curve-secret-file': " + curveSecretFile
                        + " is a public certificate; use the _secret file");
            }
            dev.zre.security.ZreSecurity s = dev.zre.security.ZreSecurity.curve(cert.keyPair()).zapDomain(zapDomain);
            for (String key : allow) {
                try {
                    dev.zre.security.CurveKeyPair.decodeKey(key, "the key");
                } catch (IllegalArgumentException e) {
                    throw usage("Invalid value for option '--allow': '" + key + "': " + e.getMessage());
                }
            }
            s = s.allow(allow);
            if (allowDir != null) {
                if (!java.nio.file.Files.isDirectory(allowDir)) {
                    throw usage("Invalid value for option '--allow-dir': " + allowDir + " is not a directory");
                }
                s = s.allowDirectory(allowDir);
            }
            if (allowAny) {
                s = s.allowAny();
            }
            if (s.problem() != null) {
                throw usage("Option '--curve-secret-file' needs '--allow-dir', '--allow' or '--allow-any'");
            }
            return s;
        }
        if (plainUser != null) {
            if (plainPassword == null) {
                throw usage("Option '--plain-user' needs '--plain-password'");
            }
            return dev.zre.security.ZreSecurity.plain(plainUser, plainPassword).zapDomain(zapDomain);
        }
        if (allowDir != null || !allow.isEmpty() || allowAny) {
            throw usage("Options '--allow-dir', '--allow' and '--allow-any' need '--curve-secret-file'");
        }
        return dev.zre.security.ZreSecurity.none();
    }

    /** Resolves --interface now, so a bad value is a usage error rather than a failed start. */
    ZreInterface selectInterface() {
        try {
            return ZreInterface.select(networkInterface, ipv6);
        } catch (InvalidZreSettingException e) {
            throw usage(e);
        }
    }

    /** A usage error (exit code 2) naming this tool's option for a setting zre-core rejected. */
    ParameterException usage(InvalidZreSettingException e) {
        String option = OPTION_OF_SETTING.get(e.setting());
        return usage(option == null ? String.valueOf(e.getMessage())
                : "Invalid value for option '" + option + "': " + e.reason());
    }

    ParameterException usage(String message) {
        return new ParameterException(java.util.Objects.requireNonNull(spec).commandLine(), message);
    }

    /** A usage error unless the group name is 1 to 255 bytes of UTF-8, as ZRE requires. */
    void checkGroup(String what, String group) {
        int bytes = group.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > 255) {
            throw usage("Invalid value for " + what + ": '" + group + "' is not allowed; expected a group name of 1 to 255 bytes in UTF-8");
        }
    }
}
