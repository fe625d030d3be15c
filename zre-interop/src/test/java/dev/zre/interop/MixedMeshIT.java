package dev.zre.interop;

import static dev.zre.interop.Event.from;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** A mixed mesh: two zre CLI peers and one zyre.js peer, each in its own namespace, talking in groups. */
class MixedMeshIT extends LabTest {

    @Override
    int nodes() {
        return 3;
    }

    @Test
    void twoJavaPeersAndOneZyreJsPeerFormAMeshAndExchangeGroupTraffic() {
        PeerProcess a = java(1, "java-a", "--header", "X-IMPL=zre-java");
        // b and c choose their interface by address, a by name
        PeerProcess b = javaByAddress(2, "java-b", "--header", "X-IMPL=zre-java");
        PeerProcess c = jsByAddress(3, "js-c", "--header", "X-IMPL=zyre.js");
        List<PeerProcess> all = List.of(a, b, c);
        for (PeerProcess p : all) {
            for (PeerProcess q : all) {
                if (p != q) {
                    Event enter = p.await("ENTER of " + q, DISCOVERY, from("ENTER", q.ready(DISCOVERY).uuid()));
                    assertThat(enter.name()).isEqualTo(q.label());
                }
            }
        }

        joinAll("mesh", a, b, c);
        for (PeerProcess p : all) {
            p.shoutText("mesh", "hello from " + p.label());
        }
        for (PeerProcess p : all) {
            List<Event> shouts = p.awaitCount("2 SHOUTs on mesh", DELIVERY, 2, Event.type("SHOUT"));
            Set<String> texts = shouts.stream().map(e -> e.string("text")).collect(Collectors.toSet());
            Set<String> expected = all.stream().filter(q -> q != p).map(q -> "hello from " + q.label())
                    .collect(Collectors.toSet());
            assertThat(texts).as("shouts received by %s", p).isEqualTo(expected);
        }

        // whispers across implementations, and between the two Java peers
        c.whisperText(a.uuid(), "js to a");
        c.whisperText(b.uuid(), "js to b");
        a.whisperText(c.uuid(), "a to js");
        b.whisperText(a.uuid(), "b to a");
        assertThat(a.awaitCount("2 WHISPERs", DELIVERY, 2, Event.type("WHISPER")))
                .extracting(e -> e.string("text")).containsExactlyInAnyOrder("js to a", "b to a");
        assertThat(b.await("WHISPER", DELIVERY, from("WHISPER", c.uuid())).string("text")).isEqualTo("js to b");
        assertThat(c.await("WHISPER", DELIVERY, from("WHISPER", a.uuid())).string("text")).isEqualTo("a to js");

        // a group only some are in: only members get the shout (zyre.js also drops SHOUTs for groups it left)
        joinAll("side", b, c);
        a.join("side-a-only");
        c.shoutText("side", "side talk");
        assertThat(b.await("SHOUT side", DELIVERY, from("SHOUT", c.uuid(), "side")).string("text"))
                .isEqualTo("side talk");
        a.await("JOIN side of java-b", DELIVERY, from("JOIN", b.uuid(), "side"));
        a.await("JOIN side of js-c", DELIVERY, from("JOIN", c.uuid(), "side"));
        Event groups = a.request(DELIVERY, "cmd", "groups");
        assertThat(members(groups, "mesh")).containsExactlyInAnyOrder(b.uuid(), c.uuid());
        assertThat(members(groups, "side")).containsExactlyInAnyOrder(b.uuid(), c.uuid());

        // the zyre.js peer leaves the group, then the mesh
        c.leave("mesh");
        a.await("LEAVE of js-c", DELIVERY, from("LEAVE", c.uuid(), "mesh"));
        b.await("LEAVE of js-c", DELIVERY, from("LEAVE", c.uuid(), "mesh"));
        String cId = c.uuid();
        assertThat(c.quit(STOP)).isZero();
        assertThat(a.await("EXIT of js-c", DELIVERY, from("EXIT", cId)).string("reason")).isEqualTo("left");
        assertThat(b.await("EXIT of js-c", DELIVERY, from("EXIT", cId)).string("reason")).isEqualTo("left");
        // the Java peers still talk to each other
        a.shoutText("mesh", "still here");
        assertThat(b.await("SHOUT", DELIVERY, e -> e.is("SHOUT") && "still here".equals(e.string("text"))).peer())
                .isEqualTo(a.uuid());
        assertThat(a.count(Event.type("EXIT")) + b.count(Event.type("EXIT"))).isEqualTo(2);
    }

    /** The members of {@code group} in a GROUPS reply, as normalised uuids. */
    private static List<String> members(Event groups, String group) {
        Object members = groups.map("peers").get(group);
        return members instanceof List<?> list ? list.stream().map(m -> Event.normalise(m.toString())).toList()
                : List.of();
    }
}
