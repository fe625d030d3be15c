package dev.zre.sample.presence;

/**
 * A peer's status, shouted as a JSON record ({@code {"status":"busy"}}) to the group
 * {@value PresenceListener#GROUP}.
 *
 * @param status {@code available}, {@code busy} or {@code away}
 */
public record Presence(String status) {

}
