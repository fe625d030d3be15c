package dev.zre.interop;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One JSON line from a peer. Both peers print the same shape (the zre CLI's {@code --json} schema); this
 * class absorbs the few harmless differences (uuid with or without dashes).
 */
record Event(Map<String, Object> fields, String line) {

    String type() {
        return string("event");
    }

    boolean is(String type) {
        return type.equals(type());
    }

    String string(String key) {
        Object value = fields.get(key);
        return value == null ? null : value.toString();
    }

    /** The remote peer's uuid as 32 lower-case hex digits. */
    String peer() {
        return normalise(string("peer"));
    }

    /** The peer's own uuid (READY) as 32 lower-case hex digits. */
    String uuid() {
        return normalise(string("uuid"));
    }

    String name() {
        return string("name");
    }

    String group() {
        return string("group");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object value = fields.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** SHOUT/WHISPER content frames ({@code "frames"}: base64 strings, one per frame). */
    List<byte[]> frames() {
        Object value = fields.get("frames");
        if (!(value instanceof List<?> list)) {
            String text = string("text");
            return text == null ? List.of() : List.of(text.getBytes(StandardCharsets.UTF_8));
        }
        return list.stream().map(f -> Base64.getDecoder().decode(f.toString())).toList();
    }

    /** The first content frame. */
    byte[] content() {
        List<byte[]> frames = frames();
        return frames.isEmpty() ? null : frames.get(0);
    }

    static String normalise(String uuid) {
        return uuid == null ? null : uuid.replace("-", "").toLowerCase(Locale.ROOT);
    }

    // predicates for PeerProcess.await

    static Predicate<Event> type(String type) {
        return e -> e.is(type);
    }

    static Predicate<Event> from(String type, String peerUuid) {
        String uuid = normalise(peerUuid);
        return e -> e.is(type) && uuid.equals(e.peer());
    }

    static Predicate<Event> from(String type, String peerUuid, String group) {
        return from(type, peerUuid).and(e -> group.equals(e.group()));
    }
}
