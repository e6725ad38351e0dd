package dev.cutover.cli.check;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every written table has a primary key or unique constraint on exactly the binding's key: the
 * applier upserts by it. Read through JDBC metadata, so it holds for every database kind.
 */
final class WrittenTableKeyCheck implements PreflightCheck {

    @Override
    public String title() {
        return "keys of written tables";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (ReviewedBinding reviewed : context.reviews()) {
            for (SystemSide side : BindingSides.written(reviewed.options())) {
                TableSchema schema = reviewed.schema(side);
                if (schema == null || schema.keyColumns().isEmpty() || !context.reachable(side)) {
                    continue; // an unreadable table or a missing key is a mapping problem, reported there
                }
                SqlDialect dialect = context.connections(side).dialect();
                String path = reviewed.options().path() + "." + side.label();
                try (Connection c = context.connect(side)) {
                    findings.add(backed(c.getMetaData(), dialect, schema)
                            ? Finding.ok(path, "written table " + schema.table() + " has a unique key on " + schema.keyColumns())
                            : Finding.problem(path, "written table " + schema.table() + " has neither a primary key nor a unique"
                                    + " constraint on its key " + schema.keyColumns() + ", which the applier upserts by",
                                    "ALTER TABLE " + dialect.qualifiedName(schema.table()) + " ADD PRIMARY KEY ("
                                            + String.join(", ", schema.keyColumns().stream().map(dialect::quoteIdentifier).toList())
                                            + ")"));
                }
            }
        }
        return findings;
    }

    /** True when the primary key or a unique index of the table has exactly the key's columns. */
    private static boolean backed(DatabaseMetaData meta, SqlDialect dialect, TableSchema schema) throws SQLException {
        TableId t = schema.table();
        Set<String> key = new HashSet<>(schema.keyColumns());
        Set<String> primary = new HashSet<>();
        try (ResultSet rs = meta.getPrimaryKeys(dialect.metadataCatalog(t), dialect.metadataSchema(t), t.table())) {
            while (rs.next()) {
                primary.add(rs.getString("COLUMN_NAME"));
            }
        }
        if (primary.equals(key)) {
            return true;
        }
        Map<String, Set<String>> unique = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(dialect.metadataCatalog(t), dialect.metadataSchema(t), t.table(), true, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null) {
                    unique.computeIfAbsent(index, i -> new HashSet<>()).add(column);
                }
            }
        }
        return unique.containsValue(key);
    }
}
