package dev.zre.cli;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code zre} command: ZRE (RFC 36) peers from the command line. Exit codes: 0 done, 1 the
 * command failed at run time (no peer in time, node could not start), 2 usage error (unknown
 * option, value not allowed; the message names the option and what it allows).
 */
@Command(name = "zre", mixinStandardHelpOptions = true, versionProvider = ZreCli.Version.class,
        description = "ZRE (ZeroMQ Realtime Exchange, RFC 36) peer from the command line; talks to zyre, Pyre and zre-core nodes.",
        subcommands = {ShellCommand.class, CatCommand.class, MonitorCommand.class, TimeCommand.class, SendCommand.class,
            KeygenCommand.class, GossipHubCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:run-time failure (no peer in time, node could not start)",
            "2:usage error (unknown option or value not allowed)"},
        footer = {"", "Every command takes --help. Examples:",
            "  uptime | zre cat uptime --interface loopback",
            "  zre shell --json --interface loopback --port 25670 --name alice",
            "  zre send --group chat hello --timeout 5s",
            "  zre keygen alice.cert   # then: zre shell --curve-secret-file alice.cert_secret --allow-dir certs/",
            "  zre gossip-hub --bind tcp://*:9001   # then: zre shell --gossip tcp://HUB-HOST:9001"})
public final class ZreCli implements Runnable {

    /** Exit code of a run-time failure. */
    public static final int FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    @Spec
    @Nullable CommandSpec spec;

    private final Io io;

    ZreCli(Io io) {
        this.io = io;
    }

    @Override
    public void run() {
        throw new ParameterException(Objects.requireNonNull(spec).commandLine(),
                "Missing command: one of shell, cat, monitor, time, send, keygen");
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(run(Io.system(), args));
    }

    /** Runs the tool with these streams and returns its exit code (what tests call in-process). */
    static int run(Io io, String... args) {
        return commandLine(io).execute(args);
    }

    static CommandLine commandLine(Io io) {
        CommandLine cl = new CommandLine(new ZreCli(io));
        // the streams print UTF-8 (see Io), not the platform's default charset
        cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setExecutionExceptionHandler(new Failures());
        return cl;
    }

    /** The streams of the root command, reached from a subcommand. */
    static Io io(@Nullable ZreCli root) {
        return Objects.requireNonNull(root, "root command").io;
    }

    /**
     * Waits for a command's outcome: its exit code, or the run-time failure that ended it. A JVM
     * shutdown (Ctrl-C, SIGTERM) ends the wait by ending the process.
     */
    static int await(CompletableFuture<Integer> done) throws Exception {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Usage errors: the message, how to get help, exit code 2. */
    private static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            java.io.PrintWriter err = cl.getErr();
            err.println(cl.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return USAGE;
        }
    }

    /** Run-time failures: the message, exit code 1 (stack trace only for unexpected exceptions). */
    private static final class Failures implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            java.io.PrintWriter err = cl.getErr();
            String who = cl.getCommandSpec().qualifiedName();
            if (ex instanceof CliFailure) {
                err.println(who + ": " + ex.getMessage());
            } else if (ex instanceof InterruptedException) {
                err.println(who + ": interrupted");
            } else {
                err.println(who + ": failed: " + ex);
                ex.printStackTrace(err);
            }
            err.flush();
            return FAILURE;
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ZreCli.class.getPackage().getImplementationVersion();
            return new String[] {"zre " + (v == null ? "(development build)" : v) + ", ZRE v2 (RFC 36), Java "
                    + System.getProperty("java.version")};
        }
    }
}
