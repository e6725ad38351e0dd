package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the incoming changes of one key of a two-way binding against the target row and decides
 * each conflict with the binding's resolver.
 *
 * <p>One side of a two-way binding is its <em>arbiter</em>: its applier detects, decides and records
 * conflicts, and what it writes is the truth both sides converge to. Its writes are not echo-
 * suppressed, so the other side, the <em>follower</em>, receives the arbiter's whole history of the
 * row, its own accepted changes included, and applies it as it comes, without a conflict check; a
 * change that finds the row already as it leaves it is not written again, and a version of its own
 * change that a later one of its own supersedes is left out (see {@link ReflectionGuard}).
 * Deciding in one place is what makes every policy converge: two appliers each judging by their
 * own state can disagree on which changes were concurrent (a row absent because one side deleted
 * it looks like a row never there).
 *
 * <p>The changes are walked in order against the row as it stands after the previous ones, so a
 * batch holding several changes of one key is judged as if they arrived one by one. A resolver
 * that throws, or chooses a row without the change's key, parks its conflict instead, with the
 * error as the reason: nothing is lost and the key waits for a person. An update that changes no
 * column ({@link ConflictDetector#changesNothing}) is done with at once and never written. Pure:
 * reads and writes nothing, and leaves the {@link ParkedKey} it is given as it is (a batch that
 * rolls back is checked again from the same state); the applier does the rest.
 */
public final class ConflictCheck {

    private final String binding;
    private final SystemSide target;
    private final ConflictPolicy policy;
    private final ConflictResolver resolver;
    private final Clock clock;

    public ConflictCheck(String binding, SystemSide target, ConflictPolicy policy, ConflictResolver resolver, Clock clock) {
        this.binding = Objects.requireNonNull(binding, "binding");
        this.target = Objects.requireNonNull(target, "target");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String binding() {
        return binding;
    }

    public SystemSide target() {
        return target;
    }

    public ConflictPolicy policy() {
        return policy;
    }

    /**
     * Judges {@code changes}, all of one key and in order.
     *
     * @param current the target row, read under lock and reduced to the mapped columns; null when none
     * @param parked the key's parked conflict, or null; changes then wait behind it. Not changed:
     *     the outcome's {@link KeyOutcome#parked()} is the key's state once the write commits
     */
    public KeyOutcome check(List<ChangeEvent> changes, RowImage current, ParkedKey parked) {
        Walk walk = new Walk(current, parked);
        changes.forEach(walk::next);
        return walk.outcome();
    }

    /**
     * Carries out a person's decision on a parked conflict, then judges the changes that waited
     * behind it, in order; one of them may park the key again.
     *
     * @param parked the parked conflict
     * @param decision {@link Resolution.Decision#APPLY_INCOMING}, {@link Resolution.Decision#KEEP_CURRENT}
     *     or {@link Resolution.Decision#WRITE_ROW}
     * @param current the target row now, read under lock; null when none
     * @throws IllegalArgumentException when the decision parks, or writes a row without the conflict's key
     */
    public KeyOutcome resolve(ParkedKey parked, Resolution decision, RowImage current) {
        if (decision.decision() == Resolution.Decision.PARK) {
            throw new IllegalArgumentException("conflict " + parked.conflict().id() + " cannot be resolved by parking it again");
        }
        ChangeEvent change = parked.conflict().conflict().change();
        if (decision.decision() == Resolution.Decision.WRITE_ROW && !holdsKeyOf(decision.row(), change)) {
            throw new IllegalArgumentException("conflict " + parked.conflict().id() + " cannot be resolved with a row whose key "
                    + "is not the conflict's key " + change.key() + " (columns " + decision.row().columns() + ")");
        }
        Walk walk = new Walk(current, null);
        walk.carryOut(change, decision);
        walk.log.add(new ConflictResolved(parked.conflict().id(), decision, clock.instant()));
        parked.held().forEach(h -> walk.next(h.change()));
        return walk.outcome();
    }

    /** One pass over a key's changes, keeping the row as it stands after each. */
    private final class Walk {
        private RowImage row;
        private ParkedKey parked;
        private final List<ChangeEvent> writes = new ArrayList<>();
        private final List<ChangeEvent> handled = new ArrayList<>();
        private final List<ChangeEvent> held = new ArrayList<>();
        private final List<ConflictLogEntry> log = new ArrayList<>();

        Walk(RowImage row, ParkedKey parked) {
            this.row = row;
            this.parked = parked == null ? null : copyOf(parked);
        }

        void next(ChangeEvent change) {
            if (parked != null) {
                HeldChange entry = parked.hold(change);
                if (entry != null) {
                    log.add(entry);
                    held.add(change);
                } else {
                    handled.add(change);
                }
                return;
            }
            if (ConflictDetector.changesNothing(change)) {
                // writing it could only undo a concurrent change the other applier keeps
                handled.add(change);
                return;
            }
            ConflictKind kind = ConflictDetector.detect(change, row);
            if (kind == null && leavesAsItIs(change, row)) {
                handled.add(change);
                return;
            }
            if (kind == null) {
                carryOut(change, Resolution.applyIncoming("fits"));
                return;
            }
            Conflict conflict = new Conflict(binding, target, kind, change, row);
            Resolution resolution = decide(conflict);
            ConflictRecord record = new ConflictRecord(ConflictRecord.idFor(binding, target, change), conflict, policy,
                    resolution, clock.instant());
            log.add(record);
            if (resolution.decision() == Resolution.Decision.PARK) {
                parked = new ParkedKey(record);
                held.add(change);
            } else {
                carryOut(change, resolution);
            }
        }

        void carryOut(ChangeEvent change, Resolution resolution) {
            handled.add(change);
            switch (resolution.decision()) {
                case APPLY_INCOMING -> {
                    writes.add(change);
                    row = change.after() == null ? null : overlay(row, change.after());
                }
                case WRITE_ROW -> {
                    RowImage written = overlay(row, resolution.row());
                    writes.add(ChangeEvent.update(change.origin(), change.table(), change.keyColumns(), row, written,
                            change.commitTime(), change.position(), change.transactionId()));
                    row = written;
                }
                case KEEP_CURRENT, PARK -> {
                }
            }
        }

        private Resolution decide(Conflict conflict) {
            Resolution resolution;
            try {
                resolution = resolver.resolve(conflict);
            } catch (RuntimeException e) {
                return Resolution.park("the conflict resolver failed, so the conflict waits for a person: " + e);
            }
            if (resolution == null) {
                return Resolution.park("the conflict resolver returned no decision, so the conflict waits for a person");
            }
            if (resolution.decision() == Resolution.Decision.WRITE_ROW && !holdsKeyOf(resolution.row(), conflict.change())) {
                return Resolution.park("the conflict resolver chose a row without the key " + conflict.change().key()
                        + " (columns " + resolution.row().columns() + "), so the conflict waits for a person");
            }
            return resolution;
        }

        KeyOutcome outcome() {
            return new KeyOutcome(writes, handled, held, log, parked);
        }
    }

    /** True when {@code row} holds every key column of {@code change} with the change's value. */
    private static boolean holdsKeyOf(RowImage row, ChangeEvent change) {
        RowImage key = change.key();
        for (String column : change.keyColumns()) {
            if (!row.has(column) || !RowImage.sameValue(row.get(column), key.get(column))) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code parked} that the walk may extend without touching the caller's. */
    private static ParkedKey copyOf(ParkedKey parked) {
        ParkedKey copy = new ParkedKey(parked.conflict());
        parked.held().forEach(copy::restore);
        return copy;
    }

    /** True when the target already is what {@code change} leaves behind: writing it would change nothing. */
    private static boolean leavesAsItIs(ChangeEvent change, RowImage row) {
        return change.after() == null ? row == null : row != null && ConflictDetector.matches(row, change.after());
    }

    /** {@code row} with the columns of {@code change} replaced, in {@code row}'s order; {@code change} alone when there is no row. */
    private static RowImage overlay(RowImage row, RowImage change) {
        if (row == null) {
            return change;
        }
        Map<String, Object> values = new LinkedHashMap<>(row.asMap());
        values.putAll(change.asMap());
        return RowImage.of(values);
    }
}
