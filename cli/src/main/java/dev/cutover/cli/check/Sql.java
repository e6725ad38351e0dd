package dev.cutover.cli.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small read-only catalog queries for the checks; values are always bound, never written into SQL text. */
final class Sql {

    private Sql() {
    }

    /** The first row of a query as column label to value, or null when it returns no row. */
    static Map<String, Object> row(Connection c, String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(c, sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Every row of a query as column label to value. */
    static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** The single value of a one-row, one-column query; null when no row. */
    static Object value(Connection c, String sql, Object... params) throws SQLException {
        Map<String, Object> row = row(c, sql, params);
        return row == null ? null : row.values().iterator().next();
    }
}
