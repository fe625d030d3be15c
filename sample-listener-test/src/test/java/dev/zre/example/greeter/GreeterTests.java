package dev.zre.example.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreEvent;
import dev.zre.spring.test.AutoConfigureZre;
import dev.zre.spring.test.ZreTestPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;

/** The greeter tested the way its users would: the whole application, and a real peer that talks to it. */
@SpringBootTest
@AutoConfigureZre
class GreeterTests {

    @RegisterExtension
    static ZreTestPeer alice = ZreTestPeer.named("alice").group("greetings");

    @Test
    void answersAGreetingWithAWhisperToTheSender() {
        ZreEvent.Enter greeter = alice.awaitEnter("greeter");
        alice.awaitJoin("greetings");

        alice.shout("greetings", "Alice");

        ZreEvent.Whisper answer = alice.awaitWhisper("hello Alice, from alice's greeter");
        assertThat(answer.peer()).isEqualTo(greeter.peer());
    }
}
