package dev.zre;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something a node reports to its application. One record per event type; switch over them with
 * pattern matching:
 *
 * <pre>{@code
 * switch (event) {
 *     case ZreEvent.Enter e -> log.info("{} entered from {}", e.peerName(), e.address());
 *     case ZreEvent.Shout s -> handle(s.group(), s.text());
 *     default -> { }
 * }
 * }</pre>
 *
 * Events about one peer are delivered in the order the node observed them; ENTER always precedes
 * any other event of that peer, and the JOINs of the groups a peer listed in its HELLO follow its
 * ENTER immediately.
 */
public sealed interface ZreEvent {

    /** The type of this event, handy for filtering and for metrics tags. */
    ZreEventType type();

    /** An event that concerns one remote peer. */
    sealed interface PeerEvent extends ZreEvent {
        /** The peer's UUID. */
        UUID peer();

        /** The peer's name as it announced it in HELLO (empty before HELLO). */
        String peerName();
    }

    /** An event that carries user content (WHISPER and SHOUT). */
    sealed interface MessageEvent extends PeerEvent {
        /** The content frames, in order; never empty. Do not modify the arrays. */
        List<byte[]> frames();

        /** The first content frame decoded as UTF-8 (the common case of a one-frame text message). */
        default String text() {
            return new String(frames().get(0), java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The content as one byte array (all frames concatenated). */
        default byte[] bytes() {
            List<byte[]> f = frames();
            if (f.size() == 1) {
                return f.get(0);
            }
            int size = 0;
            for (byte[] b : f) {
                size += b.length;
            }
            byte[] all = new byte[size];
            int at = 0;
            for (byte[] b : f) {
                System.arraycopy(b, 0, all, at, b.length);
                at += b.length;
            }
            return all;
        }
    }

    /**
     * A peer said HELLO: it is now connected in both directions.
     *
     * @param address the peer's mailbox endpoint from its HELLO, e.g. {@code tcp://127.0.0.1:49152}
     */
    record Enter(UUID peer, String peerName, Map<String, String> headers, String address) implements PeerEvent {
        public Enter {
            headers = Map.copyOf(headers);
        }

        @Override
        public ZreEventType type() {
            return ZreEventType.ENTER;
        }
    }

    /** A peer left (port-0 beacon or GOODBYE), expired, was dropped after a protocol error, or was replaced. */
    record Exit(UUID peer, String peerName, ExitReason reason) implements PeerEvent {
        @Override
        public ZreEventType type() {
            return ZreEventType.EXIT;
        }
    }

    /** A peer joined a group. */
    record Join(UUID peer, String peerName, String group) implements PeerEvent {
        @Override
        public ZreEventType type() {
            return ZreEventType.JOIN;
        }
    }

    /** A peer left a group. */
    record Leave(UUID peer, String peerName, String group) implements PeerEvent {
        @Override
        public ZreEventType type() {
            return ZreEventType.LEAVE;
        }
    }

    /** A peer sent content to this node alone. */
    record Whisper(UUID peer, String peerName, List<byte[]> frames) implements MessageEvent {
        public Whisper {
            frames = List.copyOf(frames);
        }

        @Override
        public ZreEventType type() {
            return ZreEventType.WHISPER;
        }
    }

    /** A peer sent content to a group this node belongs to. */
    record Shout(UUID peer, String peerName, String group, List<byte[]> frames) implements MessageEvent {
        public Shout {
            frames = List.copyOf(frames);
        }

        @Override
        public ZreEventType type() {
            return ZreEventType.SHOUT;
        }
    }

    /**
     * A peer has been quiet for the evasive timeout (see {@link ZreConfig#evasiveTimeout()}); the
     * node is pinging it. Reported once per quiet spell.
     */
    record Evasive(UUID peer, String peerName) implements PeerEvent {
        @Override
        public ZreEventType type() {
            return ZreEventType.EVASIVE;
        }
    }

    /**
     * A peer has been quiet for twice the evasive timeout although it was pinged: it is probably
     * gone and will expire unless it speaks. Reported once per quiet spell.
     */
    record Silent(UUID peer, String peerName) implements PeerEvent {
        @Override
        public ZreEventType type() {
            return ZreEventType.SILENT;
        }
    }

    /**
     * An election in a group this node is in completed (zyre's LEADER event). Reported after every
     * completed election, also when the leader did not change, by contesting and non-contesting
     * members alike. The leader may be this node itself, so this is not a {@link PeerEvent}.
     *
     * @param group the group
     * @param leader the UUID of the elected node (this node's own UUID when it leads)
     * @param leaderName its name (this node's own name when it leads)
     */
    record Leader(String group, UUID leader, String leaderName) implements ZreEvent {
        @Override
        public ZreEventType type() {
            return ZreEventType.LEADER;
        }
    }

    /** The node stopped; this is the last event it reports. */
    record Stop() implements ZreEvent {
        @Override
        public ZreEventType type() {
            return ZreEventType.STOP;
        }
    }
}
