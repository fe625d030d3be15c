package dev.zre.security;

import java.util.Arrays;
import java.util.function.Supplier;
import org.zeromq.ZMQ;

/**
 * A node's CURVE keypair: 32-byte public and secret keys. The secret key never appears in
 * {@link #toString()}; only {@link #secretKey()} hands it out (to configure sockets and write key files).
 */
public final class CurveKeyPair {

    /** Raw key size in bytes. */
    public static final int KEY_SIZE = 32;
    /** Z85 key size in characters. */
    public static final int KEY_SIZE_Z85 = 40;

    private final byte[] publicKey;
    private final byte[] secretKey;

    private CurveKeyPair(byte[] publicKey, byte[] secretKey) {
        this.publicKey = checkKey(publicKey, "public key").clone();
        this.secretKey = checkKey(secretKey, "secret key").clone();
    }

    /**
     * A keypair from raw keys.
     *
     * @throws IllegalArgumentException when a key is not 32 bytes
     */
    public static CurveKeyPair of(byte[] publicKey, byte[] secretKey) {
        return new CurveKeyPair(publicKey, secretKey);
    }

    /**
     * A keypair from its Z85 texts.
     *
     * @throws IllegalArgumentException when a text is not a 40-character Z85 key (the message
     *     never repeats a secret)
     */
    public static CurveKeyPair fromZ85(String publicKey, String secretKey) {
        return new CurveKeyPair(decodeKey(publicKey, "public key"), decodeKey(secretKey, "secret key"));
    }

    /**
     * A new random keypair whose public key does not start with byte 0: zyre drops v3 beacons
     * whose key starts with 0, so a node with such a key would never be discovered.
     */
    public static CurveKeyPair generate() {
        return generate(() -> {
            ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
            return fromZ85(pair.publicKey, pair.secretKey);
        });
    }

    /** Draws keypairs from the source until one is {@link #discoverable(byte[]) discoverable}. */
    static CurveKeyPair generate(Supplier<CurveKeyPair> source) {
        while (true) {
            CurveKeyPair pair = source.get();
            if (discoverable(pair.publicKey)) {
                return pair;
            }
        }
    }

    /** Whether zyre would accept a v3 beacon carrying this public key (its first byte is not 0). */
    public static boolean discoverable(byte[] publicKey) {
        return publicKey.length == KEY_SIZE && publicKey[0] != 0;
    }

    /**
     * Decodes a Z85 key of 40 characters.
     *
     * @param what what the key is, for the message (the text itself is never repeated)
     * @throws IllegalArgumentException when it is not one
     */
    public static byte[] decodeKey(String z85, String what) {
        if (z85.length() != KEY_SIZE_Z85) {
            throw new IllegalArgumentException(what + " must be " + KEY_SIZE_Z85 + " Z85 characters, got "
                    + z85.length());
        }
        try {
            return Z85.decode(z85);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid Z85: " + e.getMessage(), e);
        }
    }

    private static byte[] checkKey(byte[] key, String what) {
        if (key.length != KEY_SIZE) {
            throw new IllegalArgumentException(what + " must be " + KEY_SIZE + " bytes, got " + key.length);
        }
        return key;
    }

    /** The raw public key (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The raw secret key (a copy): for sockets and key files only, never for logs. */
    public byte[] secretKey() {
        return secretKey.clone();
    }

    /** The public key in Z85 (40 characters), as in HELLO's {@code X-PUBLICKEY}. */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /** The secret key in Z85: for key files only, never for logs. */
    public String secretKeyZ85() {
        return Z85.encode(secretKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurveKeyPair other && Arrays.equals(publicKey, other.publicKey)
                && Arrays.equals(secretKey, other.secretKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** Shows the public key only. */
    @Override
    public String toString() {
        return "CurveKeyPair{public=" + publicKeyZ85() + ", secret=<hidden>}";
    }
}
