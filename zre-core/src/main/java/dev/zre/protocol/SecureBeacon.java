package dev.zre.protocol;

import dev.zre.ProtocolError;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * zyre's CURVE beacon, version 3, 54 bytes: {@code Z R E 0x03}, the node's UUID, its mailbox port
 * (network order; 0 when it leaves) and its raw 32-byte CURVE public key. A secured node sends and
 * accepts only these; a plain node only {@link Beacon version 1}.
 *
 * @param uuid the sender's UUID
 * @param port the sender's mailbox port, 0 when it is leaving
 * @param publicKey the sender's raw CURVE public key (32 bytes)
 */
@SuppressWarnings("ArrayRecordComponent") // a parsed datagram, handed on, never compared
public record SecureBeacon(UUID uuid, int port, byte[] publicKey) {

    /** The exact size of a version-3 beacon. */
    public static final int SIZE = 54;
    /** zyre's CURVE beacon version. */
    public static final int VERSION = 3;
    private static final int KEY_SIZE = 32;

    public SecureBeacon {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (publicKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("public key must be 32 bytes, got " + publicKey.length);
        }
        publicKey = publicKey.clone();
    }

    /** The raw public key (a copy). */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Whether this is the goodbye beacon (port 0). */
    public boolean isLeaving() {
        return port == 0;
    }

    /** The 54 bytes on the wire. */
    public byte[] encode() {
        return BeaconWire.encode(SIZE, VERSION, uuid, port, publicKey);
    }

    /**
     * Parses a received datagram.
     *
     * @throws MalformedMessageException {@link ProtocolError#BEACON_VERSION} for a ZRE beacon of
     *         another version, {@link ProtocolError#BEACON_MALFORMED} for anything else not 54 bytes
     *         of v3 beacon, or one whose key starts with byte 0 (zyre drops those too)
     */
    public static SecureBeacon decode(byte[] data, int offset, int length) throws MalformedMessageException {
        ByteBuffer buf = BeaconWire.open(data, offset, length, VERSION, SIZE, "3 (CURVE)", "CURVE beacon");
        UUID uuid = new UUID(buf.getLong(), buf.getLong());
        int port = buf.getShort() & 0xFFFF;
        byte[] key = new byte[KEY_SIZE];
        buf.get(key);
        if (key[0] == 0) {
            throw new MalformedMessageException(ProtocolError.BEACON_MALFORMED, "CURVE beacon key starts with byte 0");
        }
        return new SecureBeacon(uuid, port, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecureBeacon b && uuid.equals(b.uuid) && port == b.port && Arrays.equals(publicKey, b.publicKey);
    }

    @Override
    public int hashCode() {
        return uuid.hashCode() * 31 + port;
    }

    @Override
    public String toString() {
        return "SecureBeacon[uuid=" + uuid + ", port=" + port + "]";
    }
}
