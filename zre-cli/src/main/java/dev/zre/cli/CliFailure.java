package dev.zre.cli;

/** A command could not do its job (no peers in time, node failed): exit code 1 with this message. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
