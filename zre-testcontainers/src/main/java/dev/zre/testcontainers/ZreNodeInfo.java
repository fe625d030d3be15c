package dev.zre.testcontainers;

import java.util.List;

/**
 * The node inside a {@link ZreContainer}, as {@code GET /api/node} reports it.
 *
 * @param uuid the node's UUID, 32 upper-case hex digits; a new one on every start of the app
 * @param name the name it announces in HELLO
 * @param endpoint its mailbox endpoint, e.g. {@code tcp://198.18.1.2:49152}
 * @param groups the groups it belongs to
 */
public record ZreNodeInfo(String uuid, String name, String endpoint, List<String> groups) {

    public ZreNodeInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
