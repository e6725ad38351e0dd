package dev.cutover.jdbc;

import dev.cutover.core.conflict.ConflictCheck;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.ConflictSink;
import dev.cutover.core.conflict.ParkedKey;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.TransactionReportingApplier;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.internal.BatchPlanner;
import dev.cutover.jdbc.internal.ConflictLogException;
import dev.cutover.jdbc.internal.ConflictPass;
import dev.cutover.jdbc.internal.InvalidChangeException;
import dev.cutover.jdbc.internal.JdbcSession;
import dev.cutover.jdbc.internal.KeyChanges;
import dev.cutover.jdbc.internal.ParkedKeys;
import dev.cutover.jdbc.internal.RejectionIsolator;
import dev.cutover.jdbc.internal.RowAppearedException;
import dev.cutover.jdbc.internal.RowRef;
import dev.cutover.jdbc.internal.SessionTagger;
import dev.cutover.jdbc.internal.TableTarget;
import dev.cutover.jdbc.internal.TableWriteException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes changes into a database over JDBC, one transaction per batch, idempotently.
 *
 * <p>Per batch and table, the changes are collapsed to the net effect per key (changes of one key
 * keep their order; a key change, which Debezium reports as a delete of the old key and a create
 * of the new one, works either way), then written as batched {@code DELETE ... WHERE key = ?}
 * and batched upserts ({@link SqlDialect#upsertStatement}) that set exactly the columns present
 * in the after image: absent columns keep their value on update and get the column default on
 * insert. An image lacking some columns updates an existing row by key first and is upserted
 * only when no row was found, because databases check NOT NULL on the proposed insert row before
 * they see the conflict. Statements are prepared once per table and column set and reused.
 * Applying the same batch again leaves the same rows.
 *
 * <p>Errors are classified by the database's {@link SqlDialect#classify}:
 * <ul>
 *   <li>{@link ErrorCategory#REJECTABLE} (a constraint, a bad value): the batch is rolled back and
 *       applied again in the same way with the refused changes isolated (see
 *       {@link RejectionIsolator}); those are returned in {@link ApplyResult#rejected()} with the
 *       database's reason and the rest commits;
 *   <li>{@link ErrorCategory#RETRIABLE}: a retriable {@link ApplyException}; the connection is
 *       dropped and the next call opens a new one;
 *   <li>{@link ErrorCategory#FATAL}, or a change that does not fit its table (unknown table or
 *       column, value of the wrong class): a fatal {@link ApplyException} naming the table.
 * </ul>
 * Exception messages name the batch (size, tables, positions), the table and the database's
 * reason; never row values beyond keys, never credentials.
 *
 * <p>With an {@link ApplyMarker}, every apply transaction first upserts the marker row (also the
 * transaction that retries with refused changes isolated), so the marker commits exactly when the
 * batch does; the capture of this database uses it to recognise the applier's writes. With an
 * {@link ApplyOrigin} instead, every session is tagged with a replication origin when it opens,
 * which a PostgreSQL 16+ capture leaves out at the source.
 *
 * <p>With {@link ConflictHandling}, the changes of the checked tables (two-way bindings) are
 * checked against the target rows first. In the apply transaction, after the marker, the rows of
 * the batch's checked keys are read and locked ({@link SqlDialect#selectForUpdateStatement}, keys
 * sorted so concurrent appliers lock alike); each key's changes, in order, go through its table's
 * {@link ConflictCheck}, whose outcome replaces them: the changes that fit or won, rows a resolution
 * chose, nothing for changes decided against or held behind a parked conflict. The conflict log
 * entries go to the {@link ConflictSink} before the commit (its failure rolls everything back, a
 * retriable {@link ApplyException}); the parked keys, kept in memory and rebuilt at start with
 * {@link #restoreParked}, change only once the commit succeeded. The retry that isolates refused
 * changes reads, locks and checks again, as the rollback released the locks; log entries are
 * idempotent by conflict id. {@link #resolveParked} carries out a person's decision on a parked
 * conflict. Tables without a check cost nothing extra.
 *
 * <p>A key read as missing is not locked, so another writer may insert it before the commit. Such
 * a key's writes are inserted only if absent ({@link SqlDialect#insertIfAbsentStatement}) and
 * delete nothing; when its row turns out to be there, the transaction rolls back and a retriable
 * {@link ApplyException} names the table and key: the next attempt reads the row under lock and
 * the check sees the conflict. Keys whose row was read are locked and written as usual.
 *
 * <p>Thread-safe: {@link #apply}, {@link #resolveParked} and the other methods are serialized,
 * so a person's decision may arrive from another thread than the consumer's. {@link #close()} is
 * idempotent.
 */
public final class JdbcApplier implements TransactionReportingApplier {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcApplier.class);

    private final JdbcConnectionFactory connections;
    private final SqlDialect dialect;
    private final Map<TableId, TableTarget> targets;
    private final BatchPlanner planner;
    private final Clock clock;
    private final SessionTagger tagger;
    private final Map<TableId, ConflictCheck> checks;
    private final ConflictSink sink;
    private final ParkedKeys parked = new ParkedKeys();
    private JdbcSession session;
    private boolean closed;

    /**
     * Creates an applier; it connects on the first {@link #apply}.
     *
     * @param connections where to write
     * @param tables the target tables' schemas by table; each needs a key backed by a primary key
     *     or unique constraint
     * @param clock gives {@link ApplyResult#commitTime()} and the marker's {@code applied_at}
     * @param echoTag marks every apply transaction ({@link ApplyMarker}) or tags every session
     *     ({@link ApplyOrigin}); null when the applier's writes are not told apart
     * @param conflicts the tables whose changes are checked for conflicts, and the conflict log;
     *     null when no table is checked
     * @throws IllegalArgumentException when a table has no key or is filed under another table's id,
     *     or is the marker table, or a conflict check is for a table that is not a target
     */
    public JdbcApplier(JdbcConnectionFactory connections, Map<TableId, TableSchema> tables, Clock clock, EchoTag echoTag,
            ConflictHandling conflicts) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dialect = connections.dialect();
        this.clock = Objects.requireNonNull(clock, "clock");
        if (echoTag instanceof ApplyMarker marker && tables.containsKey(marker.table())) {
            throw new IllegalArgumentException("table " + marker.table() + " is the apply-marker table and cannot be a target");
        }
        this.tagger = SessionTagger.of(echoTag, dialect);
        Map<TableId, TableTarget> byTable = new LinkedHashMap<>();
        tables.forEach((id, schema) -> {
            if (!id.equals(schema.table())) {
                throw new IllegalArgumentException("schema of table " + schema.table() + " is filed under " + id);
            }
            byTable.put(id, new TableTarget(schema, dialect));
        });
        this.targets = Map.copyOf(byTable);
        this.planner = new BatchPlanner(byTable);
        this.checks = conflicts == null ? Map.of() : conflicts.checks();
        this.sink = conflicts == null ? null : conflicts.sink();
        for (TableId checked : checks.keySet()) {
            if (!targets.containsKey(checked)) {
                throw new IllegalArgumentException("conflict check of binding '" + checks.get(checked).binding() + "' is for table "
                        + checked + ", which this applier does not write (tables: " + byTable.keySet() + ")");
            }
        }
    }

    /** As {@link #JdbcApplier(JdbcConnectionFactory, Map, Clock, EchoTag, ConflictHandling)} without conflict checks. */
    public JdbcApplier(JdbcConnectionFactory connections, Map<TableId, TableSchema> tables, Clock clock, EchoTag echoTag) {
        this(connections, tables, clock, echoTag, null);
    }

    /** As {@link #JdbcApplier(JdbcConnectionFactory, Map, Clock, EchoTag)} without a tag. */
    public JdbcApplier(JdbcConnectionFactory connections, Map<TableId, TableSchema> tables, Clock clock) {
        this(connections, tables, clock, null);
    }

    /** As {@link #JdbcApplier(JdbcConnectionFactory, Map, Clock)} with the system clock. */
    public JdbcApplier(JdbcConnectionFactory connections, Map<TableId, TableSchema> tables) {
        this(connections, tables, Clock.systemUTC());
    }

    @Override
    public ApplyResult apply(List<ChangeEvent> changes) throws ApplyException {
        return apply(changes, null);
    }

    /**
     * As {@link #apply(List)}, and tells {@code committed}, before returning, the id of the
     * transaction that committed the batch as this database's capture names it (null when it wrote
     * nothing, or the dialect cannot tell). For the arbiter of two-way bindings, whose commits come
     * back to the other side: a {@code ReflectionGuard} needs to know which change is whose reflection.
     *
     * @param committed told once per committed batch; null for no report (and no extra query)
     */
    @Override
    public synchronized ApplyResult apply(List<ChangeEvent> changes, Consumer<String> committed) throws ApplyException {
        ensureOpen();
        if (changes.isEmpty()) {
            return new ApplyResult(List.of(), List.of(), clock.instant());
        }
        List<KeyChanges> rows = plan(changes);
        if (changes.stream().noneMatch(c -> checks.containsKey(c.table()))) {
            Map<ChangeEvent, String> rejected = transact(changes, committed, (current, isolating) -> write(current, rows, isolating));
            return result(changes, rejected);
        }
        ConflictPass[] done = new ConflictPass[1];
        Map<ChangeEvent, String> rejected = transact(changes, committed, (current, isolating) -> {
            ConflictPass pass = ConflictPass.checkBatch(current, changes, targets, checks, parked::copyOf);
            Map<ChangeEvent, String> refused = write(current, planner.plan(pass.writes(), pass.readAbsent()), isolating);
            pass.recordIn(sink);
            done[0] = pass;
            return refused;
        });
        parked.update(done[0].parkedAfter());
        return done[0].result(changes, rejected, clock.instant());
    }

    /**
     * Rebuilds the parked conflicts from the conflict log, replacing those known: the parked
     * conflicts of this applier's checks (same table, binding and target side) that the log does
     * not show resolved, each with the changes held behind it. Call once at start, before the first
     * {@link #apply}.
     *
     * @param log every entry of the conflict log, in the order stored
     * @return how many parked conflicts are open
     */
    public synchronized int restoreParked(List<ConflictLogEntry> log) {
        ensureOpen();
        return parked.restore(log, checks, targets);
    }

    /** The parked conflicts waiting for a person, oldest first. */
    public synchronized List<ConflictRecord> parked() {
        return parked.open();
    }

    /**
     * Carries out a person's decision on a parked conflict in one marked transaction: locks and
     * reads the row, writes what the decision asks for, then judges the changes held behind the
     * conflict in order (one of which may park the key again), logs all of it (with a
     * {@link ConflictResolved} entry) before committing, and frees the key once committed.
     *
     * @param conflictId the parked conflict's id
     * @param decision apply the incoming change, keep the current row, or write a row (holding at
     *     least the key, which must be the conflict's)
     * @return applied: the parked change and the held ones now done with; conflicts: any new ones;
     *     held: changes parked or held again
     * @throws IllegalArgumentException when no open parked conflict has that id (unknown, or
     *     resolved already), or the decision does not fit it
     * @throws ApplyException when nothing was committed, as for {@link #apply}
     */
    public synchronized ApplyResult resolveParked(String conflictId, Resolution decision) throws ApplyException {
        ensureOpen();
        Objects.requireNonNull(decision, "decision");
        RowRef ref = parked.find(Objects.requireNonNull(conflictId, "conflictId"));
        if (ref == null) {
            List<String> open = parked.open().stream().map(ConflictRecord::id).toList();
            throw new IllegalArgumentException("no parked conflict '" + conflictId + "' waits at " + connections.describeUrl()
                    + ": it is unknown or resolved already (open: " + (open.size() <= 10 ? open : open.subList(0, 10) + "...") + ")");
        }
        String problem = ConflictPass.problemWith(decision, targets.get(ref.table()), ref);
        if (problem != null) {
            throw new IllegalArgumentException("cannot resolve conflict " + conflictId + " of table " + ref.table() + " key " + ref.key()
                    + ": " + problem);
        }
        ParkedKey key = parked.copyOf(ref);
        List<ChangeEvent> inputs = new ArrayList<>();
        inputs.add(key.conflict().conflict().change());
        key.held().forEach(h -> inputs.add(h.change()));
        ConflictPass[] done = new ConflictPass[1];
        Map<ChangeEvent, String> rejected = transact(inputs, null, (current, isolating) -> {
            ConflictPass pass = ConflictPass.resolve(current, targets.get(ref.table()), checks.get(ref.table()), ref, key, decision);
            Map<ChangeEvent, String> refused = write(current, planner.plan(pass.writes(), pass.readAbsent()), isolating);
            pass.recordIn(sink);
            done[0] = pass;
            return refused;
        });
        parked.update(done[0].parkedAfter());
        LOG.info("conflict {} of table {} key {} resolved at {}: {}", conflictId, ref.table(), ref.key(), connections.describeUrl(),
                decision.decision().label());
        try {
            done[0].recordResolutionsIn(sink);
        } catch (ConflictLogException e) {
            throw new ApplyException("conflict " + conflictId + " is resolved at " + connections.describeUrl()
                    + " but " + e.getMessage() + "; after a restart it shows as parked again, and resolving it again is harmless", true, e);
        }
        return done[0].result(inputs, rejected, clock.instant());
    }

    /** One try at a transaction's work, after its marker and before its commit. */
    @FunctionalInterface
    private interface Work {
        /**
         * @param isolating true on the retry after the target refused a change: refused writes are
         *     then left out and returned
         * @return the refused writes with the database's reasons; empty unless isolating
         */
        Map<ChangeEvent, String> run(JdbcSession session, boolean isolating)
                throws TableWriteException, SQLException, InvalidChangeException, ConflictLogException, RowAppearedException;
    }

    /**
     * Runs {@code work} in a marked transaction, and once more isolating refused writes when the
     * target refused some; {@code committed}, when not null, is told the committed transaction's id.
     */
    private Map<ChangeEvent, String> transact(List<ChangeEvent> changes, Consumer<String> committed, Work work)
            throws ApplyException {
        JdbcSession current = session(changes);
        try {
            return attempt(current, work, false, changes, committed);
        } catch (TableWriteException e) {
            // Refused content: the retry leaves out exactly the refused writes.
        }
        Map<ChangeEvent, String> rejected;
        try {
            rejected = attempt(current, work, true, changes, committed);
        } catch (TableWriteException e) {
            throw failure(e.sqlError(), e.table(), changes);
        }
        if (!rejected.isEmpty()) {
            LOG.warn("{} refused {} of {}; the rest is committed", connections.describeUrl(), rejected.size(), describe(changes));
        }
        return rejected;
    }

    /**
     * One transaction: marker, work, commit (telling {@code committed} its id, when not null);
     * rolled back on any failure.
     *
     * @throws TableWriteException only when the target refused content and {@code isolating} is false
     */
    private Map<ChangeEvent, String> attempt(JdbcSession current, Work work, boolean isolating, List<ChangeEvent> changes,
            Consumer<String> committed)
            throws ApplyException, TableWriteException {
        try {
            current.mark(clock.instant());
            Map<ChangeEvent, String> rejected = work.run(current, isolating);
            if (committed == null) {
                current.commit();
            } else {
                committed.accept(current.commitNamingTransaction());
            }
            return rejected;
        } catch (TableWriteException e) {
            current.rollback(e);
            if (!isolating && dialect.classify(e.sqlError()) == ErrorCategory.REJECTABLE) {
                throw e;
            }
            throw failure(e.sqlError(), e.table(), changes);
        } catch (SQLException e) {
            current.rollback(e);
            throw failure(e, null, changes);
        } catch (InvalidChangeException e) {
            current.rollback(e);
            throw new ApplyException("cannot apply " + describe(changes) + ": " + e.getMessage(), false, e);
        } catch (ConflictLogException e) {
            current.rollback(e);
            throw new ApplyException("applying " + describe(changes) + " to " + connections.describeUrl()
                    + " was rolled back (retriable): " + e.getMessage(), true, e.getCause());
        } catch (RowAppearedException e) {
            current.rollback(e);
            throw new ApplyException("applying " + describe(changes) + " to " + connections.describeUrl()
                    + " was rolled back (retriable): " + e.getMessage() + " (another writer inserted it after it was read"
                    + " as missing); the next attempt reads it under lock and checks it as a conflict", true, e);
        }
    }

    private Map<ChangeEvent, String> write(JdbcSession current, List<KeyChanges> rows, boolean isolating)
            throws TableWriteException, SQLException, RowAppearedException {
        if (isolating) {
            return new RejectionIsolator(current, dialect).apply(rows);
        }
        current.writeAll(rows);
        return Map.of();
    }

    private ApplyResult result(List<ChangeEvent> changes, Map<ChangeEvent, String> rejected) {
        List<ChangeEvent> applied = new ArrayList<>(changes.size());
        List<ApplyResult.RejectedChange> refused = new ArrayList<>(rejected.size());
        Set<ChangeEvent> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ChangeEvent change : changes) {
            String reason = rejected.get(change);
            if (reason == null) {
                applied.add(change);
            } else if (reported.add(change)) {
                refused.add(new ApplyResult.RejectedChange(change, reason));
            }
        }
        return new ApplyResult(applied, refused, clock.instant());
    }

    /** Checks every change against its table before anything is read or written. */
    private List<KeyChanges> plan(List<ChangeEvent> changes) throws ApplyException {
        try {
            return planner.plan(changes);
        } catch (InvalidChangeException e) {
            throw new ApplyException("cannot apply " + describe(changes) + ": " + e.getMessage(), false, e);
        }
    }

    private JdbcSession session(List<ChangeEvent> changes) throws ApplyException {
        if (session == null) {
            try {
                session = JdbcSession.open(connections, tagger);
            } catch (SQLException e) {
                throw failure(e, null, changes);
            }
        }
        return session;
    }

    /** Turns a database error into the exception the caller gets; drops the connection when retrying may help. */
    private ApplyException failure(SQLException error, TableId table, List<ChangeEvent> changes) {
        boolean retriable = dialect.classify(error) == ErrorCategory.RETRIABLE;
        if (retriable) {
            closeSession();
        }
        String message = "applying " + describe(changes) + " to " + connections.describeUrl() + " failed"
                + (table == null ? "" : " writing table " + table)
                + (retriable ? " (retriable)" : " (not retriable)") + ": " + dialect.describe(error);
        return new ApplyException(message, retriable, error);
    }

    /** The batch's identity for messages: size, tables and first and last source position. */
    private static String describe(List<ChangeEvent> changes) {
        LinkedHashSet<TableId> tables = new LinkedHashSet<>();
        changes.forEach(c -> tables.add(c.table()));
        return "batch of " + changes.size() + " change(s) to " + tables + " (positions " + changes.get(0).position()
                + " .. " + changes.get(changes.size() - 1).position() + ")";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("applier writing to " + connections.describeUrl() + " is closed");
        }
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeSession();
    }
}
