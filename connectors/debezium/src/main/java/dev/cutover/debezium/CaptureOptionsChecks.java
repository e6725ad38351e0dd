package dev.cutover.debezium;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.internal.PostgresJdbcUrl;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation of {@link CaptureOptions}, one concern per method: each adds every problem it
 * finds to the list, one line each, naming the component.
 */
final class CaptureOptionsChecks {

    private static final Pattern BRIDGE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final Pattern PUBLICATION_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern SIMPLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Characters Debezium's list-valued properties cannot carry in a table or column name. */
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;:\\p{Cntrl}]");
    /** Characters Debezium's table identifiers cannot carry, which incremental snapshots parse. */
    private static final Pattern IDENTIFIER_DELIMITERS = Pattern.compile("[.\"]");

    private CaptureOptionsChecks() {
    }

    static void checkNames(String bridge, SystemSide side, String slotName, String publicationName, List<String> problems) {
        if (bridge == null || !BRIDGE_NAME.matcher(bridge).matches() || bridge.length() > CaptureOptions.MAX_BRIDGE_NAME_LENGTH) {
            problems.add("bridge: '" + bridge + "' is not a bridge name (lowercase letters, digits, '_' and '-', starting with a letter"
                    + " or digit, at most " + CaptureOptions.MAX_BRIDGE_NAME_LENGTH + " characters)");
        }
        if (side == null) {
            problems.add("side: missing (legacy or new)");
        }
        if (slotName == null || !SLOT_NAME.matcher(slotName).matches()) {
            problems.add("slotName: '" + slotName + "' is not a replication slot name (lowercase letters, digits and '_', at most 63 characters)");
        }
        if (publicationName == null || !PUBLICATION_NAME.matcher(publicationName).matches()) {
            problems.add("publicationName: '" + publicationName
                    + "' is not a publication name (lowercase letters, digits and '_', starting with a letter or '_', at most 63 characters)");
        }
    }

    static void checkConnection(String jdbcUrl, String user, List<String> problems) {
        CaptureKind kind = CaptureKind.ofJdbcUrl(jdbcUrl);
        try {
            if (kind != null) {
                kind.endpoint(jdbcUrl);
            } else if (jdbcUrl == null || jdbcUrl.isBlank()) {
                PostgresJdbcUrl.parse(jdbcUrl); // names the missing URL as the default family does
            } else {
                problems.add("jdbcUrl: '" + jdbcUrl.replaceAll("\\?.*", "?…") + "' names no database a capture can read (expected "
                        + CaptureKind.POSTGRESQL.urlForm() + " or " + CaptureKind.MARIADB.urlForm() + ")");
            }
        } catch (IllegalArgumentException e) {
            problems.add("jdbcUrl: " + e.getMessage());
        }
        if (user == null || user.isBlank()) {
            problems.add("user: missing");
        }
    }

    static void checkHelperTables(TableId heartbeatTable, TableId signalTable, List<String> problems) {
        if (heartbeatTable == null) {
            problems.add("heartbeatTable: missing");
        } else if (heartbeatTable.schema().isEmpty()) {
            problems.add("heartbeatTable: '" + heartbeatTable + "' needs a schema");
        }
        if (signalTable == null) {
            problems.add("signalTable: missing");
        } else if (!SIMPLE_NAME.matcher(signalTable.schema()).matches() || !SIMPLE_NAME.matcher(signalTable.table()).matches()) {
            problems.add("signalTable: '" + signalTable + "' is not a signal table name (schema and table of lowercase letters, digits"
                    + " and '_', each starting with a letter or '_', at most 63 characters)");
        } else if (signalTable.equals(heartbeatTable)) {
            problems.add("signalTable: '" + signalTable + "' is the heartbeat table; each needs its own table");
        }
    }

    static void checkEchoMarkerTable(TableId markerTable, List<CapturedTable> tables, TableId heartbeatTable, TableId signalTable,
            List<String> problems) {
        if (markerTable == null) {
            return;
        }
        if (markerTable.schema().isEmpty()) {
            problems.add("echoMarkerTable: '" + markerTable + "' needs a schema");
        } else if (LIST_SEPARATORS.matcher(markerTable.schema() + markerTable.table()).find()) {
            problems.add("echoMarkerTable: '" + markerTable + "' contains ',', ';', ':' or a control character, which Debezium cannot list");
        }
        if (markerTable.equals(heartbeatTable)) {
            problems.add("echoMarkerTable: '" + markerTable + "' is the heartbeat table; each needs its own table");
        }
        if (markerTable.equals(signalTable)) {
            problems.add("echoMarkerTable: '" + markerTable + "' is the signal table; each needs its own table");
        }
        if (tables != null && tables.stream().anyMatch(t -> t != null && markerTable.equals(t.table()))) {
            problems.add("echoMarkerTable: '" + markerTable + "' is a captured table; markers are never data");
        }
    }

    static void checkTables(List<CapturedTable> tables, TableId heartbeatTable, TableId signalTable, SnapshotMode snapshotMode,
            List<String> problems) {
        if (tables == null || tables.isEmpty()) {
            problems.add("tables: at least one captured table is needed");
            return;
        }
        Set<TableId> seen = new HashSet<>();
        for (int i = 0; i < tables.size(); i++) {
            CapturedTable t = tables.get(i);
            String path = "tables[" + i + "]";
            if (t == null) {
                problems.add(path + ": missing");
                continue;
            }
            if (!seen.add(t.table())) {
                problems.add(path + ": table " + t.table() + " is captured twice");
            }
            if (t.table().equals(heartbeatTable)) {
                problems.add(path + ": table " + t.table() + " is the heartbeat table and cannot be captured");
            }
            if (t.table().equals(signalTable)) {
                problems.add(path + ": table " + t.table() + " is the signal table and cannot be captured");
            }
            checkTableName(path, t, snapshotMode, problems);
        }
    }

    private static void checkTableName(String path, CapturedTable t, SnapshotMode snapshotMode, List<String> problems) {
        String schemaAndTable = t.table().schema() + t.table().table();
        if (t.table().schema().isEmpty()) {
            problems.add(path + ": table " + t.table() + " needs a schema");
        }
        if (LIST_SEPARATORS.matcher(schemaAndTable).find()) {
            problems.add(path + ": table name " + t.table() + " contains ',', ';', ':' or a control character, which Debezium cannot list");
        }
        if (snapshotMode == SnapshotMode.INITIAL && IDENTIFIER_DELIMITERS.matcher(schemaAndTable).find()) {
            problems.add(path + ": table name " + t.table() + " contains '.' or '\"', which Debezium cannot name in a load of existing"
                    + " rows; rename the table or use snapshotMode NO_DATA");
        }
        for (String column : t.keyColumns()) {
            if (LIST_SEPARATORS.matcher(column).find()) {
                problems.add(path + ": key column '" + column + "' contains ',', ';', ':' or a control character, which Debezium cannot list");
            }
        }
    }

    static void checkPacing(Duration pollInterval, int maxBatchSize, Duration heartbeatInterval, Duration offsetFlushInterval,
            int maxRetries, Duration shutdownTimeout, List<String> problems) {
        requirePositive("pollInterval", pollInterval, problems);
        requirePositive("heartbeatInterval", heartbeatInterval, problems);
        requirePositive("shutdownTimeout", shutdownTimeout, problems);
        if (offsetFlushInterval == null || offsetFlushInterval.isNegative()) {
            problems.add("offsetFlushInterval: " + offsetFlushInterval + " (expected zero or more)");
        }
        if (maxBatchSize < 1) {
            problems.add("maxBatchSize: " + maxBatchSize + " (expected at least 1)");
        }
        if (maxRetries < 0) {
            problems.add("maxRetries: " + maxRetries + " (expected zero or more)");
        }
    }

    private static void requirePositive(String name, Duration value, List<String> problems) {
        if (value == null) {
            problems.add(name + ": not set (expected at least 1 ms)");
        } else if (value.toMillis() < 1) {
            problems.add(name + ": " + value + " (expected at least 1 ms)");
        }
    }
}
