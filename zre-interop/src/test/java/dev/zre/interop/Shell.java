package dev.zre.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands (ip, npm, node) to completion with a deadline, capturing their output. */
final class Shell {

    /** What a finished command left behind. */
    record Result(List<String> command, int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException(
                        "command failed (exit " + exitCode + "): " + String.join(" ", command) + "\n" + output);
            }
            return this;
        }
    }

    private Shell() {
    }

    static Result run(Duration timeout, String... command) {
        return run(timeout, null, List.of(command));
    }

    /** Runs {@code command} in {@code dir}; stdout and stderr together; killed at the deadline. */
    static Result run(Duration timeout, File dir, List<String> command) {
        Path log = null;
        try {
            log = Files.createTempFile("zre-interop-cmd", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (dir != null) {
                builder.directory(dir);
            }
            Process process = builder.start();
            int code;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = process.exitValue();
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                code = -1;
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (code == -1) {
                output = "(killed after " + timeout + ")\n" + output;
            }
            return new Result(List.copyOf(command), code, output);
        } catch (IOException e) {
            // typically: the program does not exist
            return new Result(List.copyOf(command), 127, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
