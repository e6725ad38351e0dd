package dev.cutover.jdbc.internal;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.jdbc.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes writes on one connection inside the caller's transaction, either whole batches as
 * JDBC batches or one write at a time. Per table, a batch runs the deletes first, then the
 * updates of partial images (see {@link UpsertShape}), then one upsert batch per column set
 * (full images, and partial images whose update found no row), then one insert-if-absent batch
 * per column set for the rows {@linkplain KeyChanges#readAbsent() read as missing}. Neither
 * commits nor rolls back. Not thread-safe.
 *
 * <p>A row read as missing is not locked: another writer may insert it after the read, or may
 * have inserted it and not yet committed. Writing it with an upsert would overwrite that row
 * although the conflict check judged against no row, so it is inserted only if absent, and an
 * update count of 0 ends the write with {@link RowAppearedException}. Once the insert succeeded
 * the row is this transaction's and blocks other inserts of the key until it ends, so later
 * writes of it need no such care.
 */
final class BatchWriter {

    private final SqlDialect dialect;
    private final StatementCache statements;

    BatchWriter(SqlDialect dialect, StatementCache statements) {
        this.dialect = dialect;
        this.statements = statements;
    }

    /**
     * Writes the net effect of every row, table by table in order of first appearance.
     *
     * @throws RowAppearedException when a row read as missing was there; the transaction must roll back
     */
    void writeAll(List<KeyChanges> rows) throws TableWriteException, RowAppearedException {
        Map<TableTarget, List<KeyChanges>> byTable = new LinkedHashMap<>();
        for (KeyChanges row : rows) {
            byTable.computeIfAbsent(row.target(), t -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<TableTarget, List<KeyChanges>> table : byTable.entrySet()) {
            try {
                writeTable(table.getKey(), table.getValue());
            } catch (SQLException e) {
                statements.clearBatches(e);
                throw new TableWriteException(table.getKey().schema().table(), e);
            }
        }
    }

    /**
     * Writes one write alone, one statement execution at a time.
     *
     * @param unclaimed true while the row was read as missing and no write of this transaction has
     *     inserted it yet: a delete then has nothing to do, and an upsert inserts only if absent
     * @throws RowAppearedException when {@code unclaimed} and a row with the key was there
     */
    void writeOne(TableTarget target, RowWrite write, boolean unclaimed) throws TableWriteException, RowAppearedException {
        try {
            if (unclaimed) {
                if (!write.isDelete()) {
                    insertIfAbsent(target, write.after());
                }
                return;
            }
            if (write.isDelete()) {
                bind(statements.get(target.deleteSql()), target.keyColumns(), write.key()).executeUpdate();
                return;
            }
            UpsertShape shape = target.shapeOf(write.after());
            if (shape.updatesFirst() && bind(statements.get(shape.updateSql()), shape.updateColumns(), write.after()).executeUpdate() > 0) {
                return;
            }
            bind(statements.get(shape.sql()), shape.columns(), write.after()).executeUpdate();
        } catch (SQLException e) {
            throw new TableWriteException(target.schema().table(), e);
        }
    }

    private void writeTable(TableTarget target, List<KeyChanges> rows) throws SQLException, RowAppearedException {
        List<RowImage> deletes = new ArrayList<>();
        Map<UpsertShape, List<RowImage>> updates = new LinkedHashMap<>();
        Map<UpsertShape, List<RowImage>> upserts = new LinkedHashMap<>();
        Map<UpsertShape, List<RowImage>> inserts = new LinkedHashMap<>();
        for (KeyChanges row : rows) {
            if (row.readAbsent()) {
                RowImage image = row.upsertImage();
                if (image != null) {
                    inserts.computeIfAbsent(target.shapeOf(image), s -> new ArrayList<>()).add(image);
                }
                continue;
            }
            boolean deleted = row.deletesFirst();
            if (deleted) {
                deletes.add(row.key());
            }
            RowImage image = row.upsertImage();
            if (image != null) {
                UpsertShape shape = target.shapeOf(image);
                (shape.updatesFirst() && !deleted ? updates : upserts).computeIfAbsent(shape, s -> new ArrayList<>()).add(image);
            }
        }
        if (!deletes.isEmpty()) {
            executeBatch(target.deleteSql(), target.keyColumns(), deletes);
        }
        for (Map.Entry<UpsertShape, List<RowImage>> shape : updates.entrySet()) {
            List<RowImage> notFound = updateExisting(shape.getKey(), shape.getValue());
            if (!notFound.isEmpty()) {
                upserts.computeIfAbsent(shape.getKey(), s -> new ArrayList<>()).addAll(notFound);
            }
        }
        for (Map.Entry<UpsertShape, List<RowImage>> shape : upserts.entrySet()) {
            executeBatch(shape.getKey().sql(), shape.getKey().columns(), shape.getValue());
        }
        for (Map.Entry<UpsertShape, List<RowImage>> shape : inserts.entrySet()) {
            int[] counts = executeBatch(shape.getKey().insertSql(), shape.getKey().insertColumns(), shape.getValue());
            for (int i = 0; i < shape.getValue().size(); i++) {
                checkInserted(target, shape.getValue().get(i), i < counts.length ? counts[i] : Statement.SUCCESS_NO_INFO);
            }
        }
    }

    private void insertIfAbsent(TableTarget target, RowImage image) throws SQLException, RowAppearedException {
        UpsertShape shape = target.shapeOf(image);
        checkInserted(target, image, bind(statements.get(shape.insertSql()), shape.insertColumns(), image).executeUpdate());
    }

    /**
     * Checks the update count of an insert-if-absent: 1 inserted, 0 a row was there. Any other
     * count breaks the dialect's contract, and without it a row inserted meanwhile could go
     * unnoticed, so it fails the write (as an error without SQLState, which is not retried).
     */
    private void checkInserted(TableTarget target, RowImage image, int count) throws SQLException, RowAppearedException {
        if (count == 0) {
            throw new RowAppearedException(target.schema().table(), target.keyOf(image));
        }
        if (count != 1) {
            throw new SQLException("the insert-if-absent statement of dialect " + dialect.name() + " reported update count " + count
                    + " for a row of table " + target.schema().table() + ", not 1 (inserted) or 0 (a row with the key exists):"
                    + " it must report each row's count");
        }
    }

    /**
     * Updates the rows that exist and returns the images whose update touched no row. A count the
     * driver does not report counts as "not found": the upsert then writes the row again.
     */
    private List<RowImage> updateExisting(UpsertShape shape, List<RowImage> images) throws SQLException {
        int[] counts = executeBatch(shape.updateSql(), shape.updateColumns(), images);
        List<RowImage> notFound = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (i >= counts.length || counts[i] <= 0) {
                notFound.add(images.get(i));
            }
        }
        return notFound;
    }

    private int[] executeBatch(String sql, ColumnDef[] parameters, List<RowImage> images) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        for (RowImage image : images) {
            bind(statement, parameters, image).addBatch();
        }
        return statement.executeBatch();
    }

    private PreparedStatement bind(PreparedStatement statement, ColumnDef[] parameters, RowImage image) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            dialect.bind(statement, i + 1, parameters[i], image.get(parameters[i].name()));
        }
        return statement;
    }
}
