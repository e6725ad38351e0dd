package dev.cutover.core.conflict;

/** What a {@link ConflictSink} records: a conflict, a change held behind one, or a conflict's resolution. */
public sealed interface ConflictLogEntry permits ConflictRecord, HeldChange, ConflictResolved {

    /** The conflict the entry belongs to. */
    String conflictId();
}
