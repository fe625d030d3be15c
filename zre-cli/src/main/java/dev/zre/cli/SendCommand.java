package dev.zre.cli;

import dev.zre.PeerSnapshot;
import dev.zre.ZreNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code zre send}: one SHOUT or WHISPER, then exit. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Send one SHOUT or WHISPER and exit (1 if nobody came in time).",
        description = {
            "Sends one message and exits: a SHOUT to --group, or a WHISPER to --peer. Waits up to "
                    + "--timeout until the group has --min-peers members (or the peer is connected), sends to "
                    + "the peers known then, stays --linger so the message leaves this host, and exits 0. Exits"
                    + " 1 when nobody came in time (nothing is sent). ZRE has no acknowledgements: 'sent' means"
                    + " handed to each peer's connection, not read by the application."
        })
final class SendCommand implements Callable<Integer> {

    @ParentCommand
    @Nullable ZreCli root;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target = new Target();

    static final class Target {
        @Option(names = "--group", paramLabel = "GROUP", required = true, description = "SHOUT to this group.")
        @Nullable String group;

        @Option(names = "--peer", paramLabel = "PEER", required = true,
                description = "WHISPER to this peer: a UUID, a unique UUID prefix (4+ hex digits) or a name.")
        @Nullable String peer;
    }

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The message; several words are joined by spaces.")
    List<String> words = new ArrayList<>();

    @Mixin
    NodeOptions options = new NodeOptions();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.DurationConverter.class,
            description = "How long to wait for the group's members or the peer. Default: ${DEFAULT-VALUE}.")
    Duration timeout = Duration.ofSeconds(10);

    @Option(names = "--min-peers", paramLabel = "N", defaultValue = "1", converter = Converters.CountConverter.class,
            description = "With --group: wait until at least N peers are in it. Default: ${DEFAULT-VALUE}.")
    int minPeers = 1;

    @Option(names = "--linger", paramLabel = "DURATION", defaultValue = "1500ms", converter = Converters.DurationConverter.class,
            description = "How long to stay after sending so the message is delivered (long enough for one "
                    + "reconnect of a stalled connection). Default: ${DEFAULT-VALUE}.")
    Duration linger = Duration.ofMillis(1500);

    @Override
    public Integer call() throws Exception {
        if (target.group != null) {
            options.checkGroup("option '--group'", target.group);
        }
        Io io = ZreCli.io(root);
        Output out = new Output(io.out());
        String text = String.join(" ", words);
        try (NodeSession session = new NodeSession(io, options, List.of(),
                options.json ? e -> out.json(EventFormat.json(e)) : null, node -> {
                    if (options.json) {
                        out.json(EventFormat.ready(node));
                    }
                })) {
            ZreNode node = session.node();
            Set<UUID> recipients;
            if (target.group != null) {
                String group = target.group;
                if (!session.awaitGroup(group, Math.max(1, minPeers), timeout)) {
                    throw new CliFailure("no peer joined group '" + group + "' within " + NodeSession.describe(timeout)
                            + " (" + node.peersByGroup(group).size() + " of " + Math.max(1, minPeers)
                            + " wanted); nothing was sent");
                }
                recipients = node.peersByGroup(group);
                Map<UUID, Long> before = sentCounts(node, recipients);
                node.shout(group, text.getBytes(StandardCharsets.UTF_8));
                handedOver(node, before);
            } else {
                String peer = java.util.Objects.requireNonNull(target.peer);
                if (!session.awaitPeer(peer, timeout)) {
                    throw new CliFailure("no peer '" + peer + "' connected within " + NodeSession.describe(timeout)
                            + "; nothing was sent");
                }
                UUID uuid;
                try {
                    uuid = session.resolve(peer);
                } catch (IllegalArgumentException e) {
                    throw new CliFailure(e.getMessage() + "; nothing was sent");
                }
                recipients = Set.of(uuid);
                Map<UUID, Long> before = sentCounts(node, recipients);
                node.whisper(uuid, text.getBytes(StandardCharsets.UTF_8));
                handedOver(node, before);
            }
            Thread.sleep(linger.toMillis());
            if (options.json) {
                Map<String, Object> sent = new LinkedHashMap<>();
                sent.put("event", "SENT");
                if (target.group != null) {
                    sent.put("group", target.group);
                }
                List<String> peers = new ArrayList<>();
                recipients.forEach(p -> peers.add(EventFormat.hex(p)));
                peers.sort(null);
                sent.put("peers", peers);
                sent.put("text", text);
                out.json(sent);
            }
            return 0;
        }
    }

    private static Map<UUID, Long> sentCounts(ZreNode node, Set<UUID> peers) {
        Map<UUID, Long> counts = new HashMap<>();
        for (UUID p : peers) {
            counts.put(p, node.peer(p).map(PeerSnapshot::messagesOut).orElse(0L));
        }
        return counts;
    }

    /** Waits (briefly) until the node's thread has passed the message to every recipient's connection. */
    private void handedOver(ZreNode node, Map<UUID, Long> before) throws InterruptedException {
        NodeSession.await(timeout, () -> before.entrySet().stream().allMatch(e ->
                node.peer(e.getKey()).map(p -> p.messagesOut() > e.getValue()).orElse(true)));
    }
}
