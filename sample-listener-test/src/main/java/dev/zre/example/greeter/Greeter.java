package dev.zre.example.greeter;

import dev.zre.spring.listener.ZreListener;
import dev.zre.spring.listener.ZrePeer;
import org.springframework.stereotype.Component;

/** The listener under test: a SHOUT of a name to {@code greetings} is answered by a WHISPER to the sender. */
@Component
class Greeter {

    @ZreListener(groups = "greetings")
    String greet(String name, ZrePeer from) {
        return "hello " + name + ", from " + from.name() + "'s greeter";
    }
}
