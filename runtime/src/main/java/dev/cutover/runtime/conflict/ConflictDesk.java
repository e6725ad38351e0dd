package dev.cutover.runtime.conflict;

import dev.cutover.core.conflict.ConflictLog;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictSink;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.mapping.ValueCoercion;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.runtime.http.ConflictQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The bridge's conflicts in one place: stores what the arbiter's applier records (Kafka first,
 * then the in-memory index that answers queries), and carries out a person's resolution of a
 * parked conflict through that applier; the follower gets the outcome from the arbiter's database
 * like any other change. Thread-safe.
 */
public final class ConflictDesk implements ConflictSink, ConflictQueries {

    private final ConflictSink store;
    private final ConflictLog log;
    private volatile Map<String, TableMapping> mappings;
    private final Map<SystemSide, JdbcApplier> appliers = new EnumMap<>(SystemSide.class);
    private final PipelineListener listener;

    /**
     * @param store where entries are stored durably (the conflicts topic)
     * @param log the index, filled with what the conflicts topic held at start
     * @param mappings each two-way binding's mapping by binding name, to map supplied rows
     */
    public ConflictDesk(ConflictSink store, ConflictLog log, Map<String, TableMapping> mappings, PipelineListener listener) {
        this.store = store;
        this.log = log;
        this.mappings = Map.copyOf(mappings);
        this.listener = listener;
    }

    /** Maps supplied rows through {@code next} from now on: the two-way bindings of a reloaded configuration. */
    public void rebind(Map<String, TableMapping> next) {
        this.mappings = Map.copyOf(next);
    }

    /** Lets resolutions at {@code side} go through {@code applier}. */
    public synchronized void serve(SystemSide side, JdbcApplier applier) {
        appliers.put(side, applier);
    }

    @Override
    public void record(List<ConflictLogEntry> entries) throws Exception {
        store.record(entries);
        entries.forEach(log::add);
    }

    /** The number of conflicts waiting for a person. */
    public int openCount() {
        return log.open().size();
    }

    @Override
    public List<Map<String, Object>> list(boolean openOnly, String binding) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConflictRecord record : openOnly ? log.open() : log.all()) {
            if (binding == null || binding.equals(record.conflict().binding())) {
                rows.add(ConflictDocuments.summary(record, log.resolution(record.id()).orElse(null)));
            }
        }
        return rows;
    }

    @Override
    public Optional<Map<String, Object>> show(String id) {
        return log.get(id).map(r -> ConflictDocuments.detail(r, log.resolution(id).orElse(null), log.held(id)));
    }

    @Override
    public synchronized Map<String, Object> resolve(String id, String use, Map<String, Object> row) throws Exception {
        ConflictRecord chosen = log.get(id).orElseThrow(() -> new NoSuchElementException("no conflict with id '" + id + "'"));
        if (!isOpen(chosen)) {
            throw new IllegalStateException("conflict " + id + " is not waiting for a person: it was decided "
                    + log.resolution(id).map(r -> r.resolution().decision()).orElse(chosen.resolution().decision()).label());
        }
        if ((use == null) == (row == null)) {
            throw new IllegalArgumentException("give either \"use\" (legacy or new) or \"row\", not " + (use == null ? "neither" : "both"));
        }
        String binding = chosen.conflict().binding();
        SystemSide side = chosen.conflict().target();
        Resolution resolution;
        if (use != null) {
            SystemSide winner = side(use);
            String reason = "a person chose the " + winner.label() + " version";
            resolution = winner == chosen.conflict().source() ? Resolution.applyIncoming(reason) : Resolution.keepCurrent(reason);
        } else {
            TableMapping mapping = mappings.get(binding);
            RowImage newRow = newRow(mapping.newRowSchema(), row, binding);
            resolution = Resolution.writeRow(side == SystemSide.NEW ? newRow : mapping.rowToLegacy(newRow), "a person supplied the row");
        }
        JdbcApplier applier = appliers.get(side);
        if (applier == null) {
            throw new IllegalStateException("no applier writes the " + side.label() + " database in this bridge");
        }
        ApplyResult result = applier.resolveParked(id, resolution);
        report(binding, result);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("id", id);
        done.put("target", side.label());
        done.put("decision", resolution.decision().label());
        done.put("applied", result.applied().size());
        done.put("newConflicts", result.conflicts().stream().map(ConflictRecord::id).toList());
        return done;
    }

    private boolean isOpen(ConflictRecord record) {
        return record.parked() && log.resolution(record.id()).isEmpty();
    }

    /** A supplied row in canonical values of the new table's column types, or an error naming the column. */
    private static RowImage newRow(TableSchema schema, Map<String, Object> row, String binding) {
        RowImage.Builder b = RowImage.builder();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            ColumnDef column = schema.columns().stream().filter(c -> c.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("binding '" + binding + "': new table " + schema.table()
                            + " has no column '" + e.getKey() + "' (columns: " + schema.columnNames() + ")"));
            try {
                b.put(column.name(), e.getValue() == null ? null : ValueCoercion.coerce(e.getValue(), column.type()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("binding '" + binding + "': column '" + column.name() + "': " + ex.getMessage());
            }
        }
        RowImage image = b.build();
        for (String key : schema.keyColumns()) {
            if (!image.has(key)) {
                throw new IllegalArgumentException("binding '" + binding + "': the row lacks key column '" + key + "'");
            }
        }
        return image;
    }

    private static SystemSide side(String use) {
        for (SystemSide side : SystemSide.values()) {
            if (side.label().equals(use)) {
                return side;
            }
        }
        throw new IllegalArgumentException("\"use\" must be legacy or new, not '" + use + "'");
    }

    private void report(String binding, ApplyResult result) {
        for (ChangeEvent change : result.applied()) {
            listener.onApplied(binding, change, Duration.between(change.commitTime(), result.commitTime()));
        }
        result.conflicts().forEach(c -> listener.onConflict(binding, c));
        result.held().forEach(c -> listener.onHeld(binding, c));
    }
}
