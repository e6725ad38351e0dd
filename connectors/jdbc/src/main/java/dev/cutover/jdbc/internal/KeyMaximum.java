package dev.cutover.jdbc.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/** The highest value of an integer key column, the same query for every family. Stateless. */
public final class KeyMaximum {

    private KeyMaximum() {
    }

    /** {@code SELECT max(column) FROM table} with quoted identifiers; empty when no row has a value. */
    public static OptionalLong read(Connection connection, SqlDialect dialect, TableId table, String column) throws SQLException {
        String sql = "SELECT max(" + dialect.quoteIdentifier(column) + ") FROM " + dialect.qualifiedName(table);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
        }
    }
}
