package dev.zre.protocol;

import dev.zre.ProtocolError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes ZRE v2 messages (RFC 36). Frame 1 holds the header and the command's fields;
 * WHISPER and SHOUT content follows as further frames.
 *
 * <p>Encoding sizes every frame exactly once and writes lengths in bytes (never characters).
 * Decoding checks every length and count against the bytes present before it reads or allocates,
 * rejects anything that does not parse with a {@link MalformedMessageException} naming the field,
 * and decodes text leniently (invalid UTF-8 becomes replacement characters and is reported through
 * {@link Decoded#repairedText()}).
 */
public final class ZreCodec {

    /** The two signature bytes that open every ZRE message. */
    public static final int SIGNATURE_0 = 0xAA;
    public static final int SIGNATURE_1 = 0xA1;
    /** The ZRE protocol version carried in every message. */
    public static final int VERSION = 2;
    /** Bytes before the first field: signature (2), id, version, sequence (2). */
    public static final int HEADER_SIZE = 6;
    /** Offset of the 2-byte sequence number in frame 1. */
    public static final int SEQUENCE_OFFSET = 4;

    private ZreCodec() {
    }

    /** A decoded message with its sequence number. */
    public record Decoded(int sequence, ZreMessage message, boolean repairedText) {
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Encodes a message; frame 1 first, then the content frames (shared, not copied).
     *
     * @param sequence the sequence number, 0..65535
     */
    public static List<byte[]> encode(ZreMessage message, int sequence) {
        byte[] first = encodeFirstFrame(message, sequence);
        if (message instanceof ZreMessage.Whisper w) {
            return withContent(first, w.content());
        }
        if (message instanceof ZreMessage.Shout s) {
            return withContent(first, s.content());
        }
        return List.of(first);
    }

    /** Encodes only frame 1 (header and fields) of a message. */
    public static byte[] encodeFirstFrame(ZreMessage message, int sequence) {
        byte[][] text = encodedStrings(message);
        FrameWriter w = new FrameWriter(HEADER_SIZE + fieldsSize(message, text));
        w.u8(SIGNATURE_0).u8(SIGNATURE_1).u8(message.command().id()).u8(VERSION).u16(sequence);
        if (message instanceof ZreMessage.Hello h) {
            int groups = h.groups().size();
            w.string(text[0]).u32(groups);
            for (int i = 1; i <= groups; i++) {
                w.longString(text[i]);
            }
            w.u8(h.status()).string(text[1 + groups]).u32(h.headers().size());
            for (int i = 2 + groups; i < text.length; i += 2) {
                w.string(text[i]).longString(text[i + 1]);
            }
        } else if (message instanceof ZreMessage.Join j) {
            w.string(text[0]).u8(j.status());
        } else if (message instanceof ZreMessage.Leave l) {
            w.string(text[0]).u8(l.status());
        } else {
            for (byte[] field : text) { // SHOUT, ELECT, LEADER: only short strings
                w.string(field);
            }
        }
        return w.done();
    }

    /** A copy of an encoded frame 1 with another sequence number (for sending one message to many peers). */
    public static byte[] withSequence(byte[] firstFrame, int sequence) {
        byte[] copy = firstFrame.clone();
        copy[SEQUENCE_OFFSET] = (byte) (sequence >>> 8);
        copy[SEQUENCE_OFFSET + 1] = (byte) sequence;
        return copy;
    }

    private static List<byte[]> withContent(byte[] first, List<byte[]> content) {
        List<byte[]> frames = new ArrayList<>(1 + content.size());
        frames.add(first);
        frames.addAll(content);
        return frames;
    }

    /** UTF-8 bytes of every text field in wire order, checked against the field's size limit. */
    private static byte[][] encodedStrings(ZreMessage message) {
        switch (message.command()) {
            case HELLO -> {
                ZreMessage.Hello h = (ZreMessage.Hello) message;
                byte[][] out = new byte[2 + h.groups().size() + 2 * h.headers().size()][];
                int i = 0;
                out[i++] = shortText("endpoint", h.endpoint());
                for (String g : h.groups()) {
                    out[i++] = utf8(g);
                }
                out[i++] = shortText("name", h.name());
                for (Map.Entry<String, String> e : h.headers().entrySet()) {
                    out[i++] = shortText("header key", e.getKey());
                    out[i++] = utf8(e.getValue());
                }
                return out;
            }
            case SHOUT -> {
                return new byte[][] {shortText("group", ((ZreMessage.Shout) message).group())};
            }
            case JOIN -> {
                return new byte[][] {shortText("group", ((ZreMessage.Join) message).group())};
            }
            case LEAVE -> {
                return new byte[][] {shortText("group", ((ZreMessage.Leave) message).group())};
            }
            case ELECT -> {
                ZreMessage.Elect e = (ZreMessage.Elect) message;
                return new byte[][] {shortText("group", e.group()), shortText("challenger id", e.challengerId())};
            }
            case LEADER -> {
                ZreMessage.Leader l = (ZreMessage.Leader) message;
                return new byte[][] {shortText("group", l.group()), shortText("leader id", l.leaderId())};
            }
            default -> {
                return new byte[0][];
            }
        }
    }

    /** Bytes of the fields after the header, given the encoded text fields. */
    private static int fieldsSize(ZreMessage message, byte[][] text) {
        int size = 0;
        if (message instanceof ZreMessage.Hello h) {
            int groups = h.groups().size();
            size = 1 + text[0].length + 4 + 1 + 1 + text[1 + groups].length + 4; // endpoint, count, status, name, count
            for (int i = 1; i <= groups; i++) {
                size += 4 + text[i].length;
            }
            for (int i = 2 + groups; i < text.length; i += 2) {
                size += 1 + text[i].length + 4 + text[i + 1].length;
            }
            return size;
        }
        for (byte[] field : text) {
            size += 1 + field.length;
        }
        return message instanceof ZreMessage.Join || message instanceof ZreMessage.Leave ? size + 1 : size;
    }

    /**
     * The UTF-8 bytes of a text that goes into a 1-byte-length field.
     *
     * @throws IllegalArgumentException when it is longer than 255 bytes
     */
    public static byte[] shortText(String field, String value) {
        byte[] bytes = utf8(value);
        if (bytes.length > 255) {
            throw new IllegalArgumentException(field + " must be at most 255 bytes in UTF-8, got " + bytes.length + ": " + value);
        }
        return bytes;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes a whole message (frame 1 and any content frames, without the ROUTER identity frame).
     *
     * @throws MalformedMessageException when anything does not parse; the caller has already
     *         received every frame, so the next message is unaffected
     */
    public static Decoded decode(List<byte[]> frames) throws MalformedMessageException {
        if (frames.isEmpty() || frames.get(0).length == 0) {
            throw new MalformedMessageException(ProtocolError.EMPTY, "message has no first frame");
        }
        FrameReader r = new FrameReader(frames.get(0));
        if (r.remaining() < HEADER_SIZE) {
            if (r.remaining() >= 2 && !hasSignature(frames.get(0))) {
                throw new MalformedMessageException(ProtocolError.BAD_SIGNATURE, "signature is not AA A1");
            }
            throw new MalformedMessageException(ProtocolError.TRUNCATED,
                    "header needs " + HEADER_SIZE + " bytes, frame has " + r.remaining());
        }
        if (!hasSignature(frames.get(0))) {
            throw new MalformedMessageException(ProtocolError.BAD_SIGNATURE, "signature is not AA A1");
        }
        r.skip(2);
        int id = r.u8("id");
        Command command = Command.byId(id);
        if (command == null) {
            throw new MalformedMessageException(ProtocolError.UNKNOWN_COMMAND, "unknown command id " + id);
        }
        int version = r.u8("version");
        if (version != VERSION) {
            throw new MalformedMessageException(ProtocolError.BAD_VERSION, command + " has version " + version + ", expected 2");
        }
        int sequence = r.u16("sequence");
        int extraFrames = frames.size() - 1;
        ZreMessage message = switch (command) {
            case HELLO -> {
                String endpoint = r.string("endpoint");
                List<String> groups = r.strings("groups");
                int status = r.u8("status");
                String name = r.string("name");
                Map<String, String> headers = r.dictionary("headers");
                yield new ZreMessage.Hello(endpoint, groups, status, name, headers);
            }
            case WHISPER -> new ZreMessage.Whisper(content(command, frames));
            case SHOUT -> {
                String group = r.string("group");
                yield new ZreMessage.Shout(group, content(command, frames));
            }
            case JOIN -> new ZreMessage.Join(r.string("group"), r.u8("status"));
            case LEAVE -> new ZreMessage.Leave(r.string("group"), r.u8("status"));
            case PING -> new ZreMessage.Ping();
            case PING_OK -> new ZreMessage.PingOk();
            case ELECT -> new ZreMessage.Elect(r.string("group"), r.string("challenger id"));
            case LEADER -> new ZreMessage.Leader(r.string("group"), r.string("leader id"));
            case GOODBYE -> new ZreMessage.Goodbye();
        };
        if (r.remaining() > 0) {
            throw new MalformedMessageException(ProtocolError.TRAILING_BYTES,
                    command + " has " + r.remaining() + " bytes after its last field");
        }
        if (extraFrames > 0 && command != Command.WHISPER && command != Command.SHOUT) {
            throw new MalformedMessageException(ProtocolError.UNEXPECTED_FRAMES,
                    command + " takes no content but came with " + extraFrames + " more frames");
        }
        return new Decoded(sequence, message, r.repairedText());
    }

    /** Peeks at the command of an encoded frame 1, or {@code null} when it has none. */
    public static @Nullable Command peekCommand(byte[] firstFrame) {
        return firstFrame.length >= HEADER_SIZE && hasSignature(firstFrame) ? Command.byId(firstFrame[2] & 0xFF) : null;
    }

    private static boolean hasSignature(byte[] frame) {
        return (frame[0] & 0xFF) == SIGNATURE_0 && (frame[1] & 0xFF) == SIGNATURE_1;
    }

    private static List<byte[]> content(Command command, List<byte[]> frames) throws MalformedMessageException {
        if (frames.size() < 2) {
            throw new MalformedMessageException(ProtocolError.MISSING_CONTENT, command + " has no content frame");
        }
        return List.copyOf(frames.subList(1, frames.size()));
    }

    /** Reads fields from frame 1, checking each length against the bytes left. */
    private static final class FrameReader {
        private final byte[] data;
        private int at;
        private boolean repaired;

        FrameReader(byte[] data) {
            this.data = data;
        }

        int remaining() {
            return data.length - at;
        }

        boolean repairedText() {
            return repaired;
        }

        void skip(int n) {
            at += n;
        }

        private void need(int n, String field) throws MalformedMessageException {
            if (remaining() < n) {
                throw new MalformedMessageException(ProtocolError.TRUNCATED,
                        field + " needs " + n + " bytes, " + remaining() + " left");
            }
        }

        int u8(String field) throws MalformedMessageException {
            need(1, field);
            return data[at++] & 0xFF;
        }

        int u16(String field) throws MalformedMessageException {
            need(2, field);
            int v = ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
            at += 2;
            return v;
        }

        long u32(String field) throws MalformedMessageException {
            need(4, field);
            long v = ((long) (data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16)
                    | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
            at += 4;
            return v;
        }

        String string(String field) throws MalformedMessageException {
            if (remaining() < 1) { // the field's name is only put together for the error: this is the hot path
                need(1, field + " length");
            }
            int length = data[at++] & 0xFF;
            return text(length, field);
        }

        String longString(String field) throws MalformedMessageException {
            long length = u32(field + " length");
            if (length > remaining()) {
                throw new MalformedMessageException(ProtocolError.TRUNCATED,
                        field + " claims " + length + " bytes, " + remaining() + " left");
            }
            return text((int) length, field);
        }

        private String text(int length, String field) throws MalformedMessageException {
            need(length, field);
            String s = Utf8.decodeLeniently(data, at, length);
            if (s == null) {
                s = new String(data, at, length, StandardCharsets.UTF_8);
                repaired = true;
            }
            at += length;
            return s;
        }

        List<String> strings(String field) throws MalformedMessageException {
            long count = u32(field + " count");
            if (count > remaining() / 4) { // every entry takes at least its 4-byte length
                throw new MalformedMessageException(ProtocolError.OVERSIZED_COUNT,
                        field + " count " + count + " cannot fit in " + remaining() + " bytes");
            }
            List<String> out = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                out.add(longString(field + "[" + i + "]"));
            }
            return out;
        }

        Map<String, String> dictionary(String field) throws MalformedMessageException {
            long count = u32(field + " count");
            if (count > remaining() / 5) { // every entry takes at least 1 + 4 bytes
                throw new MalformedMessageException(ProtocolError.OVERSIZED_COUNT,
                        field + " count " + count + " cannot fit in " + remaining() + " bytes");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String key = string(field + " key[" + i + "]");
                out.put(key, longString(field + "[" + key + "]"));
            }
            return out;
        }
    }

    /** Writes into a frame of exactly the computed size. */
    private static final class FrameWriter {
        private final byte[] data;
        private int at;

        FrameWriter(int size) {
            data = new byte[size];
        }

        FrameWriter u8(int v) {
            data[at++] = (byte) v;
            return this;
        }

        FrameWriter u16(int v) {
            data[at++] = (byte) (v >>> 8);
            data[at++] = (byte) v;
            return this;
        }

        FrameWriter u32(long v) {
            data[at++] = (byte) (v >>> 24);
            data[at++] = (byte) (v >>> 16);
            data[at++] = (byte) (v >>> 8);
            data[at++] = (byte) v;
            return this;
        }

        FrameWriter string(byte[] bytes) {
            u8(bytes.length);
            System.arraycopy(bytes, 0, data, at, bytes.length);
            at += bytes.length;
            return this;
        }

        FrameWriter longString(byte[] bytes) {
            u32(bytes.length);
            System.arraycopy(bytes, 0, data, at, bytes.length);
            at += bytes.length;
            return this;
        }

        byte[] done() {
            if (at != data.length) {
                throw new IllegalStateException("encoder sized " + data.length + " bytes but wrote " + at);
            }
            return data;
        }
    }
}
