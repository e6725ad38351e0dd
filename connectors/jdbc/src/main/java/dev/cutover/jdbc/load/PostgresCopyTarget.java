package dev.cutover.jdbc.load;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The PostgreSQL table a bulk copy writes, one piece (a page range, a slice of rows) at a time,
 * each piece committed whole or not at all: into a table that held no rows when the copy began,
 * one {@code COPY … FROM STDIN}; otherwise through a temporary table and an upsert, so a row the
 * target holds already takes the copied version. Thread-safe: each piece opens its own connection.
 */
final class PostgresCopyTarget {

    /** The staging table of a merged piece, dropped with its transaction. */
    private static final String STAGING = "cutover_load_chunk";

    /** Writes one piece's rows on {@code writer} into table {@code into} (the target or the staging table). */
    @FunctionalInterface
    interface Piece {
        long copy(Connection writer, TableId into) throws Exception;
    }

    /** The body of one {@code COPY … FROM STDIN}. */
    @FunctionalInterface
    interface CopyBody {
        long copy(CopyIn in) throws Exception;
    }

    private final JdbcConnectionFactory target;

    PostgresCopyTarget(JdbcConnectionFactory target) {
        this.target = target;
    }

    /** True when {@code table} holds no row: a COPY of every piece cannot meet a row it would duplicate. */
    boolean empty(TableSchema table) throws SQLException {
        try (Connection c = target.open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM " + target.dialect().qualifiedName(table.table()) + " LIMIT 1")) {
            return !rs.next();
        }
    }

    /**
     * Writes one piece into {@code to}: directly, or with {@code merge} through the staging table
     * and an upsert in one transaction.
     *
     * @return the rows {@code piece} wrote
     * @throws Exception what {@code piece} or the database threw; nothing of the piece stays then
     */
    long write(TableSchema to, boolean merge, Piece piece) throws Exception {
        try (Connection writer = target.open()) {
            if (!merge) {
                return piece.copy(writer, to.table());
            }
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE " + STAGING + " (LIKE " + target.dialect().qualifiedName(to.table())
                        + " INCLUDING DEFAULTS) ON COMMIT DROP");
                long rows = piece.copy(writer, new TableId("", STAGING));
                s.executeUpdate(upsertFromStaging(to));
                writer.commit();
                return rows;
            } catch (Exception | Error e) {
                writer.rollback();
                throw e;
            }
        }
    }

    /** Runs {@code body} on a {@code COPY into FROM STDIN} of {@code writer}, ended when it returns and cancelled when it throws. */
    long copyIn(Connection writer, TableId into, List<ColumnDef> columns, CopyBody body) throws Exception {
        SqlDialect d = target.dialect();
        String copy = "COPY " + d.qualifiedName(into) + " (" + columnList(d, columns) + ") FROM STDIN";
        CopyIn in = writer.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            long rows = body.copy(in);
            in.endCopy();
            return rows;
        } catch (Exception | Error e) {
            if (in.isActive()) {
                in.cancelCopy();
            }
            throw e;
        }
    }

    private String upsertFromStaging(TableSchema to) {
        SqlDialect d = target.dialect();
        String columns = columnList(d, to.columns());
        List<String> values = to.columns().stream().map(ColumnDef::name).filter(c -> !to.keyColumns().contains(c)).toList();
        return "INSERT INTO " + d.qualifiedName(to.table()) + " (" + columns + ") SELECT " + columns + " FROM " + STAGING
                + " ON CONFLICT (" + to.keyColumns().stream().map(d::quoteIdentifier).collect(Collectors.joining(", ")) + ") DO "
                + (values.isEmpty() ? "NOTHING" : "UPDATE SET " + values.stream()
                        .map(c -> d.quoteIdentifier(c) + " = EXCLUDED." + d.quoteIdentifier(c)).collect(Collectors.joining(", ")));
    }

    static String columnList(SqlDialect d, List<ColumnDef> columns) {
        return columns.stream().map(c -> d.quoteIdentifier(c.name())).collect(Collectors.joining(", "));
    }
}
