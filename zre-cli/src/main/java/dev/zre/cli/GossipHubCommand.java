package dev.zre.cli;

import dev.zre.ZreException;
import dev.zre.ZreGossipHub;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code zre gossip-hub}: a standalone ZGossip hub (czmq's zgossip server, Haskell zre's gossip server). */
@Command(name = "gossip-hub", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a ZGossip hub: nodes started with --gossip tcp://THIS-HOST:PORT (ours, zyre's, czmq",
            "clients) tell it their endpoint and learn everyone else's, where UDP beacons do not reach.",
            "Prints 'gossip hub listening at <endpoint>' once bound, then the clients and tuples it holds",
            "whenever they change; runs until stopped (Ctrl-C) or for --duration."})
final class GossipHubCommand implements Callable<Integer> {

    @ParentCommand
    @Nullable ZreCli root;

    @Option(names = "--bind", paramLabel = "tcp://HOST:PORT", required = true,
            description = "Where to listen, e.g. tcp://*:9001 (every interface) or tcp://198.18.0.1:9001.")
    String bind = "";

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0s",
            converter = Converters.DurationConverter.class,
            description = "Stop after this long (default 0s: run until stopped).")
    Duration duration = Duration.ZERO;

    @Override
    public Integer call() throws Exception {
        Io io = ZreCli.io(root);
        if (!bind.startsWith("tcp://")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "Invalid value for option '--bind': '" + bind + "' is not allowed; expected tcp://host:port");
        }
        try (ZreGossipHub hub = new ZreGossipHub(bind)) {
            String endpoint;
            try {
                endpoint = hub.startHub();
            } catch (ZreException e) {
                throw new CliFailure(e.getMessage() == null ? "cannot bind " + bind : e.getMessage());
            }
            io.out().println("gossip hub listening at " + endpoint);
            io.out().flush();
            long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            String shown = "";
            while (System.nanoTime() - end < 0) {
                String now = "clients " + hub.clients() + ", tuples " + hub.tuples();
                if (!now.equals(shown)) {
                    io.out().println(now);
                    io.out().flush();
                    shown = now;
                }
                Thread.sleep(200);
            }
        }
        return 0;
    }
}
