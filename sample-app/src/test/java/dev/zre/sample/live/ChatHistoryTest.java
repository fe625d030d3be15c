package dev.zre.sample.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChatHistoryTest {

    private final ChatHistory history = new ChatHistory();

    @Test
    void keepsTheLast200ReceivedMessagesOldestFirst() {
        IntStream.range(0, 250).forEach((i) -> this.history.received(message("m" + i)));

        assertThat(this.history.received()).hasSize(ChatHistory.CAPACITY)
            .extracting(ChatMessage::text)
            .startsWith("m50")
            .endsWith("m249");
    }

    @Test
    void keepsSentMessagesApartFromReceivedOnes() {
        this.history.sent(message("out"));
        this.history.received(message("in"));

        assertThat(this.history.sent()).extracting(ChatMessage::text).containsExactly("out");
        assertThat(this.history.received()).extracting(ChatMessage::text).containsExactly("in");
    }

    private static ChatMessage message(String text) {
        return new ChatMessage(ChatMessage.SHOUT, "0".repeat(32), "alice", "chat", text, Instant.now());
    }

}
