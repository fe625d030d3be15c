package dev.zre;

/** Liveness of a peer as this node sees it. */
public enum PeerState {
    /** Heard from recently. */
    ALIVE,
    /** Quiet for at least the evasive timeout; being pinged. */
    EVASIVE,
    /** Quiet for at least twice the evasive timeout despite pings; expires unless it speaks. */
    SILENT
}
