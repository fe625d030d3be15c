package dev.zre.testcontainers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zre.PeerId;
import java.util.List;
import java.util.Map;

/**
 * One peer that the node in a {@link ZreContainer} is connected to, as {@code GET /api/peers} reports it.
 *
 * @param id the peer's id (JSON {@code uuid})
 * @param name the name from its HELLO
 * @param address its mailbox endpoint, e.g. {@code tcp://198.18.1.3:49152}
 * @param groups the groups it belongs to
 * @param headers the headers from its HELLO
 * @param state its liveness: {@code ALIVE}, {@code EVASIVE} or {@code SILENT}
 */
public record ZrePeerInfo(@JsonProperty("uuid") PeerId id, String name, String address, List<String> groups, Map<String, String> headers,
        String state) {

    /** Copies the collections; one missing from the JSON counts as empty. */
    public ZrePeerInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Whether the peer has answered recently (state {@code ALIVE}). */
    public boolean isAlive() {
        return "ALIVE".equalsIgnoreCase(state);
    }
}
