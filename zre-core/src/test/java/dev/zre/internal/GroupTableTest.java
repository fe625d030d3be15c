package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Group membership as JOIN, LEAVE and EXIT change it. */
class GroupTableTest {

    private static Peer peer(String... groups) {
        Peer p = new Peer(UUID.randomUUID(), "tcp://127.0.0.1:1", 0);
        p.groups.addAll(java.util.List.of(groups));
        return p;
    }

    @Test
    void joinAddsOnceAndLeaveForgetsAnEmptyGroup() {
        GroupTable table = new GroupTable();
        Peer a = peer("chat");
        assertThat(table.join(a, "chat")).isTrue();
        assertThat(table.join(a, "chat")).as("second join").isFalse();
        PeerGroup chat = table.get("chat");
        assertThat(chat).isNotNull();
        assertThat(chat.members()).containsExactly(a);
        assertThat(table.leave(a, "chat")).isTrue();
        assertThat(table.leave(a, "chat")).as("second leave").isFalse();
        assertThat(table.get("chat")).isNull();
    }

    @Test
    void leaveAllTakesAPeerOutOfEveryGroupItIsIn() {
        GroupTable table = new GroupTable();
        Peer a = peer("chat", "ops");
        Peer b = peer("chat");
        table.join(a, "chat");
        table.join(a, "ops");
        table.join(b, "chat");
        table.leaveAll(a);
        assertThat(table.get("ops")).isNull();
        assertThat(table.get("chat").members()).containsExactly(b);
        assertThat(table.get("chat").contains(a.uuid)).isFalse();
    }

    @Test
    void aReplacedPeerIsNotRemovedByItsPredecessor() {
        GroupTable table = new GroupTable();
        Peer old = peer("chat");
        Peer again = new Peer(old.uuid, "tcp://127.0.0.1:2", 0);
        table.join(old, "chat");
        assertThat(table.join(again, "chat")).as("the new entry replaces the old").isTrue();
        assertThat(table.leave(old, "chat")).isFalse();
        assertThat(table.get("chat").members()).containsExactly(again);
    }
}
