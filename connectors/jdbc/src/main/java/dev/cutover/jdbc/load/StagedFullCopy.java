package dev.cutover.jdbc.load;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * A full copy of a table into a PostgreSQL table that already holds an earlier copy: the rows land
 * in an unlogged staging table shaped like the target (copied in parallel pieces by the caller),
 * then one transaction upserts the rows that differ and deletes the rows the copy no longer has.
 * Readers of the target see the earlier copy until that transaction commits, then the new one;
 * rows that did not change are not rewritten. The staging table lives in the target's schema (the
 * pieces are written on connections of their own, so it cannot be temporary) and is dropped
 * whatever happens; the target's user needs CREATE on that schema. Into an empty target (the first
 * copy) the pieces are written directly, each visible once committed, as an initial load's are.
 */
public final class StagedFullCopy {

    /** Writes the copy's rows into {@code table} (the staging table, or the target when empty) with plain COPY; returns how many. */
    @FunctionalInterface
    public interface Copy {
        long into(TableSchema table) throws Exception;
    }

    /**
     * @param copied rows the copy read from the source
     * @param written rows inserted or changed in the target
     * @param deleted target rows deleted because the copy no longer had them
     */
    public record Outcome(long copied, long written, long deleted) {
    }

    private final JdbcConnectionFactory target;

    public StagedFullCopy(JdbcConnectionFactory target) {
        this.target = target;
    }

    /**
     * Copies through a staging table named after {@code name} into {@code to}.
     *
     * @param name what the staging table is named after (a binding); one copy per name at a time
     * @throws Exception what the copy or the database threw; the target is unchanged then
     */
    public Outcome run(TableSchema to, String name, Copy copy) throws Exception {
        if (new PostgresCopyTarget(target).empty(to)) {
            // Nothing to compare with or delete: the pieces go straight in, as an initial load's do.
            long copied = copy.into(to);
            return new Outcome(copied, copied, 0);
        }
        SqlDialect d = target.dialect();
        TableSchema staging = new TableSchema(new TableId(to.table().schema(), stagingName(name)), to.columns(), to.keyColumns());
        String stagingTable = d.qualifiedName(staging.table());
        try (Connection c = target.open(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + stagingTable);
            s.execute("CREATE UNLOGGED TABLE " + stagingTable + " (LIKE " + d.qualifiedName(to.table()) + " INCLUDING DEFAULTS)");
            try {
                long copied = copy.into(staging);
                s.execute("ANALYZE " + stagingTable);
                c.setAutoCommit(false);
                long written = s.executeUpdate(upsertChanged(d, to, stagingTable));
                long deleted = s.executeUpdate(deleteMissing(d, to, stagingTable));
                c.commit();
                c.setAutoCommit(true);
                s.execute("DROP TABLE " + stagingTable);
                return new Outcome(copied, written, deleted);
            } catch (Exception | Error e) {
                dropAfterFailure(c, stagingTable, e);
                throw e;
            }
        }
    }

    /** Rolls back and drops the staging table after {@code failure}, which is reported with whatever this fails at. */
    private static void dropAfterFailure(Connection c, String stagingTable, Throwable failure) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + stagingTable);
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * {@code cutover_stage_} and the name in identifier-safe characters, cut to fit PostgreSQL's 63
     * characters with a checksum of the whole name, so that two long names do not meet.
     */
    static String stagingName(String name) {
        String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String full = "cutover_stage_" + safe;
        if (full.length() <= 63) {
            return full;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return full.substring(0, 54) + "_" + String.format("%08x", crc.getValue());
    }

    /**
     * Inserts the staged rows the target lacks and updates those that differ; equal rows are left as
     * they are. A hash join with the target picks those rows first: a third of the time of letting
     * every staged row probe the key index in the upsert, when most rows did not change.
     */
    private static String upsertChanged(SqlDialect d, TableSchema to, String staging) {
        String columns = PostgresCopyTarget.columnList(d, to.columns());
        List<String> keys = to.keyColumns().stream().map(d::quoteIdentifier).toList();
        List<String> values = to.columns().stream().map(ColumnDef::name).filter(c -> !to.keyColumns().contains(c))
                .map(d::quoteIdentifier).toList();
        String changed = "SELECT " + to.columns().stream().map(c -> "s." + d.quoteIdentifier(c.name())).collect(Collectors.joining(", "))
                + " FROM " + staging + " s LEFT JOIN " + d.qualifiedName(to.table()) + " o ON " + keyMatch(keys, "o", "s")
                + " WHERE o." + keys.get(0) + " IS NULL" + (values.isEmpty() ? "" : " OR " + distinct(values, "o", "s"));
        String insert = "INSERT INTO " + d.qualifiedName(to.table()) + " AS t (" + columns + ") " + changed
                + " ON CONFLICT (" + String.join(", ", keys) + ") DO ";
        if (values.isEmpty()) {
            return insert + "NOTHING";
        }
        return insert + "UPDATE SET " + values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + " WHERE " + distinct(values, "t", "EXCLUDED");
    }

    /** Deletes the target rows whose key the staged rows do not hold. */
    private static String deleteMissing(SqlDialect d, TableSchema to, String staging) {
        List<String> keys = to.keyColumns().stream().map(d::quoteIdentifier).toList();
        return "DELETE FROM " + d.qualifiedName(to.table()) + " t WHERE NOT EXISTS (SELECT 1 FROM " + staging + " s WHERE "
                + keyMatch(keys, "s", "t") + ")";
    }

    private static String keyMatch(List<String> keys, String left, String right) {
        return keys.stream().map(k -> left + "." + k + " = " + right + "." + k).collect(Collectors.joining(" AND "));
    }

    private static String distinct(List<String> values, String left, String right) {
        return "(" + values.stream().map(c -> left + "." + c).collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ("
                + values.stream().map(c -> right + "." + c).collect(Collectors.joining(", ")) + ")";
    }
}
