package dev.cutover.core.event;

import java.util.Objects;

/**
 * A table name qualified by its schema (PostgreSQL) or database (MariaDB/MySQL).
 *
 * @param schema the schema or database name; never null (blank only where the database has none)
 * @param table the table name; never blank
 */
public record TableId(String schema, String table) {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("table name must not be blank");
        }
    }

    /**
     * Parses {@code schema.table}. A name without a dot gets {@code defaultSchema}.
     *
     * @throws IllegalArgumentException when the name is blank or has more than one dot
     */
    public static TableId parse(String qualifiedName, String defaultSchema) {
        if (qualifiedName == null || qualifiedName.isBlank()) {
            throw new IllegalArgumentException("table name must not be blank");
        }
        String[] parts = qualifiedName.split("\\.", -1);
        if (parts.length == 1) {
            return new TableId(defaultSchema, parts[0]);
        }
        if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return new TableId(parts[0], parts[1]);
        }
        throw new IllegalArgumentException("'" + qualifiedName + "' is not a table name of the form schema.table");
    }

    @Override
    public String toString() {
        return schema.isEmpty() ? table : schema + "." + table;
    }
}
