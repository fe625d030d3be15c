package dev.zre.spring.autoconfigure;

import dev.zre.security.ZreSecurity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Transport security of the application's ZRE node, bound from {@code zre.security.*}. CURVE is
 * zyre's (encrypted, allow-list of public keys); PLAIN is a username and password between nodes of
 * this project only and encrypts nothing. Secrets are never shown by {@code /actuator/zre} or in
 * startup failures.
 */
@ConfigurationProperties("zre.security")
public class ZreSecurityProperties {

    /**
     * Security mechanism of every ZRE link: NULL (none, the default), CURVE (as zyre) or PLAIN.
     */
    private ZreSecurity.Mechanism mechanism = ZreSecurity.Mechanism.NULL;

    /**
     * ZAP domain of the node's mailbox.
     */
    private String zapDomain = ZreSecurity.DEFAULT_ZAP_DOMAIN;

    private final Curve curve = new Curve();

    private final Plain plain = new Plain();

    public ZreSecurity.Mechanism getMechanism() {
        return this.mechanism;
    }

    public void setMechanism(ZreSecurity.Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    public String getZapDomain() {
        return this.zapDomain;
    }

    public void setZapDomain(String zapDomain) {
        this.zapDomain = zapDomain;
    }

    public Curve getCurve() {
        return this.curve;
    }

    public Plain getPlain() {
        return this.plain;
    }

    /** CURVE: the node's keypair and who may connect. */
    public static class Curve {

        /**
         * The node's czmq secret certificate file (zcert, with public-key and secret-key), e.g. one
         * written by 'zre keygen'. Alternative to public-key and secret-key.
         */
        private @Nullable Path keyFile;

        /**
         * The node's public key (Z85, 40 characters); with secret-key.
         */
        private @Nullable String publicKey;

        /**
         * The node's secret key (Z85, 40 characters); with public-key. Never shown.
         */
        private @Nullable String secretKey;

        /**
         * Public keys (Z85) allowed to connect.
         */
        private List<String> allow = new ArrayList<>();

        /**
         * Directory of czmq public certificates allowed to connect; re-read when it changes.
         */
        private @Nullable Path allowDir;

        /**
         * Accept any CURVE client: encrypted, but anyone with a keypair joins (zyre's default).
         */
        private boolean allowAny;

        public @Nullable Path getKeyFile() {
            return this.keyFile;
        }

        public void setKeyFile(@Nullable Path keyFile) {
            this.keyFile = keyFile;
        }

        public @Nullable String getPublicKey() {
            return this.publicKey;
        }

        public void setPublicKey(@Nullable String publicKey) {
            this.publicKey = publicKey;
        }

        public @Nullable String getSecretKey() {
            return this.secretKey;
        }

        public void setSecretKey(@Nullable String secretKey) {
            this.secretKey = secretKey;
        }

        public List<String> getAllow() {
            return this.allow;
        }

        public void setAllow(List<String> allow) {
            this.allow = allow;
        }

        public @Nullable Path getAllowDir() {
            return this.allowDir;
        }

        public void setAllowDir(@Nullable Path allowDir) {
            this.allowDir = allowDir;
        }

        public boolean isAllowAny() {
            return this.allowAny;
        }

        public void setAllowAny(boolean allowAny) {
            this.allowAny = allowAny;
        }

    }

    /** PLAIN: the account this node logs in with, and the accounts it accepts. */
    public static class Plain {

        /**
         * Username this node logs in to others with.
         */
        private @Nullable String username;

        /**
         * Password this node logs in to others with. Sent in clear by PLAIN; never shown.
         */
        private @Nullable String password;

        /**
         * Further accounts (username to password) this node accepts; its own account is always accepted.
         */
        private Map<String, String> accounts = new LinkedHashMap<>();

        public @Nullable String getUsername() {
            return this.username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public Map<String, String> getAccounts() {
            return this.accounts;
        }

        public void setAccounts(Map<String, String> accounts) {
            this.accounts = accounts;
        }

    }

}
