package dev.cutover.config;

import dev.cutover.config.internal.Redaction;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMappingSpec;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One table binding as configured. Immutable and thread-safe.
 *
 * @param name the binding's unique name, used in topic names, metrics and status
 * @param path where the binding is in the file, e.g. {@code bindings[0]}, for messages
 * @param direction which way changes flow
 * @param mode how changes move
 * @param mapping the declared mapping, not yet checked against the real table schemas
 * @param hiddenMapperOptions names of {@code mapping.customOptions()} whose values must never be
 *     shown; always includes every sensitive name (password, secret, jaas, credentials)
 */
public record BindingOptions(String name, String path, Direction direction, SyncMode mode, TableMappingSpec mapping,
        Set<String> hiddenMapperOptions) {

    public BindingOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(mapping, "mapping");
        Set<String> hidden = new LinkedHashSet<>(hiddenMapperOptions == null ? Set.of() : hiddenMapperOptions);
        mapping.customOptions().keySet().stream().filter(Redaction::isSensitiveName).forEach(hidden::add);
        hiddenMapperOptions = Collections.unmodifiableSet(hidden);
    }

    /** A binding whose mapper options are hidden only where their names are sensitive. */
    public BindingOptions(String name, String path, Direction direction, SyncMode mode, TableMappingSpec mapping) {
        this(name, path, direction, mode, mapping, Set.of());
    }

    /** The legacy table. */
    public TableId legacyTable() {
        return mapping.legacyTable();
    }

    /** The new table. */
    public TableId newTable() {
        return mapping.newTable();
    }

    /** Never prints the mapping's options, which may hold credentials. */
    @Override
    public String toString() {
        return "BindingOptions[" + name + " (" + path + "): " + legacyTable() + " -> " + newTable() + ", "
                + direction.label() + ", " + mode.label() + "]";
    }
}
