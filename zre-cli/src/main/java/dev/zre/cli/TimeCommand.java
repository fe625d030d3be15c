package dev.zre.cli;

import dev.zre.ZreNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code zre time}: shouts the time to a group every second (a heartbeat source for demos and tests). */
@Command(name = "time", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Shout the current time to a group every second.",
        description = {
            "Shouts the current time (ISO-8601 UTC, e.g. 2026-01-31T12:00:00.123Z) to GROUP every "
                    + "--interval and prints each value sent. Runs until Ctrl-C / SIGTERM or --count values."
        })
final class TimeCommand implements Callable<Integer> {

    private static final long LINGER_MILLIS = 1500;

    @ParentCommand
    @Nullable ZreCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GROUP", defaultValue = "time",
            description = "The group to shout to. Default: ${DEFAULT-VALUE}.")
    String group = "time";

    @Mixin
    NodeOptions options = new NodeOptions();

    @Mixin
    GroupOptions groups = new GroupOptions();

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
            description = "Time between shouts. Default: ${DEFAULT-VALUE}.")
    Duration interval = Duration.ofSeconds(1);

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "0", converter = Converters.CountConverter.class,
            description = "Stop after N shouts (0: no limit).")
    int count;

    @Override
    public Integer call() throws Exception {
        if (interval.isZero()) {
            throw options.usage("Invalid value for option '--interval': '0' is not allowed; expected a positive duration");
        }
        options.checkGroup("parameter 'GROUP'", group);
        Io io = ZreCli.io(root);
        Output out = new Output(io.out());
        try (NodeSession session = new NodeSession(io, options, groups.groups,
                options.json ? e -> out.json(EventFormat.json(e)) : null, node -> {
                    if (options.json) {
                        out.json(EventFormat.ready(node));
                    }
                })) {
            ZreNode node = session.node();
            long next = System.nanoTime();
            for (int sent = 0; count == 0 || sent < count; sent++) {
                String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                session.checkRunning();
                try {
                    node.shout(group, now);
                } catch (IllegalStateException e) {
                    session.checkRunning();
                    return 0; // stopped by Ctrl-C / SIGTERM
                }
                if (options.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("event", "SENT");
                    m.put("group", group);
                    m.put("text", now);
                    m.put("peers", node.peersByGroup(group).stream().map(EventFormat::hex).sorted().toList());
                    out.json(m);
                } else {
                    out.line(now);
                }
                next += interval.toNanos();
                long sleep = next - System.nanoTime();
                if (sleep > 0 && (count == 0 || sent + 1 < count)) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            Thread.sleep(LINGER_MILLIS); // let the last shout leave before the goodbye beacon
            return 0;
        }
    }
}
