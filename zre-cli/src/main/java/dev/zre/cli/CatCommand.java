package dev.zre.cli;

import dev.zre.ZreEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code zre cat GROUP}: prints the group's SHOUTs, and shouts stdin's lines to it. */
@Command(name = "cat", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Print a group's SHOUTs; shout stdin's lines to it.",
        description = {
            "Joins GROUP and prints every SHOUT to it on stdout, one line per message (the content "
                    + "frames concatenated; a newline is added unless the message ends with one).",
            "",
            "When stdin is a pipe or file (not a terminal, not /dev/null; or with --stdin), each input "
                    + "line is shouted to GROUP:",
            "  uptime | zre cat uptime",
            "Before the first line is sent, cat waits up to --wait for a peer in GROUP and exits with"
                    + " code 1 if none appears (--wait 0: do not wait, lines nobody hears are lost).",
            "",
            "When it exits: with stdin, after stdin ends and --linger has passed (the last lines "
                    + "reach the peers), unless --stay or --count keep it running; without stdin, on Ctrl-C / "
                    + "SIGTERM or after --count messages. On exit the node says goodbye (port-0 beacon)."
        })
final class CatCommand implements Callable<Integer> {

    @ParentCommand
    @Nullable ZreCli root;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The group to print and to shout to.")
    String group = "";

    @Mixin
    NodeOptions options = new NodeOptions();

    @Option(names = "--stdin", negatable = true,
            description = "Shout stdin's lines (default: when stdin is not a terminal). --no-stdin only prints.")
    @Nullable Boolean stdin;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "5s", converter = Converters.DurationConverter.class,
            description = "How long to wait for a peer in GROUP before sending; exit 1 when none comes. Default: ${DEFAULT-VALUE}.")
    Duration wait = Duration.ofSeconds(5);

    @Option(names = "--linger", paramLabel = "DURATION", defaultValue = "1500ms", converter = Converters.DurationConverter.class,
            description = "After stdin ends, how long to stay so the last lines are delivered (long enough for one "
                    + "reconnect of a stalled connection). Default: ${DEFAULT-VALUE}.")
    Duration linger = Duration.ofMillis(1500);

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "0", converter = Converters.CountConverter.class,
            description = "Exit after printing N messages (0: no limit).")
    int count;

    @Option(names = "--stay", description = "Keep printing after stdin ends, until Ctrl-C or SIGTERM.")
    boolean stay;

    @Override
    public Integer call() throws Exception {
        options.checkGroup("parameter 'GROUP'", group);
        Io io = ZreCli.io(root);
        Output out = new Output(io.out());
        boolean readStdin = stdin != null ? stdin : !io.stdinIsTty() && !io.stdinIsNull();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicInteger printed = new AtomicInteger();
        try (NodeSession session = new NodeSession(io, options, java.util.List.of(group), event -> {
            boolean ours = event instanceof ZreEvent.Shout s && s.group().equals(group);
            if (options.json) {
                out.json(EventFormat.json(event));
            } else if (ours) {
                out.bytesLine(((ZreEvent.Shout) event).bytes());
            }
            if (ours && count > 0 && printed.incrementAndGet() >= count) {
                done.complete(0);
            }
        }, node -> {
            if (options.json) {
                out.json(EventFormat.ready(node));
            }
        })) {
            var unused = session.lost().whenComplete((v, failure) -> done.completeExceptionally(failure));
            if (readStdin) {
                Thread reader = new Thread(() -> shoutInput(session, io, done), "zre-cat-stdin");
                reader.setDaemon(true);
                reader.start();
            }
            return ZreCli.await(done);
        }
    }

    private void shoutInput(NodeSession session, Io io, CompletableFuture<Integer> done) {
        try {
            if (!wait.isZero() && !session.awaitGroup(group, 1, wait)) {
                done.completeExceptionally(new CliFailure("no peer joined group '" + group + "' within "
                        + NodeSession.describe(wait) + "; nothing was sent (--wait 0 sends anyway)"));
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !done.isDone()) {
                session.node().shout(group, line);
            }
            Thread.sleep(linger.toMillis());
            if (!stay && count == 0) {
                done.complete(0);
            }
        } catch (IOException e) {
            done.completeExceptionally(new CliFailure("cannot read stdin: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the node stopped under us (count reached, Ctrl-C): nothing more to send
        }
    }
}
