package dev.cutover.core.mapping;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import java.util.Collection;
import java.util.Iterator;

/** Wording shared by the mapping engine's messages. */
final class MappingText {

    private static final int MAX_LISTED = 20;

    private MappingText() {
    }

    /** {@code 'cust_nm' (STRING, varchar(80)) of public.cust_mstr}. */
    static String column(ColumnDef column, TableId table) {
        return "'" + column.name() + "' (" + column.type() + ", " + column.nativeType() + ") of " + table;
    }

    /** {@code public.cust_mstr (columns: cust_id, cust_nm)}. */
    static String tableWithColumns(TableSchema schema) {
        return schema.table() + " (columns: " + list(schema.columnNames()) + ")";
    }

    /** Items joined by commas, the first twenty of them, then how many more. */
    static String list(Collection<?> items) {
        StringBuilder sb = new StringBuilder();
        Iterator<?> it = items.iterator();
        for (int i = 0; it.hasNext() && i < MAX_LISTED; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(it.next());
        }
        if (items.size() > MAX_LISTED) {
            sb.append(", ... (").append(items.size() - MAX_LISTED).append(" more)");
        }
        return sb.toString();
    }

    /** {@code "1 default"} or {@code "2 defaults"}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
