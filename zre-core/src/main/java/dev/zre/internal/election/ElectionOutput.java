package dev.zre.internal.election;

import dev.zre.PeerId;

/**
 * What the election engine asks the node to do. Implemented by the node actor; every call comes on
 * the thread that called the engine.
 */
public interface ElectionOutput {

    /** Send {@code ELECT(group, challenger)} to one peer. */
    void sendElect(PeerId to, String group, PeerId challenger);

    /** Send {@code LEADER(group, leader)} to one peer. */
    void sendLeader(PeerId to, String group, PeerId leader);

    /**
     * An election in the group completed (zyre's LEADER event). Reported after every completed
     * election, also when the leader did not change; {@code leader} may be this node's own id.
     */
    void leaderDecided(String group, PeerId leader);
}
