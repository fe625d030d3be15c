package dev.zre.protocol;

import dev.zre.ProtocolError;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes ZGossip messages as czmq's {@code zgossip_msg} writes them: one frame of
 * signature {@code 0xAA 0xA0}, message id, version {@code 1}, then the fields. PUBLISH carries key
 * (1-byte length + bytes), value (4-byte length + bytes) and ttl (4 bytes); lengths in network order.
 *
 * <p>Decoding checks every length against the bytes present before it reads, and rejects anything
 * else with a {@link MalformedMessageException} naming the field.
 */
public final class GossipCodec {

    public static final int SIGNATURE_0 = 0xAA;
    public static final int SIGNATURE_1 = 0xA0;
    public static final int VERSION = 1;
    public static final int HELLO = 1;
    public static final int PUBLISH = 2;
    public static final int PING = 3;
    public static final int PONG = 4;
    public static final int INVALID = 5;
    private static final int HEADER_SIZE = 4;

    private GossipCodec() {
    }

    /** The single frame of a message, sized exactly once. */
    public static byte[] encode(GossipMessage message) {
        if (!(message instanceof GossipMessage.Publish p)) {
            return new byte[] {(byte) SIGNATURE_0, (byte) SIGNATURE_1, (byte) message.id(), VERSION};
        }
        byte[] key = p.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = p.value().getBytes(StandardCharsets.UTF_8);
        if (key.length > 255) {
            throw new IllegalArgumentException("key longer than 255 bytes: " + p.key());
        }
        byte[] out = new byte[HEADER_SIZE + 1 + key.length + 4 + value.length + 4];
        out[0] = (byte) SIGNATURE_0;
        out[1] = (byte) SIGNATURE_1;
        out[2] = PUBLISH;
        out[3] = VERSION;
        int at = HEADER_SIZE;
        out[at++] = (byte) key.length;
        System.arraycopy(key, 0, out, at, key.length);
        at += key.length;
        at = u32(out, at, value.length);
        System.arraycopy(value, 0, out, at, value.length);
        at += value.length;
        u32(out, at, p.ttl());
        return out;
    }

    /**
     * Decodes one frame.
     *
     * @throws MalformedMessageException when the frame is empty, the signature, id or version is
     *     wrong, a field runs past the end, or bytes are left over
     */
    public static GossipMessage decode(byte[] frame) throws MalformedMessageException {
        if (frame.length == 0) {
            throw new MalformedMessageException(ProtocolError.EMPTY, "empty gossip frame");
        }
        if (frame.length < HEADER_SIZE) {
            throw new MalformedMessageException(ProtocolError.TRUNCATED,
                    "gossip header needs 4 bytes, " + frame.length + " present");
        }
        if ((frame[0] & 0xFF) != SIGNATURE_0 || (frame[1] & 0xFF) != SIGNATURE_1) {
            throw new MalformedMessageException(ProtocolError.BAD_SIGNATURE, String.format(
                    "gossip signature %02X %02X, expected AA A0", frame[0] & 0xFF, frame[1] & 0xFF));
        }
        int id = frame[2] & 0xFF;
        if ((frame[3] & 0xFF) != VERSION) {
            throw new MalformedMessageException(ProtocolError.BAD_VERSION,
                    "gossip version " + (frame[3] & 0xFF) + ", expected 1");
        }
        if (id == PUBLISH) {
            return decodePublish(frame);
        }
        GossipMessage message = switch (id) {
            case HELLO -> new GossipMessage.Hello();
            case PING -> new GossipMessage.Ping();
            case PONG -> new GossipMessage.Pong();
            case INVALID -> new GossipMessage.Invalid();
            default -> throw new MalformedMessageException(ProtocolError.UNKNOWN_COMMAND,
                    "gossip message id " + id + " outside 1..5");
        };
        noTrailingBytes(frame, HEADER_SIZE, id);
        return message;
    }

    private static GossipMessage.Publish decodePublish(byte[] frame) throws MalformedMessageException {
        int at = HEADER_SIZE;
        need(frame, at, 1, "key length");
        int keyLength = frame[at] & 0xFF;
        at += 1;
        need(frame, at, keyLength, "key");
        String key = new String(frame, at, keyLength, StandardCharsets.UTF_8);
        at += keyLength;
        need(frame, at, 4, "value length");
        long valueLength = readU32(frame, at);
        at += 4;
        if (valueLength > frame.length - at) {
            throw new MalformedMessageException(ProtocolError.TRUNCATED,
                    "value needs " + valueLength + " bytes, " + (frame.length - at) + " left");
        }
        String value = new String(frame, at, (int) valueLength, StandardCharsets.UTF_8);
        at += (int) valueLength;
        need(frame, at, 4, "ttl");
        long ttl = readU32(frame, at);
        at += 4;
        noTrailingBytes(frame, at, PUBLISH);
        return new GossipMessage.Publish(key, value, ttl);
    }

    private static void noTrailingBytes(byte[] frame, int end, int id) throws MalformedMessageException {
        if (end != frame.length) {
            throw new MalformedMessageException(ProtocolError.TRAILING_BYTES,
                    (frame.length - end) + " bytes after the gossip " + name(id));
        }
    }

    private static String name(int id) {
        return switch (id) {
            case HELLO -> "HELLO";
            case PUBLISH -> "PUBLISH";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "INVALID";
        };
    }

    private static void need(byte[] frame, int at, int n, String field) throws MalformedMessageException {
        if (frame.length - at < n) {
            throw new MalformedMessageException(ProtocolError.TRUNCATED,
                    field + " needs " + n + " bytes, " + (frame.length - at) + " left");
        }
    }

    private static long readU32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static int u32(byte[] out, int at, long v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
        return at + 4;
    }
}
