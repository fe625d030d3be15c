package dev.zre;

/** The kinds of {@link ZreEvent}, named as zyre names them. */
public enum ZreEventType {
    ENTER, EXIT, JOIN, LEAVE, WHISPER, SHOUT, EVASIVE, SILENT, LEADER, STOP;

    /**
     * Whether events of this type change who is in the cluster or who leads a group (never dropped
     * under back-pressure).
     */
    public boolean isMembership() {
        return this != WHISPER && this != SHOUT;
    }
}
