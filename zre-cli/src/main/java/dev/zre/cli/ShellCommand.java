package dev.zre.cli;

import dev.zre.PeerSnapshot;
import dev.zre.ZreNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code zre shell}: an interactive node, or with {@code --json} the node that test drivers talk to. */
@Command(name = "shell", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Interactive node: join, leave, shout, whisper, list peers (--json: JSON lines).",
        description = {
            "Runs a node and reads commands from stdin; prints events as they happen.",
            "",
            "Commands: /join GROUP, /leave GROUP, /shout GROUP TEXT, /whisper PEER TEXT, /peers, "
                    + "/groups, /headers PEER, /name, /stats, /help, /quit. A line without a slash is shouted "
                    + "to the group joined last. PEER is a UUID, a unique UUID prefix (4+ hex digits) or a "
                    + "name.",
            "",
            "With --json, stdin carries JSON commands ({\"cmd\":\"join\",\"group\":\"g\"}) and stdout one "
                    + "JSON line per event and reply; see the README for the schema.",
            "",
            "The shell ends at /quit (or {\"cmd\":\"quit\"}) and when stdin ends, unless --stay is given."
        })
final class ShellCommand implements Callable<Integer> {

    @ParentCommand
    @Nullable ZreCli root;

    @Mixin
    NodeOptions options = new NodeOptions();

    @Mixin
    GroupOptions groups = new GroupOptions();

    @Option(names = "--stay", description = "Keep running after stdin ends, until Ctrl-C or SIGTERM (for containers without stdin).")
    boolean stay;

    private @Nullable String lastGroup;

    @Override
    public Integer call() throws Exception {
        Io io = ZreCli.io(root);
        Output out = new Output(io.out());
        if (!groups.groups.isEmpty()) {
            lastGroup = groups.groups.get(groups.groups.size() - 1);
        }
        try (NodeSession session = new NodeSession(io, options, groups.groups,
                options.json ? e -> out.json(EventFormat.json(e)) : e -> out.line(EventFormat.text(e)),
                node -> {
                    if (options.json) {
                        out.json(EventFormat.ready(node));
                    } else {
                        out.line("zre shell: " + node.name() + " " + EventFormat.hex(node.uuid()) + " at "
                                + node.endpoint().orElse("?") + " (" + node.interfaceName().orElse("?")
                                + "); /help for commands");
                    }
                })) {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            var unused = session.lost().whenComplete((v, failure) -> done.completeExceptionally(failure));
            Thread reader = new Thread(() -> readCommands(session, out, io, done), "zre-shell-stdin");
            reader.setDaemon(true);
            reader.start();
            return ZreCli.await(done);
        }
    }

    /** Reads stdin until quit or its end; then completes {@code done} (unless --stay keeps the node up). */
    private void readCommands(NodeSession session, Output out, Io io, CompletableFuture<Integer> done) {
        JsonCommands json = new JsonCommands(session, out);
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !done.isDone()) {
                boolean goOn = options.json ? json.handle(line) : text(session, out, io, line);
                if (!goOn) {
                    done.complete(0);
                    return;
                }
            }
            if (!stay) {
                done.complete(0);
            }
        } catch (IOException e) {
            done.completeExceptionally(new CliFailure("cannot read stdin: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** One line of the interactive shell; {@code false} after /quit. */
    private boolean text(NodeSession session, Output out, Io io, String raw) {
        String line = raw.strip();
        if (line.isEmpty()) {
            return true;
        }
        ZreNode node = session.node();
        try {
            if (!line.startsWith("/")) {
                if (lastGroup == null) {
                    throw new IllegalArgumentException("join a group first (/join GROUP), or use /shout GROUP TEXT");
                }
                node.shout(lastGroup, line);
                return true;
            }
            String[] w = line.split("\\s+", 3);
            String cmd = w[0].toLowerCase(java.util.Locale.ROOT);
            switch (cmd) {
                case "/quit", "/exit" -> {
                    return false;
                }
                case "/join" -> {
                    node.join(arg(w, 1, "/join GROUP"));
                    lastGroup = w[1];
                }
                case "/leave" -> node.leave(arg(w, 1, "/leave GROUP"));
                case "/shout" -> node.shout(arg(w, 1, "/shout GROUP TEXT"), arg(w, 2, "/shout GROUP TEXT"));
                case "/whisper" -> {
                    UUID peer = session.resolve(arg(w, 1, "/whisper PEER TEXT"));
                    node.whisper(peer, arg(w, 2, "/whisper PEER TEXT"));
                }
                case "/peers" -> peers(node, out);
                case "/groups" -> groups(node, out);
                case "/headers" -> {
                    UUID peer = session.resolve(arg(w, 1, "/headers PEER"));
                    Optional<PeerSnapshot> p = node.peer(peer);
                    out.line(p.map(s -> s.name() + " " + EventFormat.hex(s.uuid()) + " " + new TreeMap<>(s.headers()))
                            .orElse("peer has just left"));
                }
                case "/name" -> out.line(node.name() + " " + EventFormat.hex(node.uuid()) + " " + node.endpoint().orElse("?")
                        + " groups " + new TreeSet<>(node.ownGroups()) + " headers " + new TreeMap<>(node.headers()));
                case "/stats" -> out.line(EventFormat.counters(node.statistics()).toString());
                case "/help" -> out.line("/join GROUP  /leave GROUP  /shout GROUP TEXT  /whisper PEER TEXT  /peers  /groups  "
                        + "/headers PEER  /name  /stats  /quit   (text without a slash goes to the group joined last)");
                default -> throw new IllegalArgumentException("unknown command " + w[0] + " (/help lists them)");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            io.err().println("! " + e.getMessage());
        }
        return true;
    }

    private static String arg(String[] words, int index, String usage) {
        if (words.length <= index || words[index].isBlank()) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return words[index];
    }

    private static void peers(ZreNode node, Output out) {
        List<PeerSnapshot> peers = EventFormat.sorted(node.peerSnapshots());
        if (peers.isEmpty()) {
            out.line("no peers");
            return;
        }
        for (PeerSnapshot p : peers) {
            out.line(EventFormat.hex(p.uuid()) + "  " + p.name() + "  " + p.address() + "  " + p.state()
                    + "  groups " + new TreeSet<>(p.groups()));
        }
    }

    private static void groups(ZreNode node, Output out) {
        out.line("own groups: " + new TreeSet<>(node.ownGroups()));
        for (String g : new TreeSet<>(node.peerGroups())) {
            List<String> names = new ArrayList<>();
            for (UUID p : node.peersByGroup(g)) {
                names.add(node.peerName(p).orElse("?") + " (" + EventFormat.shortHex(p) + ")");
            }
            names.sort(null);
            out.line("#" + g + ": " + String.join(", ", names));
        }
    }
}
