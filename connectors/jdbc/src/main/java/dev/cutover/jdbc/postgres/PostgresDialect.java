package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.ErrorCategory;
import dev.cutover.jdbc.NativeColumn;
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.UnsupportedColumnTypeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The PostgreSQL dialect (pgjdbc): {@code "double-quoted"} identifiers, upserts as
 * {@code INSERT ... ON CONFLICT (key) DO UPDATE}, JSON bound through a {@code ?::json}/{@code ?::jsonb}
 * cast, enums and citext bound untyped so the server converts them, and errors classified by SQLState.
 *
 * <p>Connections get {@code reWriteBatchedInserts=true} (batched inserts travel as multi-row
 * statements) and {@code logServerErrorDetail=false} (exception messages then carry neither the
 * server's row detail nor bound parameters, so no row values reach logs). Stateless and thread-safe.
 */
public final class PostgresDialect implements SqlDialect {

    private static final Map<String, String> CONNECTION_PROPERTIES = Map.of(
            "reWriteBatchedInserts", "true",
            "logServerErrorDetail", "false",
            "ApplicationName", "cutover");

    private static final PostgresValues VALUES = new PostgresValues();

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:postgresql:");
    }

    @Override
    public Map<String, String> connectionProperties() {
        return CONNECTION_PROPERTIES;
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * {@code 'text'} with quotes doubled; with a backslash in it, an escape string {@code E'...'}
     * with backslashes doubled too, which reads the same whether {@code standard_conforming_strings}
     * is on or off (a plain literal ending in a backslash would otherwise swallow its closing quote).
     */
    @Override
    public String stringLiteral(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a PostgreSQL text value cannot contain a NUL character");
        }
        String quoted = value.replace("'", "''");
        return value.indexOf('\\') < 0 ? "'" + quoted + "'" : "E'" + quoted.replace("\\", "\\\\") + "'";
    }

    @Override
    public String placeholder(ColumnDef column) {
        if (column.type() != ColumnType.JSON) {
            return "?";
        }
        return "jsonb".equalsIgnoreCase(column.nativeType()) ? "?::jsonb" : "?::json";
    }

    /** The alias of the existing row in an upsert's {@code DO UPDATE}. */
    private static final String UPSERT_TARGET = "\"existing\"";

    @Override
    public String upsertStatement(TableSchema table, List<ColumnDef> columns) {
        List<String> key = table.keyColumns();
        List<String> set = columns.stream().map(ColumnDef::name).filter(c -> !key.contains(c)).toList();
        String updates = set.stream()
                .map(c -> quoteIdentifier(c) + " = EXCLUDED." + quoteIdentifier(c))
                .collect(Collectors.joining(", "));
        // Only rows that change are rewritten: an unchanged row writes no WAL, so it is not captured again.
        // Compared as text because some types (json, xml, point) have no equality operator.
        String changed = set.stream()
                .map(c -> UPSERT_TARGET + "." + quoteIdentifier(c) + "::text IS DISTINCT FROM EXCLUDED." + quoteIdentifier(c) + "::text")
                .collect(Collectors.joining(" OR "));
        return "INSERT INTO " + qualifiedName(table.table()) + " AS " + UPSERT_TARGET
                + " (" + columns.stream().map(c -> quoteIdentifier(c.name())).collect(Collectors.joining(", ")) + ")"
                + " VALUES (" + columns.stream().map(this::placeholder).collect(Collectors.joining(", ")) + ")"
                + " ON CONFLICT (" + key.stream().map(this::quoteIdentifier).collect(Collectors.joining(", ")) + ")"
                + (updates.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + updates + " WHERE " + changed);
    }

    /**
     * {@code INSERT ... (VALUES (...)) ON CONFLICT (key) DO NOTHING}. The parentheses around
     * {@code VALUES} change nothing for the server (same statement, same parameter types from the
     * target columns) but keep the driver's {@code reWriteBatchedInserts} from folding the batch
     * into multi-row inserts, which report no count per row.
     */
    @Override
    public String insertIfAbsentStatement(TableSchema table, List<ColumnDef> columns) {
        return "INSERT INTO " + qualifiedName(table.table())
                + " (" + columns.stream().map(c -> quoteIdentifier(c.name())).collect(Collectors.joining(", ")) + ")"
                + " (VALUES (" + columns.stream().map(this::placeholder).collect(Collectors.joining(", ")) + "))"
                + " ON CONFLICT (" + table.keyColumns().stream().map(this::quoteIdentifier).collect(Collectors.joining(", ")) + ")"
                + " DO NOTHING";
    }

    @Override
    public String applyMarkerTableStatement(TableId table) {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName(table)
                + " (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)";
    }

    @Override
    public String applyMarkerStatement(TableId table) {
        String name = qualifiedName(table);
        return "INSERT INTO " + name + " AS m (bridge, batch, applied_at) VALUES (?, 1, ?)"
                + " ON CONFLICT (bridge) DO UPDATE SET batch = m.batch + 1, applied_at = EXCLUDED.applied_at";
    }

    /**
     * The capture names a transaction by its 32-bit xid (as logical decoding sends it); the
     * server's id is the 64-bit one with the epoch above those bits.
     */
    @Override
    public String commitNamingTransaction(Connection connection) throws SQLException {
        String id;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_current_xact_id_if_assigned()::text")) {
            rs.next();
            String full = rs.getString(1);
            id = full == null ? null : Long.toString(Long.parseLong(full) & 0xFFFF_FFFFL);
        }
        connection.commit();
        return id;
    }

    @Override
    public ColumnDef columnDef(TableId table, NativeColumn column) throws UnsupportedColumnTypeException {
        return PostgresTypes.columnDef(table, column);
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnDef column, Object value) throws SQLException {
        VALUES.bind(statement, index, column, value);
    }

    @Override
    public Object read(ResultSet row, int index, ColumnDef column) throws SQLException {
        return VALUES.read(row, index, column);
    }

    @Override
    public ErrorCategory classify(SQLException error) {
        return PostgresErrors.classify(error);
    }

    @Override
    public String describe(SQLException error) {
        return PostgresErrors.describe(error);
    }
}
