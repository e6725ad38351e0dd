package dev.cutover.jdbc.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.NativeColumn;
import dev.cutover.jdbc.SqlDialect;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads columns, primary keys and table names of one table through {@link DatabaseMetaData},
 * matching names exactly (metadata calls take LIKE patterns, so {@code _} and {@code %} are
 * escaped). Stateless.
 */
public final class CatalogQueries {

    private CatalogQueries() {
    }

    /** The table's columns in declaration order; empty when the table does not exist. */
    public static List<NativeColumn> columns(DatabaseMetaData meta, SqlDialect dialect, TableId table) throws SQLException {
        record Positioned(int position, NativeColumn column) {
        }
        List<Positioned> found = new ArrayList<>();
        String escape = meta.getSearchStringEscape();
        try (ResultSet rs = meta.getColumns(dialect.metadataCatalog(table), pattern(dialect.metadataSchema(table), escape),
                pattern(table.table(), escape), "%")) {
            while (rs.next()) {
                if (!table.table().equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                int digits = rs.getInt("DECIMAL_DIGITS");
                Integer decimalDigits = rs.wasNull() ? null : digits;
                found.add(new Positioned(rs.getInt("ORDINAL_POSITION"), new NativeColumn(rs.getString("COLUMN_NAME"),
                        rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"), decimalDigits,
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls)));
            }
        }
        return found.stream().sorted(Comparator.comparingInt(Positioned::position)).map(Positioned::column).toList();
    }

    /** The columns of {@code table} an insert may leave out: with a default, auto-incremented or generated. */
    public static Set<String> defaultedColumns(DatabaseMetaData meta, SqlDialect dialect, TableId table) throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        String escape = meta.getSearchStringEscape();
        try (ResultSet rs = meta.getColumns(dialect.metadataCatalog(table), pattern(dialect.metadataSchema(table), escape),
                pattern(table.table(), escape), "%")) {
            while (rs.next()) {
                if (table.table().equals(rs.getString("TABLE_NAME")) && (rs.getString("COLUMN_DEF") != null
                        || "YES".equals(rs.getString("IS_AUTOINCREMENT")) || "YES".equals(rs.getString("IS_GENERATEDCOLUMN")))) {
                    found.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return found;
    }

    /** The primary key's columns in key order; empty when the table has none. */
    public static List<String> primaryKey(DatabaseMetaData meta, SqlDialect dialect, TableId table) throws SQLException {
        TreeMap<Integer, String> bySequence = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(dialect.metadataCatalog(table), dialect.metadataSchema(table), table.table())) {
            while (rs.next()) {
                bySequence.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySequence.values());
    }

    /** Table types worth suggesting; drivers ignore the ones they do not know. Indexes and sequences are left out. */
    private static final String[] TABLE_TYPES = {"TABLE", "BASE TABLE", "PARTITIONED TABLE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE"};

    /** Names of the tables and views in {@code table}'s schema. */
    public static List<String> tableNames(DatabaseMetaData meta, SqlDialect dialect, TableId table) throws SQLException {
        List<String> names = new ArrayList<>();
        String escape = meta.getSearchStringEscape();
        try (ResultSet rs = meta.getTables(dialect.metadataCatalog(table), pattern(dialect.metadataSchema(table), escape), "%", TABLE_TYPES)) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    /** {@code name} as a LIKE pattern matching only itself; null stays null ("any"). */
    static String pattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '_' || ch == '%' || escape.indexOf(ch) >= 0) {
                sb.append(escape);
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
