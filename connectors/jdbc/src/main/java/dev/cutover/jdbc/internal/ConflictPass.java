package dev.cutover.jdbc.internal;

import dev.cutover.core.conflict.ConflictCheck;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.ConflictSink;
import dev.cutover.core.conflict.KeyOutcome;
import dev.cutover.core.conflict.ParkedKey;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyResult;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The conflict checks of one apply transaction: reads the target rows of the checked keys under
 * lock, runs each key's {@link ConflictCheck}, and turns the outcomes into the changes to write,
 * the log entries to store before commit, and the parked state to keep after it.
 *
 * <p>Changes of tables without a check pass through unchanged and in place. A checked key's
 * writes take the place of its last change that is done with, which is where the planner would
 * have put the key's net effect anyway (rows are written in order of their last write).
 *
 * <p>The checked keys whose row was read as missing are {@link #readAbsent()}: the read locked
 * nothing for them, so their writes must be planned with them marked (see {@link KeyChanges#readAbsent()}).
 *
 * <p>Single use, not thread-safe. Parked keys handed in are changed by the checks, so pass copies
 * and keep the {@link #parkedAfter()} state only once the transaction has committed.
 */
public final class ConflictPass {

    private final List<ChangeEvent> writes = new ArrayList<>();
    private final Map<ChangeEvent, ChangeEvent> inputOfWrite = new IdentityHashMap<>();
    private final Set<ChangeEvent> held = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<ConflictLogEntry> log = new ArrayList<>();
    private final Map<RowRef, ParkedKey> parkedAfter = new LinkedHashMap<>();
    private final Set<RowRef> readAbsent = new HashSet<>();

    private ConflictPass() {
    }

    /**
     * Checks the changes of {@code batch} whose table has a check, in the session's open transaction.
     *
     * @param targets every target table; each change's table must be one (the planner checked)
     * @param parked the parked conflict of a key, as a copy the check may change, or null
     */
    public static ConflictPass checkBatch(JdbcSession session, List<ChangeEvent> batch, Map<TableId, TableTarget> targets,
            Map<TableId, ConflictCheck> checks, Function<RowRef, ParkedKey> parked) throws SQLException {
        Map<RowRef, List<ChangeEvent>> byKey = new LinkedHashMap<>();
        for (ChangeEvent change : batch) {
            if (checks.containsKey(change.table())) {
                byKey.computeIfAbsent(RowRef.of(targets.get(change.table()), change), r -> new ArrayList<>()).add(change);
            }
        }
        Map<RowRef, RowImage> current = lockAndRead(session, targets, byKey.keySet());
        Map<ChangeEvent, KeyOutcome> byLastHandled = new IdentityHashMap<>();
        ConflictPass pass = new ConflictPass();
        byKey.forEach((ref, changes) -> {
            RowImage row = current.get(ref);
            if (row == null) {
                pass.readAbsent.add(ref);
            }
            KeyOutcome outcome = checks.get(ref.table()).check(changes, row, parked.apply(ref));
            if (!outcome.handled().isEmpty()) {
                byLastHandled.put(outcome.handled().get(outcome.handled().size() - 1), outcome);
            }
            pass.keep(ref, outcome);
        });
        for (ChangeEvent change : batch) {
            if (!checks.containsKey(change.table())) {
                pass.writes.add(change);
                continue;
            }
            KeyOutcome outcome = byLastHandled.remove(change);
            if (outcome != null) {
                pass.addWrites(outcome);
            }
        }
        return pass;
    }

    /**
     * Carries out a person's {@code decision} on the parked conflict of {@code ref}, and judges the
     * changes held behind it, in the session's open transaction.
     *
     * @param parked the key's parked conflict; not changed
     */
    public static ConflictPass resolve(JdbcSession session, TableTarget target, ConflictCheck check, RowRef ref, ParkedKey parked,
            Resolution decision) throws SQLException {
        List<RowImage> rows = session.lockRows(target, List.of(ref.key()));
        KeyOutcome outcome = check.resolve(parked, decision, rows.isEmpty() ? null : rows.get(0));
        ConflictPass pass = new ConflictPass();
        if (rows.isEmpty()) {
            pass.readAbsent.add(ref);
        }
        pass.keep(ref, outcome);
        pass.addWrites(outcome);
        return pass;
    }

    /**
     * What makes a person's {@code decision} unfit to resolve the parked conflict of {@code ref},
     * or null when it fits. Names columns and keys, never other values.
     */
    public static String problemWith(Resolution decision, TableTarget target, RowRef ref) {
        if (decision.decision() == Resolution.Decision.PARK) {
            return "a parked conflict cannot be resolved by parking it again";
        }
        if (decision.decision() != Resolution.Decision.WRITE_ROW) {
            return null;
        }
        String problem = target.problemWith(decision.row());
        if (problem != null) {
            return "the row to write " + problem;
        }
        RowImage key = target.keyOf(decision.row());
        return key.equals(ref.key()) ? null : "the row to write has key " + key + ", not the conflict's key " + ref.key();
    }

    /** The changes to write, in order: the batch's unchecked changes and the checked keys' writes. */
    public List<ChangeEvent> writes() {
        return Collections.unmodifiableList(writes);
    }

    /** The checked keys whose row was read as missing, so not locked: plan {@link #writes()} with them marked. */
    public Set<RowRef> readAbsent() {
        return Collections.unmodifiableSet(readAbsent);
    }

    /** The conflict log entries to store before commit, key after key in order of first appearance. */
    public List<ConflictLogEntry> log() {
        return Collections.unmodifiableList(log);
    }

    /** Each checked key's parked conflict once committed; null for a key that is free. */
    public Map<RowRef, ParkedKey> parkedAfter() {
        return Collections.unmodifiableMap(parkedAfter);
    }

    /**
     * Stores {@link #log()} in {@code sink}, before the transaction commits; does nothing when the
     * log is empty.
     *
     * @throws ConflictLogException when the sink failed; the transaction must roll back
     */
    public void recordIn(ConflictSink sink) throws ConflictLogException {
        record(sink, log.stream().filter(e -> !(e instanceof ConflictResolved)).toList());
    }

    /**
     * Stores the pass's resolutions of parked conflicts. Called after the commit: a resolution
     * logged before a commit that never happened would release a conflict whose decision was
     * never written; logged after, a crash in between leaves the conflict parked, and resolving
     * it again finds its changes applied already.
     */
    public void recordResolutionsIn(ConflictSink sink) throws ConflictLogException {
        record(sink, log.stream().filter(ConflictResolved.class::isInstance).toList());
    }

    private static void record(ConflictSink sink, List<ConflictLogEntry> entries) throws ConflictLogException {
        if (entries.isEmpty()) {
            return;
        }
        try {
            sink.record(entries);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ConflictLogException("the conflict log could not store " + entries.size() + " entr"
                    + (entries.size() == 1 ? "y" : "ies") + " (" + e + ")", e);
        }
    }

    /**
     * The result over {@code inputs}: held changes in {@code held}, changes whose write the target
     * refused in {@code rejected}, the rest in {@code applied}, each list in input order.
     *
     * @param refusedWrites the refused writes (of {@link #writes()}, by identity) with the reasons
     */
    public ApplyResult result(List<ChangeEvent> inputs, Map<ChangeEvent, String> refusedWrites, Instant commitTime) {
        Map<ChangeEvent, String> refused = new IdentityHashMap<>();
        refusedWrites.forEach((write, reason) -> refused.putIfAbsent(inputOfWrite.getOrDefault(write, write), reason));
        List<ChangeEvent> applied = new ArrayList<>(inputs.size());
        List<ApplyResult.RejectedChange> rejected = new ArrayList<>();
        List<ChangeEvent> waiting = new ArrayList<>();
        Set<ChangeEvent> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ChangeEvent input : inputs) {
            if (held.contains(input)) {
                waiting.add(input);
            } else if (!refused.containsKey(input)) {
                applied.add(input);
            } else if (reported.add(input)) {
                rejected.add(new ApplyResult.RejectedChange(input, refused.get(input)));
            }
        }
        List<ConflictRecord> conflicts = log.stream().filter(ConflictRecord.class::isInstance).map(ConflictRecord.class::cast).toList();
        return new ApplyResult(applied, rejected, commitTime, conflicts, waiting);
    }

    private void keep(RowRef ref, KeyOutcome outcome) {
        log.addAll(outcome.log());
        held.addAll(outcome.held());
        parkedAfter.put(ref, outcome.parked());
    }

    /**
     * Adds a key's writes, remembering which incoming change each stands for: a change that won is
     * written as it is; a row a resolution chose is written as a new change of the same source
     * change, so it is matched by where that came from.
     */
    private void addWrites(KeyOutcome outcome) {
        List<ChangeEvent> handled = outcome.handled();
        int next = 0;
        for (ChangeEvent write : outcome.writes()) {
            int at = next;
            while (at < handled.size() && handled.get(at) != write && !sameSource(handled.get(at), write)) {
                at++;
            }
            if (at < handled.size()) {
                inputOfWrite.put(write, handled.get(at));
                next = at + 1;
            }
            writes.add(write);
        }
    }

    private static boolean sameSource(ChangeEvent a, ChangeEvent b) {
        return a.position().equals(b.position()) && a.commitTime().equals(b.commitTime())
                && Objects.equals(a.transactionId(), b.transactionId()) && a.key().equals(b.key());
    }

    /** Locks and reads the rows of {@code refs}, table by table in name order so appliers lock tables alike. */
    private static Map<RowRef, RowImage> lockAndRead(JdbcSession session, Map<TableId, TableTarget> targets, Set<RowRef> refs)
            throws SQLException {
        Map<TableId, List<RowImage>> keysByTable = new TreeMap<>(Comparator.comparing(TableId::toString));
        refs.forEach(ref -> keysByTable.computeIfAbsent(ref.table(), t -> new ArrayList<>()).add(ref.key()));
        Map<RowRef, RowImage> current = new HashMap<>();
        for (Map.Entry<TableId, List<RowImage>> table : keysByTable.entrySet()) {
            TableTarget target = targets.get(table.getKey());
            for (RowImage row : session.lockRows(target, table.getValue())) {
                current.put(new RowRef(table.getKey(), target.keyOf(row)), row);
            }
        }
        return current;
    }
}
