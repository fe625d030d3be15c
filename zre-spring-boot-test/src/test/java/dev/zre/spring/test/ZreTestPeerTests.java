package dev.zre.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.zre.ZreEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two test peers in a cluster of their own, without Spring. */
class ZreTestPeerTests {

    private final ZreTestSettings cluster = ZreTestSettings.isolated();

    @Test
    void peersFindEachOtherAndExchangeShoutsAndWhispers() {
        try (ZreTestPeer alice = ZreTestPeer.named("alice").in(cluster).group("chat").start();
                ZreTestPeer bob = ZreTestPeer.named("bob").in(cluster).header("X-ROLE", "tester").group("chat").start()) {
            ZreEvent.Enter bobEntered = alice.awaitEnter("bob");
            assertThat(bobEntered.peer()).isEqualTo(bob.uuid());
            assertThat(bobEntered.headers()).containsEntry("X-ROLE", "tester");
            alice.awaitJoin("chat");

            alice.shout("chat", "hello chat");
            bob.whisper(alice.uuid(), "psst".getBytes(StandardCharsets.UTF_8));

            assertThat(bob.awaitShout("chat", "hello chat").peer()).isEqualTo(alice.uuid());
            assertThat(alice.awaitWhisper("psst".getBytes(StandardCharsets.UTF_8)).peerName()).isEqualTo("bob");
        }
    }

    @Test
    void awaitingSeesEventsThatArrivedBeforeTheCallUntilCleared() {
        try (ZreTestPeer alice = ZreTestPeer.named("alice").in(cluster).start();
                ZreTestPeer bob = ZreTestPeer.named("bob").in(cluster).start()) {
            bob.awaitEnter("alice");
            bob.whisper(alice.uuid(), "first");
            alice.awaitWhisper("first");

            assertThat(alice.awaitWhisper("first")).isSameAs(alice.awaitWhisper());
            alice.clear();
            assertThat(alice.events()).isEmpty();
        }
    }

    @Test
    void aFailedWaitNamesWhatWasAwaitedAndListsWhatArrived() {
        try (ZreTestPeer alice = ZreTestPeer.named("alice").in(cluster).timeout(Duration.ofMillis(300)).start();
                ZreTestPeer bob = ZreTestPeer.named("bob").in(cluster).start()) {
            bob.awaitEnter("alice");
            bob.whisper(alice.uuid(), "not this one");
            alice.awaitWhisper("not this one");

            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> alice.awaitWhisper("pong"))
                    .withMessageContaining("ZreTestPeer 'alice' received no WHISPER 'pong' within PT0.3S")
                    .withMessageContaining("WHISPER from 'bob': not this one");
        }
    }

    @Test
    void closingThePeerIsSeenAsExitByTheOthers() {
        try (ZreTestPeer alice = ZreTestPeer.named("alice").in(cluster).start()) {
            ZreTestPeer bob = ZreTestPeer.named("bob").in(cluster).start();
            alice.awaitEnter("bob");

            bob.close();

            assertThat(alice.awaitExit("bob").peer()).isNotNull();
            assertThat(bob.isRunning()).isFalse();
        }
    }

    @Test
    void aRunningPeerCannotBeReconfigured() {
        try (ZreTestPeer alice = ZreTestPeer.named("alice").in(cluster).start()) {
            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> alice.group("late"))
                    .withMessageContaining("already running");
        }
    }
}
