package dev.cutover.runtime;

import dev.cutover.config.DatabaseKind;
import dev.cutover.config.SystemOptions;
import dev.cutover.config.TuningOptions;
import dev.cutover.core.drift.SchemaDrift;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.load.MariaDbSnapshotCopy;
import dev.cutover.jdbc.load.PostgresSnapshotCopy;
import dev.cutover.jdbc.load.RowMapping;
import dev.cutover.jdbc.load.RowRate;
import dev.cutover.jdbc.load.SnapshotCopy;
import java.util.Map;
import java.util.function.Function;

/** The bulk copies of a source database, as the tuning sets them up: shared by initial loads, resyncs and full batch copies. */
final class SnapshotCopies {

    private SnapshotCopies() {
    }

    /** The copy of {@code source}'s tables into the PostgreSQL database given. */
    static Function<JdbcConnectionFactory, SnapshotCopy> from(SystemOptions source, TuningOptions tuning) {
        JdbcConnectionFactory from = BindingCompiler.connections(source);
        RowRate rate = RowRate.perSecond(tuning.loadMaxRowsPerSecond());
        int threads = threads(tuning);
        return source.kind() == DatabaseKind.MARIADB
                ? to -> new MariaDbSnapshotCopy(from, to, rate, threads)
                : to -> new PostgresSnapshotCopy(from, to, rate);
    }

    /** The configured number, or by default one per core, at least 2 (reading and writing overlap) and at most 4. */
    static int threads(TuningOptions tuning) {
        return tuning.loadThreads() > 0 ? tuning.loadThreads() : Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * What would let a value change silently on its way through {@code COPY}, where the applier
     * refuses it and dead-letters the row: PostgreSQL rounds a numeric to its column's scale, so a
     * target decimal of bounded precision must take an unchanged source column it holds every value
     * of ({@link SchemaDrift#holds}). Null when every row crosses a bulk copy exactly as the applier
     * would write it; otherwise the column, and the binding is copied row by row instead.
     */
    static String roundingRisk(CompiledBinding b) {
        boolean fromLegacy = b.source() == SystemSide.LEGACY;
        TableSchema from = b.sourceSchema();
        Map<String, String> takenAsIs = fromLegacy ? b.mapping().newColumnsTakenAsIs() : b.mapping().legacyColumnsTakenAsIs();
        for (ColumnDef column : b.route().targetSchema().columns()) {
            if (column.type() != ColumnType.DECIMAL || column.precision() == 0) {
                continue;
            }
            ColumnDef source = takenAsIs.containsKey(column.name()) ? from.column(takenAsIs.get(column.name())).orElse(null) : null;
            if (source == null || !SchemaDrift.holds(column, source)) {
                return "column " + column.name() + " (" + column.nativeType() + ") may receive values it would round";
            }
        }
        return null;
    }

    /** How {@code b}'s source rows become its target's: through its mapping, the columns it takes unchanged passed through. */
    static RowMapping rowMapping(CompiledBinding b) {
        boolean fromLegacy = b.source() == SystemSide.LEGACY;
        return new RowMapping(row -> fromLegacy ? b.mapping().rowToNew(row) : b.mapping().rowToLegacy(row),
                fromLegacy ? b.mapping().newColumnsTakenAsIs() : b.mapping().legacyColumnsTakenAsIs(), b.mapping().declarative());
    }
}
