package dev.cutover.debezium.internal;

import dev.cutover.core.condition.RowCondition;
import dev.cutover.core.condition.SqlQuoting;
import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.SqlDialect;

/**
 * The part of {@link OwnTableSql} that is the same for every database: names (and the literals
 * of resync conditions) quoted as the applier's {@link SqlDialect} quotes them, the echo marker table in the shape the applier creates
 * (whichever of the two comes first creates it). Each family reads a table's columns through its
 * probe in the jdbc connector, which {@code cutover check} uses too.
 */
abstract class CatalogOwnTableSql implements OwnTableSql {

    private final SqlDialect dialect;

    CatalogOwnTableSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

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
}
