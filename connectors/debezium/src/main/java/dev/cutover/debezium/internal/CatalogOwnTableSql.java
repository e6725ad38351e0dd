package dev.cutover.debezium.internal;

import dev.cutover.core.condition.RowCondition;
import dev.cutover.core.condition.SqlQuoting;
import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@link OwnTableSql} that is the same for every database: names (and the literals
 * of resync conditions) quoted as the applier's {@link SqlDialect} quotes them, the echo marker table in the shape the applier creates
 * (whichever of the two comes first creates it), and a table's columns read through a catalog
 * query that takes the schema and table name as its two parameters.
 */
abstract class CatalogOwnTableSql implements OwnTableSql {

    private final SqlDialect dialect;

    CatalogOwnTableSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The catalog query listing a table's column names in table order; parameters: schema, table. */
    abstract String columnsQuery();

    @Override
    public final String qualified(TableId table) {
        return dialect.qualifiedName(table);
    }

    @Override
    public final String condition(RowCondition condition) {
        return condition.toSql(new SqlQuoting() {
            @Override
            public String identifier(String name) {
                return dialect.quoteIdentifier(name);
            }

            @Override
            public String string(String value) {
                return dialect.stringLiteral(value);
            }
        });
    }

    @Override
    public final String createEchoMarkerTable(TableId table) {
        return dialect.applyMarkerTableStatement(table);
    }

    @Override
    public final List<String> columns(Connection connection, TableId table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(columnsQuery())) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }
}
