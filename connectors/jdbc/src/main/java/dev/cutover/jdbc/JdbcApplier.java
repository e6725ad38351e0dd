package dev.cutover.jdbc;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.internal.ApplyMarkerWriter;
import dev.cutover.jdbc.internal.BatchPlanner;
import dev.cutover.jdbc.internal.InvalidChangeException;
import dev.cutover.jdbc.internal.JdbcSession;
import dev.cutover.jdbc.internal.KeyChanges;
import dev.cutover.jdbc.internal.RejectionIsolator;
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
 * batch does; the capture of this database uses it to recognise the applier's writes.
 *
 * <p>Not thread-safe: one applier serves one consumer thread. {@link #close()} is idempotent.
 */
public final class JdbcApplier implements ChangeApplier {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcApplier.class);

    private final JdbcConnectionFactory connections;
    private final SqlDialect dialect;
    private final BatchPlanner planner;
    private final Clock clock;
    private final ApplyMarkerWriter marker;
    private JdbcSession session;
    private boolean closed;

    /**
     * Creates an applier; it connects on the first {@link #apply}.
     *
     * @param connections where to write
     * @param tables the target tables' schemas by table; each needs a key backed by a primary key
     *     or unique constraint
     * @param clock gives {@link ApplyResult#commitTime()} and the marker's {@code applied_at}
     * @param marker marks every apply transaction; null when transactions are not marked
     * @throws IllegalArgumentException when a table has no key or is filed under another table's id, or is the marker table
     */
    public JdbcApplier(JdbcConnectionFactory connections, Map<TableId, TableSchema> tables, Clock clock, ApplyMarker marker) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dialect = connections.dialect();
        this.clock = Objects.requireNonNull(clock, "clock");
        if (marker != null && tables.containsKey(marker.table())) {
            throw new IllegalArgumentException("table " + marker.table() + " is the apply-marker table and cannot be a target");
        }
        this.marker = marker == null ? null : new ApplyMarkerWriter(marker, dialect);
        Map<TableId, TableTarget> targets = new LinkedHashMap<>();
        tables.forEach((id, schema) -> {
            if (!id.equals(schema.table())) {
                throw new IllegalArgumentException("schema of table " + schema.table() + " is filed under " + id);
            }
            targets.put(id, new TableTarget(schema, dialect));
        });
        this.planner = new BatchPlanner(targets);
    }

    /** As {@link #JdbcApplier(JdbcConnectionFactory, Map, Clock, ApplyMarker)} without a marker. */
    public JdbcApplier(JdbcConnectionFactory connections, Map<TableId, TableSchema> tables, Clock clock) {
        this(connections, tables, clock, null);
    }

    /** As {@link #JdbcApplier(JdbcConnectionFactory, Map, Clock)} with the system clock. */
    public JdbcApplier(JdbcConnectionFactory connections, Map<TableId, TableSchema> tables) {
        this(connections, tables, Clock.systemUTC());
    }

    @Override
    public ApplyResult apply(List<ChangeEvent> changes) throws ApplyException {
        if (closed) {
            throw new IllegalStateException("applier writing to " + connections.describeUrl() + " is closed");
        }
        if (changes.isEmpty()) {
            return new ApplyResult(List.of(), List.of(), clock.instant());
        }
        List<KeyChanges> rows = plan(changes);
        JdbcSession current = session(changes);
        try {
            current.mark(clock.instant());
            current.writeAll(rows);
            current.commit();
            return new ApplyResult(changes, List.of(), clock.instant());
        } catch (TableWriteException e) {
            current.rollback(e);
            if (dialect.classify(e.sqlError()) != ErrorCategory.REJECTABLE) {
                throw failure(e.sqlError(), e.table(), changes);
            }
        } catch (SQLException e) {
            current.rollback(e);
            throw failure(e, null, changes);
        }
        return applyIsolating(current, rows, changes);
    }

    private ApplyResult applyIsolating(JdbcSession current, List<KeyChanges> rows, List<ChangeEvent> changes)
            throws ApplyException {
        Map<ChangeEvent, String> rejected;
        try {
            current.mark(clock.instant());
            rejected = new RejectionIsolator(current, dialect).apply(rows);
            current.commit();
        } catch (TableWriteException e) {
            current.rollback(e);
            throw failure(e.sqlError(), e.table(), changes);
        } catch (SQLException e) {
            current.rollback(e);
            throw failure(e, null, changes);
        }
        if (!rejected.isEmpty()) {
            LOG.warn("{} refused {} of {}; the rest is committed", connections.describeUrl(), rejected.size(), describe(changes));
        }
        return result(changes, rejected);
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
                session = JdbcSession.open(connections, marker);
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

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        closeSession();
    }
}
