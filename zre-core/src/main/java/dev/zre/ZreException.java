package dev.zre;

/** A node could not do what it was asked, e.g. start on an interface or port it cannot bind. */
public class ZreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ZreException(String message) {
        super(message);
    }

    public ZreException(String message, Throwable cause) {
        super(message, cause);
    }
}
