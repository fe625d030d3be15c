package dev.zre.spring.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.util.Assert;

/**
 * The frame convention of request/reply over WHISPER, simple enough for any ZRE implementation (zyre,
 * Pyre, zyre.js) to speak by hand:
 *
 * <pre>
 * request:  "$ZRE-REQUEST" | correlation id | payload frames...
 * reply:    "$ZRE-REPLY"   | correlation id | payload frames...
 * error:    "$ZRE-ERROR"   | correlation id | UTF-8 error text
 * </pre>
 *
 * The marker and the correlation id are US-ASCII frames; the id is chosen by the requester (this
 * project sends a UUID in text form) and copied unchanged into the answer. A peer answers a request by
 * whispering a reply (or an error) with the same id back to the requester.
 *
 * @param kind request, reply or error
 * @param correlationId the id that pairs a reply with its request
 * @param payload the payload frames (for an error, one frame of UTF-8 text)
 */
public record ZreEnvelope(Kind kind, String correlationId, List<byte[]> payload) {

    /** The kinds of envelope, each with the marker of its first frame. */
    public enum Kind {

        /** A request that wants an answer. */
        REQUEST("$ZRE-REQUEST"),

        /** The answer to a request. */
        REPLY("$ZRE-REPLY"),

        /** A request that failed on the answering side. */
        ERROR("$ZRE-ERROR");

        private final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        /** The first frame of this kind of envelope. */
        public String marker() {
            return this.marker;
        }

        private byte[] markerBytes() {
            return this.marker.getBytes(StandardCharsets.US_ASCII);
        }

    }

    public ZreEnvelope {
        Assert.notNull(kind, "'kind' must not be null");
        Assert.hasText(correlationId, "'correlationId' must not be empty");
        payload = List.copyOf(payload);
    }

    /**
     * Reads the envelope of a message's frames.
     * @param frames the content frames of a WHISPER or SHOUT
     * @return the envelope, empty when the frames are a plain message
     */
    public static Optional<ZreEnvelope> of(List<byte[]> frames) {
        if (frames.size() < 2) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (Arrays.equals(frames.get(0), kind.markerBytes())) {
                String id = new String(frames.get(1), StandardCharsets.US_ASCII);
                return id.isBlank() ? Optional.empty()
                        : Optional.of(new ZreEnvelope(kind, id, frames.subList(2, frames.size())));
            }
        }
        return Optional.empty();
    }

    /**
     * This envelope as content frames.
     * @return marker, correlation id, then the payload frames
     */
    public List<byte[]> toFrames() {
        List<byte[]> frames = new ArrayList<>(this.payload.size() + 2);
        frames.add(this.kind.markerBytes());
        frames.add(this.correlationId.getBytes(StandardCharsets.US_ASCII));
        frames.addAll(this.payload);
        return frames;
    }

    /**
     * The reply to this request.
     * @param payload the reply's payload frames
     * @return a reply with this envelope's correlation id
     */
    public ZreEnvelope reply(List<byte[]> payload) {
        return new ZreEnvelope(Kind.REPLY, this.correlationId, payload);
    }

    /**
     * The error answer to this request.
     * @param message what went wrong
     * @return an error with this envelope's correlation id
     */
    public ZreEnvelope error(String message) {
        return new ZreEnvelope(Kind.ERROR, this.correlationId, List.of(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** The payload of an error as text. */
    public String errorText() {
        return this.payload.isEmpty() ? "" : new String(this.payload.get(0), StandardCharsets.UTF_8);
    }

}
