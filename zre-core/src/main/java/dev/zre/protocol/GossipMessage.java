package dev.zre.protocol;

import java.util.Objects;

/**
 * The five messages of czmq's ZGossip protocol (version 1): a client says HELLO, both sides PUBLISH
 * key/value tuples, the client PINGs and the hub answers PONG, and a hub answers INVALID to a client
 * it does not know. Each is one frame; see {@link GossipCodec}.
 */
public sealed interface GossipMessage {

    /** The message id on the wire. */
    int id();

    /** A client's introduction; the hub answers with every tuple it holds. */
    record Hello() implements GossipMessage {
        @Override
        public int id() {
            return GossipCodec.HELLO;
        }
    }

    /**
     * One tuple. zyre publishes key = its UUID (32 upper-case hex digits), value = its mailbox
     * endpoint, with {@code |<Z85 public key>} appended when it is CURVE-secured.
     *
     * @param key at most 255 bytes in UTF-8
     * @param value any length
     * @param ttl seconds to live; czmq always sends 0 and never reads it
     */
    record Publish(String key, String value, long ttl) implements GossipMessage {
        public Publish {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (ttl < 0 || ttl > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("ttl must fit in 32 unsigned bits: " + ttl);
            }
        }

        @Override
        public int id() {
            return GossipCodec.PUBLISH;
        }
    }

    /** A client's keep-alive. */
    record Ping() implements GossipMessage {
        @Override
        public int id() {
            return GossipCodec.PING;
        }
    }

    /** The hub's answer to PING. */
    record Pong() implements GossipMessage {
        @Override
        public int id() {
            return GossipCodec.PONG;
        }
    }

    /** The hub does not know this client (any more): it should say HELLO again. */
    record Invalid() implements GossipMessage {
        @Override
        public int id() {
            return GossipCodec.INVALID;
        }
    }
}
