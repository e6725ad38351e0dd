package dev.cutover.core.mapping;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a binding's {@link CustomRowMapper} after the declarative rules and checks what it returns:
 * only the target table's columns, values coerced to their types, and in full rows every column
 * that was left to the mapper. Immutable; thread-safe when the mapper is.
 */
final class CustomStage {

    private final CustomRowMapper mapper;
    private final String className;
    private final Side toNew;
    private final Side toLegacy;

    CustomStage(CustomRowMapper mapper, String className, TableSchema legacy, TableSchema newTable,
            List<String> newColumnsLeftToMapper, List<String> legacyColumnsLeftToMapper) {
        this.mapper = mapper;
        this.className = className;
        this.toNew = new Side(newTable, newColumnsLeftToMapper, "new");
        this.toLegacy = new Side(legacy, legacyColumnsLeftToMapper, "legacy");
    }

    String className() {
        return className;
    }

    RowImage toNew(RowImage mapped, RowImage legacyRow, boolean full) throws MappingException {
        RowImage result;
        try {
            result = mapper.toNew(mapped, legacyRow);
        } catch (RuntimeException e) {
            throw failure(toNew.table, "failed: " + e, e);
        }
        return check(result, toNew, full);
    }

    RowImage toLegacy(RowImage mapped, RowImage newRow, boolean full) throws MappingException {
        RowImage result;
        try {
            result = mapper.toLegacy(mapped, newRow);
        } catch (RuntimeException e) {
            throw failure(toLegacy.table, "failed: " + e, e);
        }
        return check(result, toLegacy, full);
    }

    private RowImage check(RowImage result, Side side, boolean full) throws MappingException {
        if (result == null) {
            throw failure(side.table, "returned no row", null);
        }
        Map<String, Object> coerced = null;
        for (Map.Entry<String, Object> e : result.asMap().entrySet()) {
            ColumnType type = side.types.get(e.getKey());
            if (type == null) {
                throw failure(side.table, "returned column '" + e.getKey() + "', which " + side.table + " does not have (columns: "
                        + MappingText.list(side.columnNames) + ")", null);
            }
            Object value = e.getValue();
            if (value != null && value.getClass() != type.javaType()) {
                coerced = coerced != null ? coerced : new LinkedHashMap<>(result.asMap());
                coerced.put(e.getKey(), coerceColumn(e.getKey(), value, type, side));
            }
        }
        if (full) {
            for (String column : side.leftToMapper) {
                if (!result.has(column)) {
                    throw failure(side.table, "did not set " + side.label + " column '" + column + "' of " + side.table
                            + ", which no rule or default feeds", null);
                }
            }
        }
        return coerced == null ? result : RowImage.of(coerced);
    }

    private Object coerceColumn(String column, Object value, ColumnType type, Side side) throws MappingException {
        try {
            return ValueCoercion.coerce(value, type);
        } catch (IllegalArgumentException e) {
            throw failure(side.table, "returned a value for column '" + column + "' that does not fit: " + e.getMessage(), e);
        }
    }

    private MappingException failure(TableId target, String what, Throwable cause) {
        return new MappingException("cannot map a row to " + target,
                List.of(new MappingProblem(CustomMapperLoader.CLASS_LOCATION, "custom mapper " + className + " " + what)), cause);
    }

    /** The target table of one direction, as the checks need it. */
    private static final class Side {
        private final TableId table;
        private final Map<String, ColumnType> types;
        private final List<String> columnNames;
        private final String[] leftToMapper;
        private final String label;

        Side(TableSchema schema, List<String> leftToMapper, String label) {
            this.table = schema.table();
            Map<String, ColumnType> byName = new HashMap<>();
            for (ColumnDef c : schema.columns()) {
                byName.put(c.name(), c.type());
            }
            this.types = Map.copyOf(byName);
            this.columnNames = schema.columnNames();
            this.leftToMapper = leftToMapper.toArray(new String[0]);
            this.label = label;
        }
    }
}
