package dev.cutover.config;

import dev.cutover.config.internal.Redaction;
import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.NoSyncStrategy;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMappingSpec;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One table binding as configured. Immutable and thread-safe.
 *
 * @param name the binding's unique name, used in topic names, metrics and status
 * @param path where the binding is in the file, e.g. {@code bindings[0]}, for messages
 * @param direction which way changes flow
 * @param mode how changes move; unused by a {@link Direction#NONE} binding, which moves nothing
 * @param mapping the declared mapping, not yet checked against the real table schemas
 * @param hiddenMapperOptions names of {@code mapping.customOptions()} whose values must never be
 *     shown; always includes every sensitive name (password, secret, jaas, credentials)
 * @param conflict how conflicts are decided: never null for a {@link Direction#TWO_WAY} binding
 *     ({@link ConflictSpec#DEFAULT} when the file has no {@code conflict} section), null for every other
 * @param hiddenResolverOptions names of {@code conflict.resolverOptions()} whose values must never be
 *     shown; always includes every sensitive name
 * @param strategy why nothing is synced: never null for a {@link Direction#NONE} binding
 *     ({@link NoSyncStrategy#DEFAULT} when the file names none), null for every other
 * @param batch how a {@link SyncMode#BATCH} binding copies: never null for one, null for every other
 */
public record BindingOptions(String name, String path, Direction direction, SyncMode mode, TableMappingSpec mapping,
        Set<String> hiddenMapperOptions, ConflictSpec conflict, Set<String> hiddenResolverOptions,
        NoSyncStrategy strategy, BatchSpec batch) {

    public BindingOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(mapping, "mapping");
        if ((direction == Direction.TWO_WAY) != (conflict != null)) {
            throw new IllegalArgumentException(direction == Direction.TWO_WAY
                    ? "a two-way binding needs conflict settings" : "conflict settings only apply to two-way bindings, not "
                            + direction.label());
        }
        if ((direction == Direction.NONE) != (strategy != null)) {
            throw new IllegalArgumentException(direction == Direction.NONE
                    ? "a none binding needs a strategy" : "a strategy only applies to none bindings, not " + direction.label());
        }
        boolean batchMode = mode == SyncMode.BATCH && direction != Direction.NONE;
        if (batchMode != (batch != null)) {
            throw new IllegalArgumentException(batchMode ? "a batch binding needs batch settings"
                    : "batch settings only apply to one-way bindings of mode batch, not " + direction.label() + " "
                            + mode.label());
        }
        if (batchMode && direction == Direction.TWO_WAY) {
            throw new IllegalArgumentException("a two-way binding cannot copy in batches");
        }
        hiddenMapperOptions = hidden(hiddenMapperOptions, mapping.customOptions());
        hiddenResolverOptions = hidden(hiddenResolverOptions, conflict == null ? Map.of() : conflict.resolverOptions());
    }

    /**
     * A binding whose mapper options are hidden only where their names are sensitive; a two-way
     * binding gets {@link ConflictSpec#DEFAULT}.
     */
    public BindingOptions(String name, String path, Direction direction, SyncMode mode, TableMappingSpec mapping) {
        this(name, path, direction, mode, mapping, Set.of());
    }

    /**
     * A binding with the given hidden mapper options; a two-way binding gets {@link ConflictSpec#DEFAULT},
     * a none binding {@link NoSyncStrategy#DEFAULT}.
     */
    public BindingOptions(String name, String path, Direction direction, SyncMode mode, TableMappingSpec mapping,
            Set<String> hiddenMapperOptions) {
        this(name, path, direction, mode, mapping, hiddenMapperOptions,
                direction == Direction.TWO_WAY ? ConflictSpec.DEFAULT : null, Set.of());
    }

    /** A binding with the given conflict settings; a none binding gets {@link NoSyncStrategy#DEFAULT}. */
    public BindingOptions(String name, String path, Direction direction, SyncMode mode, TableMappingSpec mapping,
            Set<String> hiddenMapperOptions, ConflictSpec conflict, Set<String> hiddenResolverOptions) {
        this(name, path, direction, mode, mapping, hiddenMapperOptions, conflict, hiddenResolverOptions,
                direction == Direction.NONE ? NoSyncStrategy.DEFAULT : null);
    }

    /**
     * A binding with the given conflict settings and strategy, and no batch settings, so of
     * {@link SyncMode#STREAM} (or direction none).
     */
    public BindingOptions(String name, String path, Direction direction, SyncMode mode, TableMappingSpec mapping,
            Set<String> hiddenMapperOptions, ConflictSpec conflict, Set<String> hiddenResolverOptions,
            NoSyncStrategy strategy) {
        this(name, path, direction, mode, mapping, hiddenMapperOptions, conflict, hiddenResolverOptions, strategy, null);
    }

    /** True when the binding copies on a schedule rather than streaming. */
    public boolean batched() {
        return batch != null;
    }

    /** True when changes flow: every direction but {@link Direction#NONE}. */
    public boolean synced() {
        return direction != Direction.NONE;
    }

    private static Set<String> hidden(Set<String> declared, Map<String, ?> options) {
        Set<String> hidden = new LinkedHashSet<>(declared == null ? Set.of() : declared);
        options.keySet().stream().filter(Redaction::isSensitiveName).forEach(hidden::add);
        return Collections.unmodifiableSet(hidden);
    }

    /** The legacy table. */
    public TableId legacyTable() {
        return mapping.legacyTable();
    }

    /** The new table. */
    public TableId newTable() {
        return mapping.newTable();
    }

    /** Never prints the mapping's or the resolver's options, which may hold credentials. */
    @Override
    public String toString() {
        return "BindingOptions[" + name + " (" + path + "): " + legacyTable() + " -> " + newTable() + ", "
                + direction.label() + (conflict == null ? "" : " (" + conflict.policy().label() + ")")
                + (strategy == null ? ", " + mode.label() : " (" + strategy.label() + ")")
                + (batch == null ? "" : " every '" + batch.schedule().text() + "'"
                        + (batch.incremental() ? " by " + batch.watermark() : " full")) + "]";
    }
}
