package dev.zre.testcontainers;

import java.util.List;
import java.util.Map;

/**
 * One peer that the node in a {@link ZreContainer} is connected to, as {@code GET /api/peers} reports it.
 *
 * @param uuid the peer's UUID, 32 upper-case hex digits
 * @param name the name from its HELLO
 * @param address its mailbox endpoint, e.g. {@code tcp://198.18.1.3:49152}
 * @param groups the groups it belongs to
 * @param headers the headers from its HELLO
 * @param state its liveness: {@code ALIVE}, {@code EVASIVE} or {@code SILENT}
 */
public record ZrePeerInfo(String uuid, String name, String address, List<String> groups, Map<String, String> headers,
        String state) {

    public ZrePeerInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Whether the peer has answered recently (state {@code ALIVE}). */
    public boolean isAlive() {
        return "ALIVE".equalsIgnoreCase(state);
    }
}
