package dev.cutover.jdbc.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.jdbc.ErrorCategory;
import dev.cutover.jdbc.SqlDialect;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a batch that the database refused in part, inside one transaction, so that exactly
 * the refused changes are left out: ranges of rows are tried under a savepoint and halved when
 * refused; a single refused row is replayed write by write, each under its own savepoint, so the
 * writes before the refused one still land. The writes of that row after the refused one are left
 * out and returned as refused too, with a reason naming the first: applied on their own they would
 * build the row from the wrong start (a partial update would upsert a row with its absent columns
 * empty), so they wait with it. The cost is a few savepoints per refused row rather than one per row.
 *
 * <p>Only errors the dialect classifies as {@link ErrorCategory#REJECTABLE} are isolated; any
 * other error ends the attempt and propagates, as does a {@link RowAppearedException}. A row
 * {@linkplain KeyChanges#readAbsent() read as missing} replayed write by write is inserted only if
 * absent until one of its writes has inserted it (see {@link BatchWriter#writeOne}); a write
 * refused and rolled back to its savepoint has inserted nothing. Single use, not thread-safe.
 */
public final class RejectionIsolator {

    private final JdbcSession session;
    private final SqlDialect dialect;
    private final Map<ChangeEvent, String> rejected = new IdentityHashMap<>();

    public RejectionIsolator(JdbcSession session, SqlDialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    /**
     * Writes {@code rows} leaving out refused writes.
     *
     * @return the refused changes (by identity) with the database's reason
     * @throws TableWriteException on a failure that is not a refusal of content
     * @throws SQLException when a savepoint cannot be set, released or rolled back to
     * @throws RowAppearedException when a row read as missing was there; the transaction must roll back
     */
    public Map<ChangeEvent, String> apply(List<KeyChanges> rows) throws TableWriteException, SQLException, RowAppearedException {
        applyRange(rows);
        return rejected;
    }

    private void applyRange(List<KeyChanges> rows) throws TableWriteException, SQLException, RowAppearedException {
        Savepoint savepoint = session.savepoint();
        try {
            session.writeAll(rows);
            session.release(savepoint);
            return;
        } catch (TableWriteException e) {
            rethrowUnlessRejectable(e);
            session.rollbackTo(savepoint);
        }
        if (rows.size() == 1) {
            applyWriteByWrite(rows.get(0));
        } else {
            int middle = rows.size() / 2;
            applyRange(rows.subList(0, middle));
            applyRange(rows.subList(middle, rows.size()));
        }
    }

    private void applyWriteByWrite(KeyChanges row) throws TableWriteException, SQLException, RowAppearedException {
        boolean unclaimed = row.readAbsent();
        String refusedBefore = null;
        for (RowWrite write : row.writes()) {
            if (refusedBefore != null) {
                rejected.putIfAbsent(write.source(), "not written: " + refusedBefore + " of the same row was refused before it");
                continue;
            }
            Savepoint savepoint = session.savepoint();
            try {
                session.writeOne(row.target(), write, unclaimed);
                session.release(savepoint);
                unclaimed &= write.isDelete();
            } catch (TableWriteException e) {
                rethrowUnlessRejectable(e);
                session.rollbackTo(savepoint);
                rejected.putIfAbsent(write.source(), dialect.describe(e.sqlError()));
                refusedBefore = write.source().describe();
            }
        }
    }

    private void rethrowUnlessRejectable(TableWriteException e) throws TableWriteException {
        if (dialect.classify(e.sqlError()) != ErrorCategory.REJECTABLE) {
            throw e;
        }
    }
}
