package dev.cutover.core.conflict;

import dev.cutover.core.event.SystemSide;

/** {@code legacy-wins} and {@code new-wins}: one system's version always wins. */
final class SideWinsResolver implements ConflictResolver {

    private final SystemSide winner;

    SideWinsResolver(SystemSide winner) {
        this.winner = winner;
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        return decideFor(winner, conflict, winner.label() + "-wins: the " + winner.label() + " version is kept");
    }

    /** The resolution that makes {@code winner}'s version the one both systems hold. */
    static Resolution decideFor(SystemSide winner, Conflict conflict, String reason) {
        return winner == conflict.source() ? Resolution.applyIncoming(reason) : Resolution.keepCurrent(reason);
    }
}
