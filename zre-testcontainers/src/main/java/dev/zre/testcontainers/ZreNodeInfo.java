package dev.zre.testcontainers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zre.PeerId;
import java.util.List;

/**
 * The node inside a {@link ZreContainer}, as {@code GET /api/node} reports it.
 *
 * @param id the node's id (JSON {@code uuid}); a new one on every start of the app
 * @param name the name it announces in HELLO
 * @param endpoint its mailbox endpoint, e.g. {@code tcp://198.18.1.2:49152}
 * @param groups the groups it belongs to
 */
public record ZreNodeInfo(@JsonProperty("uuid") PeerId id, String name, String endpoint, List<String> groups) {

    /** Copies the collections; one missing from the JSON counts as empty. */
    public ZreNodeInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
