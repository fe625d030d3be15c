package dev.zre;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A setting of {@link ZreConfig} has a value the node cannot use. Every check in zre-core throws
 * it, with one message shape:
 * {@code Invalid ZRE setting '<setting>': '<value>' <problem>; expected <expected>}, e.g.
 * {@code Invalid ZRE setting 'beaconPort': '70000' is not allowed; expected a port from 1 to 65535}.
 * Front-ends map {@link #setting()} to their own names (a property, a command line option) and
 * show {@link #reason()} beside it.
 *
 * <p>{@link ZreConfig.Builder#build()} and {@link ZreNode#join(String)} throw it directly (it is an
 * {@link IllegalArgumentException}, as before it existed). A value that is well-formed but that
 * this host cannot use (an unknown interface, a port in use) shows up when the node starts:
 * {@link ZreNode#start()} then throws a {@link ZreException} caused by this exception; find it with
 * {@link #in(Throwable)}.
 */
public class InvalidZreSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What {@link #value()} shows instead of a hidden value. */
    public static final String HIDDEN_VALUE = "******";

    private static final String NOT_ALLOWED = "is not allowed";

    private final String setting;
    private final String value;
    private final String problem;
    private final String expected;
    private final boolean valueHidden;

    /**
     * A value that is not allowed.
     *
     * @param setting the setting's name as in {@link ZreConfig}, e.g. {@code beaconPort}
     * @param value the rejected value as text
     * @param expected what is allowed instead, e.g. {@code a port from 1 to 65535}
     */
    public InvalidZreSettingException(String setting, @Nullable String value, String expected) {
        this(setting, String.valueOf(value), NOT_ALLOWED, expected, false, null);
    }

    private InvalidZreSettingException(String setting, String value, String problem, String expected,
            boolean valueHidden, @Nullable Throwable cause) {
        super("Invalid ZRE setting '" + setting + "': " + reason(value, problem, expected), cause);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.value = value;
        this.problem = problem;
        this.expected = Objects.requireNonNull(expected, "expected");
        this.valueHidden = valueHidden;
    }

    /**
     * A well-formed value that this host cannot use, e.g. an interface it does not have or a port
     * already in use.
     *
     * @param why what went wrong, e.g. {@code there is no interface of that name}
     * @param cause the underlying failure, if any
     */
    public static InvalidZreSettingException unusable(String setting, @Nullable String value, String why,
            String expected, @Nullable Throwable cause) {
        return new InvalidZreSettingException(setting, String.valueOf(value), "cannot be used (" + why + ")", expected,
                false, cause);
    }

    /**
     * A value that must not appear in messages or logs (a secret key): the exception never holds
     * it, and shows {@value #HIDDEN_VALUE} instead.
     */
    public static InvalidZreSettingException hidingValue(String setting, String expected) {
        return new InvalidZreSettingException(setting, HIDDEN_VALUE, NOT_ALLOWED, expected, true, null);
    }

    /**
     * The exception in a failure's cause chain (the failure itself included), e.g. in the
     * {@link ZreException} of a node that could not start.
     */
    public static Optional<InvalidZreSettingException> in(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidZreSettingException invalid) {
                return Optional.of(invalid);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The setting's name as in {@link ZreConfig} and its builder, e.g. {@code networkInterface}. */
    public String setting() {
        return setting;
    }

    /** The rejected value as text, or {@value #HIDDEN_VALUE} when it is hidden. */
    public String value() {
        return value;
    }

    /** Whether the value is hidden (then {@link #value()} is {@value #HIDDEN_VALUE}). */
    public boolean valueHidden() {
        return valueHidden;
    }

    /** What is allowed instead, e.g. {@code a port from 1 to 65535}. */
    public String expected() {
        return expected;
    }

    /**
     * The message without the setting's name, for front-ends that name the setting in their own
     * words: e.g. {@code '70000' is not allowed; expected a port from 1 to 65535}.
     */
    public String reason() {
        return reason(value, problem, expected);
    }

    private static String reason(String value, String problem, String expected) {
        return "'" + value + "' " + problem + "; expected " + expected;
    }
}
