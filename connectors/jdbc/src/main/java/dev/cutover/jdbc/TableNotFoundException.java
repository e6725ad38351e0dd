package dev.cutover.jdbc;

import dev.cutover.core.event.TableId;
import java.util.List;
import java.util.Objects;

/** The table does not exist in the database; the message lists tables of its schema with similar names. */
public final class TableNotFoundException extends JdbcSchemaException {

    private final TableId table;
    private final List<String> similarTables;

    /**
     * @param table the missing table
     * @param database the database searched, as the connection names it
     * @param similarTables names of tables in the same schema that look alike, best first; may be empty
     */
    public TableNotFoundException(TableId table, String database, List<String> similarTables) {
        super("table " + table + " not found in database '" + database + "'"
                + (similarTables.isEmpty()
                        ? " (no table with a similar name in schema '" + table.schema() + "')"
                        : " (similar tables in schema '" + table.schema() + "': " + String.join(", ", similarTables) + ")"));
        this.table = Objects.requireNonNull(table, "table");
        this.similarTables = List.copyOf(similarTables);
    }

    /** The missing table. */
    public TableId table() {
        return table;
    }

    /** Tables of the same schema with similar names, best first; possibly empty. */
    public List<String> similarTables() {
        return similarTables;
    }
}
