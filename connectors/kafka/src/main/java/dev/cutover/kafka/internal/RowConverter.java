package dev.cutover.kafka.internal;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts a {@link RowImage} to a generic Avro record of a fixed record schema and back, field by
 * field by position: the record's i-th field carries the i-th column.
 *
 * <p>Immutable and thread-safe; every call works on its own record.
 */
public final class RowConverter {

    private final Schema schema;
    private final ColumnConverter[] columns;

    /**
     * @param schema the record schema; its fields correspond, by position, to {@code columns}
     * @param columns the columns the record carries
     */
    public RowConverter(Schema schema, List<ColumnDef> columns) {
        if (schema.getFields().size() != columns.size()) {
            throw new IllegalArgumentException("record " + schema.getFullName() + " has " + schema.getFields().size()
                    + " fields for " + columns.size() + " columns");
        }
        this.schema = schema;
        this.columns = new ColumnConverter[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            this.columns[i] = new ColumnConverter(columns.get(i), schema.getFields().get(i).name());
        }
    }

    /** The record schema. */
    public Schema schema() {
        return schema;
    }

    /** The number of columns the record carries. */
    public int size() {
        return columns.length;
    }

    /** The columns of this record that {@code image} lacks, in record order. */
    public List<String> missingColumns(RowImage image) {
        List<String> missing = new ArrayList<>();
        for (ColumnConverter c : columns) {
            if (!image.has(c.column())) {
                missing.add(c.column());
            }
        }
        return missing;
    }

    /** True when {@code image} holds exactly this record's columns (in any order). */
    public boolean fits(RowImage image) {
        if (image.size() != columns.length) {
            return false;
        }
        for (ColumnConverter c : columns) {
            if (!image.has(c.column())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The record of {@code image}, which must {@link #fits fit}.
     *
     * @throws IllegalArgumentException naming the first column that is missing or whose value does not fit
     */
    public GenericData.Record toRecord(RowImage image) {
        if (image.size() != columns.length) {
            throw new IllegalArgumentException("image has columns " + image.columns() + " but record "
                    + schema.getName() + " carries " + columnNames());
        }
        return project(image);
    }

    /**
     * The record of this record's columns taken from {@code image}, which may hold more columns.
     *
     * @throws IllegalArgumentException naming the first column that is missing or whose value does not fit
     */
    public GenericData.Record project(RowImage image) {
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < columns.length; i++) {
            ColumnConverter c = columns[i];
            Object value = image.get(c.column());
            if (value == null && !image.has(c.column())) {
                throw new IllegalArgumentException("image lacks column '" + c.column() + "' (it has " + image.columns() + ")");
            }
            record.put(i, c.toAvro(value));
        }
        return record;
    }

    /** The row of a record of this schema (as a reader with this schema produced it). */
    public RowImage toImage(GenericRecord record) {
        Map<String, Object> values = new LinkedHashMap<>(columns.length * 2);
        for (int i = 0; i < columns.length; i++) {
            values.put(columns[i].column(), columns[i].fromAvro(record.get(i)));
        }
        return RowImage.of(values);
    }

    private List<String> columnNames() {
        return Arrays.stream(columns).map(ColumnConverter::column).toList();
    }
}
