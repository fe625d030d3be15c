package dev.zre.sample.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;

/** The last {@value #CAPACITY} chat messages received, and the last {@value #CAPACITY} sent. */
@Component
public class ChatHistory {

    /** How many messages each direction keeps. */
    public static final int CAPACITY = 200;

    private final Deque<ChatMessage> received = new ArrayDeque<>();

    private final Deque<ChatMessage> sent = new ArrayDeque<>();

    /** Remembers a message from a peer. */
    public void received(ChatMessage message) {
        add(this.received, message);
    }

    /** Remembers a message this node sent. */
    public void sent(ChatMessage message) {
        add(this.sent, message);
    }

    /** The messages received, oldest first. */
    public List<ChatMessage> received() {
        synchronized (this.received) {
            return List.copyOf(this.received);
        }
    }

    /** The messages sent, oldest first. */
    public List<ChatMessage> sent() {
        synchronized (this.sent) {
            return List.copyOf(this.sent);
        }
    }

    private static void add(Deque<ChatMessage> messages, ChatMessage message) {
        synchronized (messages) {
            messages.addLast(message);
            while (messages.size() > CAPACITY) {
                messages.removeFirst();
            }
        }
    }

}
