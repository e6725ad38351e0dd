package dev.cutover.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one loop of the families' read-only catalog probes: runs a query with every value bound
 * (never written into the SQL text) and maps its rows. Stateless.
 */
public final class CatalogReads {

    /** Maps the current row of a result; must not move the cursor. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private CatalogReads() {
    }

    /** Every row of {@code sql}, mapped, in result order. */
    public static <T> List<T> all(Connection connection, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    /** The first row of {@code sql}, mapped; empty when it returns none. */
    public static <T> Optional<T> first(Connection connection, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = all(connection, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The one row a query of the session's own state always returns (settings, current user), mapped. */
    public static <T> T single(Connection connection, String sql, RowMapper<T> mapper) throws SQLException {
        return first(connection, sql, mapper).orElseThrow(() -> new SQLException("the catalog returned no row for: " + sql));
    }
}
