package dev.cutover.kafka.internal;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts an update's partial after image (a {@link RowImage} that lacks columns the source did
 * not log) to the partial-row record plus the names of its absent fields, and back.
 *
 * <p>The record has one field per column, by position, and every non-key field accepts null. An
 * absent column's slot holds null and its field name is listed as absent; a present column keeps
 * its value, so a null in a NOT NULL column that is present is still rejected. Key columns are
 * never absent.
 *
 * <p>Immutable and thread-safe; every call works on its own record.
 */
public final class PartialRowConverter {

    /**
     * A partial image in Avro form.
     *
     * @param record the partial-row record, absent slots null
     * @param absentFields the Avro field names of the absent columns, in record order; never empty
     */
    public record Partial(GenericData.Record record, List<String> absentFields) {
    }

    private final Schema schema;
    private final ColumnConverter[] columns;
    private final boolean[] key;
    private final Map<String, Integer> positionByField;

    /**
     * @param schema the partial-row record schema; its fields correspond, by position, to {@code columns}
     * @param columns the columns the record carries
     * @param keyColumns the key columns among them, which are never absent
     */
    public PartialRowConverter(Schema schema, List<ColumnDef> columns, List<String> keyColumns) {
        if (schema.getFields().size() != columns.size()) {
            throw new IllegalArgumentException("record " + schema.getFullName() + " has " + schema.getFields().size()
                    + " fields for " + columns.size() + " columns");
        }
        this.schema = schema;
        this.columns = new ColumnConverter[columns.size()];
        this.key = new boolean[columns.size()];
        this.positionByField = new HashMap<>(columns.size() * 2);
        for (int i = 0; i < columns.size(); i++) {
            String field = schema.getFields().get(i).name();
            this.columns[i] = new ColumnConverter(columns.get(i), field);
            this.key[i] = keyColumns.contains(columns.get(i).name());
            positionByField.put(field, i);
        }
    }

    /** The record schema. */
    public Schema schema() {
        return schema;
    }

    /**
     * The record of {@code image}, which holds a subset of this record's columns, and the fields it lacks.
     *
     * @throws IllegalArgumentException naming the column when a key column is absent, the image has a
     *     column this record does not carry, or a present value does not fit its column
     */
    public Partial toRecord(RowImage image) {
        GenericData.Record record = new GenericData.Record(schema);
        List<String> absent = new ArrayList<>();
        int present = 0;
        for (int i = 0; i < columns.length; i++) {
            ColumnConverter c = columns[i];
            if (image.has(c.column())) {
                record.put(i, c.toAvro(image.get(c.column())));
                present++;
            } else if (key[i]) {
                throw new IllegalArgumentException("after image lacks key column '" + c.column() + "'; a key column is never absent");
            } else {
                absent.add(c.field());
            }
        }
        if (present != image.size()) {
            throw new IllegalArgumentException("image has columns " + image.columns() + " but record " + schema.getName()
                    + " carries only " + columnNames());
        }
        return new Partial(record, absent);
    }

    /**
     * The image of a record of this schema (as a reader with this schema produced it): every
     * column but the absent ones. Names in {@code absentFields} that this record does not have
     * are skipped: they are writer fields that schema resolution dropped, as it dropped their slots.
     *
     * @throws IllegalArgumentException naming the column when {@code absentFields} names a key
     *     column or a slot that holds a value, or a NOT NULL column that is not absent holds null
     */
    public RowImage toImage(GenericRecord record, Collection<? extends CharSequence> absentFields) {
        boolean[] absent = new boolean[columns.length];
        for (CharSequence name : absentFields) {
            Integer i = positionByField.get(name.toString());
            if (i == null) {
                continue;
            }
            if (key[i]) {
                throw new IllegalArgumentException("partial after image names key column '" + columns[i].column()
                        + "' absent; a key column is never absent");
            }
            if (record.get(i) != null) {
                throw new IllegalArgumentException("partial after image names column '" + columns[i].column()
                        + "' absent but its slot holds a value");
            }
            absent[i] = true;
        }
        Map<String, Object> values = new LinkedHashMap<>(columns.length * 2);
        for (int i = 0; i < columns.length; i++) {
            if (absent[i]) {
                continue;
            }
            Object value = record.get(i);
            if (value == null && !columns[i].nullable()) {
                throw new IllegalArgumentException("partial after image holds null in NOT NULL column '" + columns[i].column()
                        + "', which it does not name absent");
            }
            values.put(columns[i].column(), columns[i].fromAvro(value));
        }
        return RowImage.of(values);
    }

    private List<String> columnNames() {
        return Arrays.stream(columns).map(ColumnConverter::column).toList();
    }
}
