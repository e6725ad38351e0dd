package dev.cutover.jdbc.mariadb;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.NativeColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a table's columns and key from {@code information_schema}. The database is the schema: a
 * {@link TableId} with an empty schema means the connection's current database.
 *
 * <p>Columns carry {@code COLUMN_TYPE} as their type name ({@code tinyint(1)},
 * {@code bigint(20) unsigned}), except that a MariaDB {@code longtext} column with its
 * {@code json_valid} check, which is what MariaDB makes of {@code json}, is reported as
 * {@value MariaDbTypes#JSON}. Stateless.
 */
final class MariaDbCatalog {

    /** The schema argument: the given database, or the current one when it is empty. */
    private static final String DATABASE = "COALESCE(NULLIF(?, ''), DATABASE())";

    private static final String COLUMNS = "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, NUMERIC_SCALE,"
            + " CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + DATABASE
            + " AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

    /** MariaDB names the check of a json column after the column: {@code json_valid(`col`)}. */
    private static final String JSON_CHECKS = "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
            + " WHERE CONSTRAINT_SCHEMA = " + DATABASE + " AND TABLE_NAME = ? AND LEVEL = 'Column'";

    /** Columns of each unique index, in index order, with whether each is nullable or a prefix. */
    private static final String UNIQUE_INDEXES = "SELECT s.INDEX_NAME, s.COLUMN_NAME, c.IS_NULLABLE, s.SUB_PART"
            + " FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c"
            + " ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME"
            + " WHERE s.TABLE_SCHEMA = " + DATABASE + " AND s.TABLE_NAME = ? AND s.NON_UNIQUE = 0"
            + " ORDER BY s.INDEX_NAME = 'PRIMARY' DESC, s.INDEX_NAME, s.SEQ_IN_INDEX";

    private MariaDbCatalog() {
    }

    static List<NativeColumn> columns(Connection connection, TableId table) throws SQLException {
        Set<String> json = isMariaDb(connection) ? jsonColumns(connection, table) : Set.of();
        List<NativeColumn> columns = new ArrayList<>();
        forEachRow(connection, COLUMNS, table, rs -> {
            String name = rs.getString("COLUMN_NAME");
            String type = json.contains(name) ? MariaDbTypes.JSON : rs.getString("COLUMN_TYPE").toLowerCase(Locale.ROOT);
            long precision = rs.getLong("NUMERIC_PRECISION");
            boolean numeric = !rs.wasNull();
            long length = rs.getLong("CHARACTER_MAXIMUM_LENGTH");
            int size = (int) Math.min(Integer.MAX_VALUE, numeric ? precision : length);
            int scale = rs.getInt("NUMERIC_SCALE");
            Integer decimalDigits = rs.wasNull() ? null : scale;
            columns.add(new NativeColumn(name, type, MariaDbTypes.jdbcType(MariaDbTypes.baseType(type)), size, decimalDigits,
                    !"NO".equals(rs.getString("IS_NULLABLE"))));
        });
        return columns;
    }

    /**
     * The primary key's columns in key order; for a table without one, the columns of its first
     * unique index (by name) over NOT NULL columns without prefix, which identifies rows as well
     * (InnoDB itself clusters such a table by it). Empty when there is neither.
     */
    static List<String> key(Connection connection, TableId table) throws SQLException {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        Set<String> unusable = new HashSet<>();
        forEachRow(connection, UNIQUE_INDEXES, table, rs -> {
            String index = rs.getString("INDEX_NAME");
            indexes.computeIfAbsent(index, i -> new ArrayList<>()).add(rs.getString("COLUMN_NAME"));
            rs.getInt("SUB_PART");
            if (!rs.wasNull() || !"NO".equals(rs.getString("IS_NULLABLE"))) {
                unusable.add(index);
            }
        });
        return indexes.entrySet().stream().filter(e -> !unusable.contains(e.getKey())).map(e -> List.copyOf(e.getValue()))
                .findFirst().orElse(List.of());
    }

    private static Set<String> jsonColumns(Connection connection, TableId table) throws SQLException {
        Set<String> json = new HashSet<>();
        forEachRow(connection, JSON_CHECKS, table, rs -> {
            String column = rs.getString("CONSTRAINT_NAME");
            if (("json_valid(`" + column.replace("`", "``") + "`)").equals(rs.getString("CHECK_CLAUSE"))) {
                json.add(column);
            }
        });
        return json;
    }

    /** MySQL has a native json type; only MariaDB spells it as a checked longtext (and lists checks by table). */
    private static boolean isMariaDb(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /** Runs {@code sql}, whose parameters are the database and the table name, and hands each row to {@code action}. */
    private static void forEachRow(Connection connection, String sql, TableId table, RowAction action) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, table.schema());
            query.setString(2, table.table());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowAction {
        void accept(ResultSet row) throws SQLException;
    }
}
