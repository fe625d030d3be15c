package dev.zre.protocol;

import java.util.List;
import java.util.Map;

/**
 * One ZRE v2 message without its header (signature, id, version, sequence): the codec adds and
 * strips those. Content frames of WHISPER and SHOUT are shared, never copied; treat them as
 * immutable.
 */
public sealed interface ZreMessage {

    /** The command this message is. */
    Command command();

    /** First message on every connection: the sender's whole state. */
    record Hello(String endpoint, List<String> groups, int status, String name, Map<String, String> headers)
            implements ZreMessage {
        public Hello {
            groups = List.copyOf(groups);
            headers = Map.copyOf(headers);
        }

        @Override
        public Command command() {
            return Command.HELLO;
        }
    }

    /** Content for the receiving node alone. */
    record Whisper(List<byte[]> content) implements ZreMessage {
        @Override
        public Command command() {
            return Command.WHISPER;
        }
    }

    /** Content for a group. */
    record Shout(String group, List<byte[]> content) implements ZreMessage {
        @Override
        public Command command() {
            return Command.SHOUT;
        }
    }

    /** The sender joined a group; status is its group-change counter after the join. */
    record Join(String group, int status) implements ZreMessage {
        @Override
        public Command command() {
            return Command.JOIN;
        }
    }

    /** The sender left a group; status is its group-change counter after the leave. */
    record Leave(String group, int status) implements ZreMessage {
        @Override
        public Command command() {
            return Command.LEAVE;
        }
    }

    /** Are you there? */
    record Ping() implements ZreMessage {
        @Override
        public Command command() {
            return Command.PING;
        }
    }

    /** Yes, I am. */
    record PingOk() implements ZreMessage {
        @Override
        public Command command() {
            return Command.PING_OK;
        }
    }

    /** zyre's leader election: the sender challenges with a candidate UUID (32 hex digits). */
    record Elect(String group, String challengerId) implements ZreMessage {
        @Override
        public Command command() {
            return Command.ELECT;
        }
    }

    /** zyre's leader election: the sender announces the winner (32 hex digits). */
    record Leader(String group, String leaderId) implements ZreMessage {
        @Override
        public Command command() {
            return Command.LEADER;
        }
    }

    /** The sender is stopping (zyre sends it in gossip mode); receivers report EXIT. */
    record Goodbye() implements ZreMessage {
        @Override
        public Command command() {
            return Command.GOODBYE;
        }
    }
}
