package dev.zre.internal.election;

import dev.zre.PeerId;
import java.util.ArrayList;
import java.util.List;

/** An {@link ElectionOutput} that remembers what the engine asked for, in order. */
final class RecordingOutput implements ElectionOutput {

    /** One message the engine sent. */
    record Sent(String command, PeerId to, String group, PeerId id) {
        @Override
        public String toString() {
            return command + "(" + group + ", " + id + ") -> " + to;
        }
    }

    /** One decision the engine reported. */
    record Decision(String group, PeerId leader) {
    }

    final List<Sent> sent = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();

    @Override
    public void sendElect(PeerId to, String group, PeerId challenger) {
        sent.add(new Sent("ELECT", to, group, challenger));
    }

    @Override
    public void sendLeader(PeerId to, String group, PeerId leader) {
        sent.add(new Sent("LEADER", to, group, leader));
    }

    @Override
    public void leaderDecided(String group, PeerId leader) {
        decisions.add(new Decision(group, leader));
    }

    /** Everything sent so far, then forgotten. */
    List<Sent> takeSent() {
        List<Sent> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    List<PeerId> leadersDecided() {
        return decisions.stream().map(Decision::leader).toList();
    }
}
