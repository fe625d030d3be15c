package dev.zre.spring.autoconfigure;

import dev.zre.InvalidZreSettingException;
import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZCert;
import dev.zre.security.ZreSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Builds the node's {@link ZreSecurity} from {@link ZreSecurityProperties}. A malformed key, a
 * missing file or a mechanism without its keys fails startup naming the property; a secret never
 * appears in the failure.
 */
final class ZreSecurityFactory {

    private static final String CURVE = "zre.security.curve.";

    private ZreSecurityFactory() {
    }

    static ZreSecurity create(ZreSecurityProperties p) {
        ZreSecurity security = switch (p.getMechanism()) {
            case NULL -> ZreSecurity.none();
            case CURVE -> curve(p.getCurve());
            case PLAIN -> plain(p.getPlain());
        };
        if (p.getMechanism() != ZreSecurity.Mechanism.NULL) {
            security = security.zapDomain(p.getZapDomain());
        }
        return security;
    }

    private static ZreSecurity curve(ZreSecurityProperties.Curve c) {
        ZreSecurity security = ZreSecurity.curve(keyPair(c));
        for (int i = 0; i < c.getAllow().size(); i++) {
            String key = c.getAllow().get(i);
            try {
                CurveKeyPair.decodeKey(key, "an allowed key");
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException(CURVE + "allow[" + i + "]", key, ex.getMessage());
            }
        }
        security = security.allow(c.getAllow());
        Path dir = c.getAllowDir();
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new InvalidConfigurationPropertyValueException(CURVE + "allow-dir", dir.toString(),
                        "no such directory");
            }
            security = security.allowDirectory(dir);
        }
        if (c.isAllowAny()) {
            security = security.allowAny();
        }
        if (security.problem() != null) {
            throw new InvalidConfigurationPropertyValueException(CURVE + "allow", "[]",
                    "CURVE needs zre.security.curve.allow, zre.security.curve.allow-dir or zre.security.curve.allow-any=true");
        }
        return security;
    }

    private static CurveKeyPair keyPair(ZreSecurityProperties.Curve c) {
        Path file = c.getKeyFile();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigurationPropertyValueException(CURVE + "key-file", file.toString(),
                        "no such file (write one with 'zre keygen')");
            }
            ZCert cert;
            try {
                cert = ZCert.read(file);
            }
            catch (IOException ex) {
                throw new InvalidConfigurationPropertyValueException(CURVE + "key-file", file.toString(),
                        "not a readable zcert file: " + ex.getMessage());
            }
            if (cert.secretKey() == null) {
                throw new InvalidConfigurationPropertyValueException(CURVE + "key-file", file.toString(),
                        "a public certificate: name the secret file (" + ZCert.SECRET_SUFFIX + ")");
            }
            return cert.keyPair();
        }
        String publicKey = c.getPublicKey();
        String secretKey = c.getSecretKey();
        if (publicKey == null || secretKey == null) {
            throw new InvalidConfigurationPropertyValueException(CURVE + "key-file", null,
                    "CURVE needs the node's keys: zre.security.curve.key-file, or public-key and secret-key");
        }
        byte[] pub = decode(publicKey, CURVE + "public-key", false);
        byte[] secret = decode(secretKey, CURVE + "secret-key", true);
        return CurveKeyPair.of(pub, secret);
    }

    private static byte[] decode(String z85, String property, boolean secret) {
        try {
            return CurveKeyPair.decodeKey(z85, "the key");
        }
        catch (IllegalArgumentException ex) {
            if (secret) {
                InvalidZreSettingException hidden = InvalidZreSettingException.hidingValue(property,
                        "a 40-character Z85 key");
                throw new InvalidConfigurationPropertyValueException(property, hidden.value(), hidden.reason(), hidden);
            }
            throw new InvalidConfigurationPropertyValueException(property, z85, ex.getMessage());
        }
    }

    private static ZreSecurity plain(ZreSecurityProperties.Plain p) {
        String username = p.getUsername();
        String password = p.getPassword();
        if (username == null || username.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException("zre.security.plain.username", username,
                    "PLAIN needs a username");
        }
        if (password == null) {
            InvalidZreSettingException hidden = InvalidZreSettingException.hidingValue("zre.security.plain.password",
                    "a password (PLAIN needs one)");
            throw new InvalidConfigurationPropertyValueException("zre.security.plain.password", hidden.value(),
                    "PLAIN needs a password", hidden);
        }
        ZreSecurity security = ZreSecurity.plain(username, password);
        for (var account : p.getAccounts().entrySet()) {
            security = security.accept(account.getKey(), account.getValue());
        }
        return security;
    }

    static @Nullable String publicKey(ZreSecurity security) {
        return security.publicKeyZ85();
    }

}
