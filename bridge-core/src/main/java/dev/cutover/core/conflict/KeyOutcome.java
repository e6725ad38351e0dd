package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import java.util.List;

/**
 * What {@link ConflictCheck} made of one key's changes.
 *
 * @param writes the changes to write, in order: incoming changes that fit or won, and rows a
 *     resolution chose
 * @param handled the incoming changes that are done with: written, or decided against
 * @param held the incoming changes now waiting behind a parked conflict
 * @param log the conflict log entries to store before the write commits, in order
 * @param parked the key's parked conflict after these changes; null when the key is free
 */
public record KeyOutcome(List<ChangeEvent> writes, List<ChangeEvent> handled, List<ChangeEvent> held,
        List<ConflictLogEntry> log, ParkedKey parked) {

    public KeyOutcome {
        writes = List.copyOf(writes);
        handled = List.copyOf(handled);
        held = List.copyOf(held);
        log = List.copyOf(log);
    }

    /** The conflict records among the log entries. */
    public List<ConflictRecord> conflicts() {
        return log.stream().filter(ConflictRecord.class::isInstance).map(ConflictRecord.class::cast).toList();
    }
}
