package dev.cutover.service.runtime;

import dev.cutover.config.DatabaseKind;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.ApplyMarker;

/**
 * Where Cutover's own tables live in a system's database: in {@code public} on PostgreSQL, in the
 * URL's database on MariaDB (which has no schemas apart from databases).
 */
final class SystemTables {

    private SystemTables() {
    }

    /** The apply-marker table, where the capture of the same database looks for it. */
    static TableId applyMarker(SystemOptions system) {
        if (system.kind() != DatabaseKind.MARIADB) {
            return ApplyMarker.DEFAULT_TABLE;
        }
        return new TableId(database(system.jdbcUrl()), ApplyMarker.DEFAULT_TABLE.table());
    }

    /** The database of a {@code jdbc:mariadb://host[:port]/database} URL, which the configuration has checked. */
    private static String database(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }
}
