package dev.zre.protocol;

import dev.zre.ProtocolError;
import java.nio.ByteBuffer;
import java.util.UUID;

/** What the plain (v1) and CURVE (v3) beacons share on the wire: "ZRE", a version byte, UUID, port. */
final class BeaconWire {

    private BeaconWire() {
    }

    /** The {@code size} bytes on the wire: signature, version, UUID, port, then {@code tail}. */
    static byte[] encode(int size, int version, UUID uuid, int port, byte[] tail) {
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put((byte) 'Z').put((byte) 'R').put((byte) 'E').put((byte) version);
        buf.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        buf.putShort((short) port);
        buf.put(tail);
        return buf.array();
    }

    /**
     * Checks signature, version and size, in that order, and returns the bytes after the version.
     *
     * @param expected how the expected version is named in the error, e.g. {@code 3 (CURVE)}
     * @param kind how this beacon is named in the error, e.g. {@code CURVE beacon}
     */
    static ByteBuffer open(byte[] data, int offset, int length, int version, int size, String expected, String kind)
            throws MalformedMessageException {
        if (length < 4 || data[offset] != 'Z' || data[offset + 1] != 'R' || data[offset + 2] != 'E') {
            throw new MalformedMessageException(ProtocolError.BEACON_MALFORMED, "not a ZRE beacon (" + length + " bytes)");
        }
        if (data[offset + 3] != version) {
            throw new MalformedMessageException(ProtocolError.BEACON_VERSION,
                    "beacon version " + (data[offset + 3] & 0xFF) + ", expected " + expected);
        }
        if (length != size) {
            throw new MalformedMessageException(ProtocolError.BEACON_MALFORMED,
                    kind + " has " + length + " bytes, expected " + size);
        }
        return ByteBuffer.wrap(data, offset + 4, size - 4);
    }
}
