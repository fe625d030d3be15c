package dev.zre.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a node secures its links: every socket of the node uses the same mechanism.
 * <ul>
 * <li>{@link #none()}: ZMTP's NULL mechanism, ZRE's default. Anyone who can reach the node joins;
 * nothing is encrypted.</li>
 * <li>{@link #curve(CurveKeyPair)}: CURVE exactly as zyre does it (v3 beacons carrying the public
 * key, {@code X-PUBLICKEY} in HELLO). Traffic is encrypted. Who may connect is decided by an
 * allow-list of public keys ({@link #allow}, {@link #allowDirectory}) or, explicitly,
 * {@link #allowAny()} — zyre's default, which means "anyone with a keypair", not "nobody unknown".</li>
 * <li>{@link #plain(String, String)}: ZMTP PLAIN, between nodes of this project only (zyre has
 * none). It checks a username and password, sent in clear: it encrypts nothing.</li>
 * </ul>
 * Immutable; the {@code with}-style methods return a copy. {@link #toString()} never shows a
 * secret key or a password.
 */
public final class ZreSecurity {

    /** The ZMTP security mechanism. */
    public enum Mechanism {
        NULL, CURVE, PLAIN
    }

    /** zyre's and libzmq's usual ZAP domain. */
    public static final String DEFAULT_ZAP_DOMAIN = "global";

    private static final ZreSecurity NONE = new ZreSecurity(Mechanism.NULL, null, Set.of(), null, false,
            DEFAULT_ZAP_DOMAIN, null, null, Map.of());

    private final Mechanism mechanism;
    private final @Nullable CurveKeyPair keyPair;
    private final Set<String> allowedKeys;
    private final @Nullable Path allowDirectory;
    private final boolean allowAny;
    private final String zapDomain;
    private final @Nullable String plainUsername;
    private final @Nullable String plainPassword;
    private final Map<String, String> plainAccounts;

    private ZreSecurity(Mechanism mechanism, @Nullable CurveKeyPair keyPair, Set<String> allowedKeys,
            @Nullable Path allowDirectory, boolean allowAny, String zapDomain, @Nullable String plainUsername,
            @Nullable String plainPassword, Map<String, String> plainAccounts) {
        this.mechanism = mechanism;
        this.keyPair = keyPair;
        this.allowedKeys = Set.copyOf(allowedKeys);
        this.allowDirectory = allowDirectory;
        this.allowAny = allowAny;
        this.zapDomain = zapDomain;
        this.plainUsername = plainUsername;
        this.plainPassword = plainPassword;
        this.plainAccounts = Map.copyOf(plainAccounts);
    }

    /** NULL: no security (the default). */
    public static ZreSecurity none() {
        return NONE;
    }

    /** CURVE with this node's keypair; add an allow-list or {@link #allowAny()}. */
    public static ZreSecurity curve(CurveKeyPair keyPair) {
        return new ZreSecurity(Mechanism.CURVE, Objects.requireNonNull(keyPair, "keyPair"), Set.of(), null, false,
                DEFAULT_ZAP_DOMAIN, null, null, Map.of());
    }

    /**
     * PLAIN: this node logs in to others with the username and password, and accepts the same
     * account (add more with {@link #accept}).
     */
    public static ZreSecurity plain(String username, String password) {
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put(username, password);
        return new ZreSecurity(Mechanism.PLAIN, null, Set.of(), null, false, DEFAULT_ZAP_DOMAIN,
                Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"), accounts);
    }

    /** Also allows these public keys (Z85, 40 characters each). */
    public ZreSecurity allow(String... z85PublicKeys) {
        return allow(List.of(z85PublicKeys));
    }

    /** Also allows these public keys (Z85, 40 characters each). */
    public ZreSecurity allow(Iterable<String> z85PublicKeys) {
        Set<String> keys = new LinkedHashSet<>(allowedKeys);
        for (String k : z85PublicKeys) {
            keys.add(Objects.requireNonNull(k, "public key"));
        }
        return new ZreSecurity(mechanism, keyPair, keys, allowDirectory, allowAny, zapDomain, plainUsername,
                plainPassword, plainAccounts);
    }

    /** Also allows every public key found in czmq public-cert files in this directory (re-read when it changes). */
    public ZreSecurity allowDirectory(@Nullable Path directory) {
        return new ZreSecurity(mechanism, keyPair, allowedKeys, directory, allowAny, zapDomain, plainUsername,
                plainPassword, plainAccounts);
    }

    /** Accepts any CURVE client: encrypted, but anyone with a keypair is in (zyre's default). */
    public ZreSecurity allowAny() {
        return new ZreSecurity(mechanism, keyPair, allowedKeys, allowDirectory, true, zapDomain, plainUsername,
                plainPassword, plainAccounts);
    }

    /** The ZAP domain of the node's mailbox ({@value #DEFAULT_ZAP_DOMAIN} by default). */
    public ZreSecurity zapDomain(String domain) {
        return new ZreSecurity(mechanism, keyPair, allowedKeys, allowDirectory, allowAny,
                Objects.requireNonNull(domain, "zapDomain"), plainUsername, plainPassword, plainAccounts);
    }

    /** PLAIN: also accepts this account from connecting nodes. */
    public ZreSecurity accept(String username, String password) {
        Map<String, String> accounts = new LinkedHashMap<>(plainAccounts);
        accounts.put(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
        return new ZreSecurity(mechanism, keyPair, allowedKeys, allowDirectory, allowAny, zapDomain, plainUsername,
                plainPassword, accounts);
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /** The node's CURVE keypair, or null unless CURVE. */
    public @Nullable CurveKeyPair keyPair() {
        return keyPair;
    }

    /** The node's public key in Z85, or null unless CURVE. */
    public @Nullable String publicKeyZ85() {
        return keyPair == null ? null : keyPair.publicKeyZ85();
    }

    public Set<String> allowedKeys() {
        return allowedKeys;
    }

    public @Nullable Path allowDirectory() {
        return allowDirectory;
    }

    public boolean allowsAny() {
        return allowAny;
    }

    public String zapDomain() {
        return zapDomain;
    }

    /** PLAIN: the username this node logs in with. */
    public @Nullable String plainUsername() {
        return plainUsername;
    }

    /** PLAIN: the password this node logs in with (never logged). */
    public @Nullable String plainPassword() {
        return plainPassword;
    }

    /** PLAIN: the accounts this node accepts (passwords never logged). */
    public Map<String, String> plainAccounts() {
        return plainAccounts;
    }

    /**
     * What is wrong with this setting, or null when it can be used: CURVE needs an allow-list or
     * allow-any, and keys that decode.
     */
    public @Nullable String problem() {
        if (mechanism == Mechanism.CURVE) {
            if (!allowAny && allowedKeys.isEmpty() && allowDirectory == null) {
                return "CURVE needs an allow-list (keys or a directory of public certificates) or allow-any";
            }
            for (String k : allowedKeys) {
                try {
                    CurveKeyPair.decodeKey(k, "allowed key");
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
        }
        if (zapDomain.length() > 254) {
            return "the ZAP domain has at most 254 characters";
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZreSecurity s && mechanism == s.mechanism && Objects.equals(keyPair, s.keyPair)
                && allowedKeys.equals(s.allowedKeys) && Objects.equals(allowDirectory, s.allowDirectory)
                && allowAny == s.allowAny && zapDomain.equals(s.zapDomain)
                && Objects.equals(plainUsername, s.plainUsername) && Objects.equals(plainPassword, s.plainPassword)
                && plainAccounts.equals(s.plainAccounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mechanism, keyPair, allowedKeys, allowDirectory, allowAny, zapDomain, plainUsername);
    }

    /** Shows the mechanism, public key and allow-list; never a secret key or password. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(mechanism.name());
        if (keyPair != null) {
            parts.add("publicKey=" + keyPair.publicKeyZ85());
        }
        if (mechanism == Mechanism.CURVE) {
            parts.add(allowAny ? "allowAny" : "allowed=" + allowedKeys.size() + " keys"
                    + (allowDirectory != null ? " + " + allowDirectory : ""));
            parts.add("zapDomain=" + zapDomain);
        }
        if (plainUsername != null) {
            parts.add("username=" + plainUsername + ", accounts=" + plainAccounts.keySet());
        }
        return "ZreSecurity" + parts;
    }
}
