package dev.zre.cli;

import dev.zre.MessageType;
import dev.zre.PeerId;
import dev.zre.PeerSnapshot;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** How events, peers and counters look on stdout: JSON objects (schema in the README) and text lines. */
final class EventFormat {

    private EventFormat() {
    }

    static String hex(UUID uuid) {
        return PeerId.of(uuid).toString();
    }

    /** The first 8 hex digits, enough to tell peers apart on screen (commands accept such prefixes). */
    static String shortHex(UUID uuid) {
        return hex(uuid).substring(0, 8);
    }

    // ------------------------------------------------------------------ JSON

    static Map<String, Object> json(ZreEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event.type().name());
        if (event instanceof ZreEvent.PeerEvent p) {
            m.put("peer", hex(p.peer()));
            m.put("name", p.peerName());
        }
        if (event instanceof ZreEvent.Enter e) {
            m.put("headers", new TreeMap<>(e.headers()));
            m.put("address", e.address());
        } else if (event instanceof ZreEvent.Exit e) {
            m.put("reason", e.reason().tag());
        } else if (event instanceof ZreEvent.Join j) {
            m.put("group", j.group());
        } else if (event instanceof ZreEvent.Leave l) {
            m.put("group", l.group());
        } else if (event instanceof ZreEvent.Shout s) {
            m.put("group", s.group());
            content(m, s.frames());
        } else if (event instanceof ZreEvent.Whisper w) {
            content(m, w.frames());
        } else if (event instanceof ZreEvent.Leader l) {
            m.put("group", l.group());
            m.put("leader", hex(l.leader()));
            m.put("name", l.leaderName());
        }
        return m;
    }

    /** {@code frames}: every frame in base64; {@code text}: the first frame when it is valid UTF-8. */
    private static void content(Map<String, Object> m, List<byte[]> frames) {
        String text = utf8(frames.get(0));
        if (text != null) {
            m.put("text", text);
        }
        List<String> encoded = new ArrayList<>(frames.size());
        for (byte[] f : frames) {
            encoded.add(Base64.getEncoder().encodeToString(f));
        }
        m.put("frames", encoded);
    }

    /** Strict UTF-8 decoding, {@code null} when the bytes are not UTF-8. */
    static @Nullable String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static Map<String, Object> json(PeerSnapshot p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peer", hex(p.uuid()));
        m.put("name", p.name());
        m.put("address", p.address());
        m.put("groups", new TreeSet<>(p.groups()));
        m.put("headers", new TreeMap<>(p.headers()));
        m.put("state", p.state().name());
        m.put("enteredAt", p.enteredAt().toString());
        m.put("lastSeen", p.lastSeen().toString());
        m.put("messagesIn", p.messagesIn());
        m.put("messagesOut", p.messagesOut());
        return m;
    }

    static List<Map<String, Object>> jsonPeers(ZreNode node) {
        List<Map<String, Object>> peers = new ArrayList<>();
        for (PeerSnapshot p : sorted(node.peerSnapshots())) {
            peers.add(json(p));
        }
        return peers;
    }

    static List<PeerSnapshot> sorted(List<PeerSnapshot> peers) {
        List<PeerSnapshot> copy = new ArrayList<>(peers);
        copy.sort((a, b) -> {
            int c = a.name().compareTo(b.name());
            return c != 0 ? c : a.uuid().compareTo(b.uuid());
        });
        return copy;
    }

    /** The node's counters: messages by command, beacons, bytes, exits, protocol errors. */
    static Map<String, Object> counters(ZreStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ZreStatistics.Counter c : ZreStatistics.Counter.values()) {
            m.put(c.name().toLowerCase(Locale.ROOT), s.get(c));
        }
        Map<String, Object> sent = new LinkedHashMap<>();
        Map<String, Object> received = new LinkedHashMap<>();
        for (MessageType c : MessageType.values()) {
            sent.put(c.tag(), s.messagesSent(c));
            received.put(c.tag(), s.messagesReceived(c));
        }
        m.put("messagesSent", sent);
        m.put("messagesReceived", received);
        Map<String, Object> exits = new LinkedHashMap<>();
        for (dev.zre.ExitReason r : dev.zre.ExitReason.values()) {
            exits.put(r.tag(), s.peersExited(r));
        }
        m.put("peersExited", exits);
        m.put("protocolErrors", s.protocolErrors());
        return m;
    }

    static Map<String, Object> ready(ZreNode node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "READY");
        m.put("uuid", hex(node.uuid()));
        m.put("name", node.name());
        m.put("endpoint", node.endpoint().orElse(""));
        m.put("interface", node.interfaceName().orElse(""));
        m.put("groups", new TreeSet<>(node.ownGroups()));
        m.put("headers", new TreeMap<>(node.headers()));
        return m;
    }

    // ------------------------------------------------------------------ text

    /** One line per event for people: {@code [SHOUT] #chat <bob> hello}. */
    static String text(ZreEvent event) {
        if (event instanceof ZreEvent.Enter e) {
            return "[ENTER] " + who(e) + " " + e.address() + (e.headers().isEmpty() ? "" : " " + new TreeMap<>(e.headers()));
        } else if (event instanceof ZreEvent.Exit e) {
            return "[EXIT] " + who(e) + " (" + e.reason().tag() + ")";
        } else if (event instanceof ZreEvent.Join j) {
            return "[JOIN] " + who(j) + " #" + j.group();
        } else if (event instanceof ZreEvent.Leave l) {
            return "[LEAVE] " + who(l) + " #" + l.group();
        } else if (event instanceof ZreEvent.Shout s) {
            return "[SHOUT] #" + s.group() + " <" + s.peerName() + "> " + printable(s.frames());
        } else if (event instanceof ZreEvent.Whisper w) {
            return "[WHISPER] <" + w.peerName() + "> " + printable(w.frames());
        } else if (event instanceof ZreEvent.Leader l) {
            return "[LEADER] #" + l.group() + " " + l.leaderName() + " (" + shortHex(l.leader()) + ")";
        } else if (event instanceof ZreEvent.PeerEvent p) {
            return "[" + event.type() + "] " + who(p);
        }
        return "[" + event.type() + "]";
    }

    private static String who(ZreEvent.PeerEvent e) {
        return e.peerName() + " (" + shortHex(e.peer()) + ")";
    }

    /** Text frames as they are (joined by ' | '), binary frames as {@code <n bytes>}. */
    static String printable(List<byte[]> frames) {
        StringBuilder sb = new StringBuilder();
        for (byte[] f : frames) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            String t = utf8(f);
            sb.append(t != null ? t : "<" + f.length + " bytes>");
        }
        return sb.toString();
    }
}
