package dev.zre.protocol;

import dev.zre.ProtocolError;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The 22-byte UDP discovery beacon: {@code Z R E 0x01}, the node's 16-byte UUID, and its mailbox
 * TCP port in network order. Port 0 means the node is leaving.
 *
 * @param uuid the sender's UUID
 * @param port the sender's mailbox port, 0 when it is leaving
 */
public record Beacon(UUID uuid, int port) {

    /** The exact size of a version-1 beacon. */
    public static final int SIZE = 22;
    /** The beacon version this node speaks (zyre's CURVE beacons are version 3). */
    public static final int VERSION = 1;

    public Beacon {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** Whether this is the goodbye beacon (port 0). */
    public boolean isLeaving() {
        return port == 0;
    }

    /** The 22 bytes on the wire. */
    public byte[] encode() {
        return BeaconWire.encode(SIZE, VERSION, uuid, port, new byte[0]);
    }

    /**
     * Parses a received datagram.
     *
     * @throws MalformedMessageException {@link ProtocolError#BEACON_VERSION} for a ZRE beacon of
     *         another version, {@link ProtocolError#BEACON_MALFORMED} for anything else not 22 bytes of beacon
     */
    public static Beacon decode(byte[] data, int offset, int length) throws MalformedMessageException {
        ByteBuffer buf = BeaconWire.open(data, offset, length, VERSION, SIZE, "1", "beacon");
        UUID uuid = new UUID(buf.getLong(), buf.getLong());
        return new Beacon(uuid, buf.getShort() & 0xFFFF);
    }
}
