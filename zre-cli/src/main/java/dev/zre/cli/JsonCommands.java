package dev.zre.cli;

import dev.zre.PeerSnapshot;
import dev.zre.ZreNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Runs the JSON commands read from stdin in {@code --json} mode, one object per line, and answers
 * on stdout with one JSON line each: {@code OK}, {@code ERROR}, or the data asked for
 * ({@code PEERS}, {@code GROUPS}, {@code PEER}, {@code INFO}, {@code STATS}). A line that is not a
 * valid command gets an {@code ERROR} line and is otherwise ignored; nothing a driver sends stops
 * the node except {@code quit}. The README documents every command.
 */
final class JsonCommands {

    static final List<String> COMMANDS = List.of("join", "leave", "shout", "whisper", "peers", "groups", "peer", "info",
            "stats", "quit");

    private final NodeSession session;
    private final Output out;

    JsonCommands(NodeSession session, Output out) {
        this.session = session;
        this.out = out;
    }

    /** A command line failed; the message goes into the ERROR line. */
    private static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Handles one line; {@code false} when it was {@code quit}. */
    boolean handle(String line) {
        if (line.isBlank()) {
            return true;
        }
        @Nullable Object id = null;
        @Nullable String cmd = null;
        try {
            Object parsed = Json.parse(line);
            if (!(parsed instanceof Map<?, ?> raw)) {
                throw new Refused("a command must be a JSON object such as {\"cmd\":\"peers\"}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> command = (Map<String, Object>) raw;
            id = command.get("id");
            Object c = command.get("cmd");
            if (!(c instanceof String s)) {
                throw new Refused("missing \"cmd\" (one of " + String.join(", ", COMMANDS) + ")");
            }
            cmd = s;
            return run(s, command, id);
        } catch (RuntimeException e) { // nothing a driver sends may end the shell
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("event", "ERROR");
            error.put("cmd", cmd);
            error.put("message", e.getMessage() != null ? e.getMessage() : e.toString());
            putId(error, id);
            out.json(error);
            return true;
        }
    }

    private boolean run(String cmd, Map<String, Object> c, @Nullable Object id) {
        ZreNode node = session.node();
        switch (cmd) {
            case "join" -> node.join(string(c, "group"));
            case "leave" -> node.leave(string(c, "group"));
            case "shout" -> {
                String group = string(c, "group");
                node.shout(group, content(c));
            }
            case "whisper" -> {
                UUID peer = session.resolve(string(c, "peer"));
                node.whisper(peer, content(c));
            }
            case "peers" -> {
                Map<String, Object> reply = reply("PEERS", id);
                Object group = c.get("group");
                List<Map<String, Object>> peers = EventFormat.jsonPeers(node);
                if (group != null) {
                    String g = String.valueOf(group);
                    peers.removeIf(p -> !(p.get("groups") instanceof java.util.Collection<?> groups && groups.contains(g)));
                }
                reply.put("peers", peers);
                out.json(reply);
                return true;
            }
            case "groups" -> {
                Map<String, Object> reply = reply("GROUPS", id);
                reply.put("own", new TreeSet<>(node.ownGroups()));
                Map<String, Object> members = new TreeMap<>();
                for (String g : node.peerGroups()) {
                    List<String> uuids = new ArrayList<>();
                    for (UUID p : node.peersByGroup(g)) {
                        uuids.add(EventFormat.hex(p));
                    }
                    uuids.sort(null);
                    members.put(g, uuids);
                }
                reply.put("peers", members);
                out.json(reply);
                return true;
            }
            case "peer" -> {
                UUID peer = session.resolve(string(c, "peer"));
                Optional<PeerSnapshot> snapshot = node.peer(peer);
                if (snapshot.isEmpty()) {
                    throw new Refused("peer " + EventFormat.hex(peer) + " has just left");
                }
                Map<String, Object> reply = reply("PEER", id);
                reply.putAll(EventFormat.json(snapshot.get()));
                out.json(reply);
                return true;
            }
            case "info" -> {
                Map<String, Object> reply = EventFormat.ready(node);
                reply.put("event", "INFO");
                putId(reply, id);
                out.json(reply);
                return true;
            }
            case "stats" -> {
                Map<String, Object> reply = reply("STATS", id);
                reply.put("peers", node.peers().size());
                reply.put("counters", EventFormat.counters(node.statistics()));
                out.json(reply);
                return true;
            }
            case "quit" -> {
                Map<String, Object> ok = reply("OK", id);
                ok.put("cmd", cmd);
                out.json(ok);
                return false;
            }
            default -> throw new Refused("unknown cmd '" + cmd + "' (one of " + String.join(", ", COMMANDS) + ")");
        }
        Map<String, Object> ok = reply("OK", id);
        ok.put("cmd", cmd);
        out.json(ok);
        return true;
    }

    private static Map<String, Object> reply(String event, @Nullable Object id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        putId(m, id);
        return m;
    }

    private static void putId(Map<String, Object> m, @Nullable Object id) {
        if (id != null) {
            m.put("id", id);
        }
    }

    private static String string(Map<String, Object> c, String field) {
        Object v = c.get(field);
        if (v instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new Refused("\"" + field + "\" must be a non-empty string");
    }

    /** Exactly one of "text" (one UTF-8 frame), "base64" (one frame) or "frames" (base64 strings, one per frame). */
    static List<byte[]> content(Map<String, Object> c) {
        Object text = c.get("text");
        Object base64 = c.get("base64");
        Object frames = c.get("frames");
        int given = (text != null ? 1 : 0) + (base64 != null ? 1 : 0) + (frames != null ? 1 : 0);
        if (given != 1) {
            throw new Refused("give exactly one of \"text\", \"base64\" or \"frames\"");
        }
        if (text != null) {
            if (!(text instanceof String s)) {
                throw new Refused("\"text\" must be a string");
            }
            return List.of(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (base64 != null) {
            return List.of(decode("base64", base64));
        }
        if (!(frames instanceof List<?> list) || list.isEmpty()) {
            throw new Refused("\"frames\" must be a non-empty array of base64 strings");
        }
        List<byte[]> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(decode("frames[" + i + "]", list.get(i)));
        }
        return out;
    }

    private static byte[] decode(String field, @Nullable Object value) {
        if (value instanceof String s) {
            try {
                return Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new Refused("\"" + field + "\" is not base64: " + e.getMessage());
            }
        }
        throw new Refused("\"" + field + "\" must be a base64 string");
    }
}
