package dev.cutover.jdbc.load;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns rows of the source table's {@code COPY ... TO STDOUT} text into rows of the target
 * table's {@code COPY ... FROM STDIN} text. A target column whose values cross unchanged takes
 * its source field's bytes as they are; the source columns feeding the others are read back into
 * canonical values, mapped, and spelled again by {@link CopyText}. When every target column
 * crosses unchanged, in the order read, a row goes through untouched. With a declarative mapping
 * the mapped columns' text depends only on the fields they are mapped from, so it is remembered
 * per distinct run of those fields (a status code, a flag) and most rows are not mapped again.
 * One instance per reader: not thread-safe.
 */
final class CopyTextRows {

    /** Maps the source columns that do not cross unchanged (a partial row) into the target's values. */
    @FunctionalInterface
    interface PartialMapper {
        RowImage map(RowImage partial) throws Exception;
    }

    private final List<ColumnDef> selected;
    private final List<ColumnDef> targetColumns;
    /** Per target column: the selected field it takes as it is, or -1 when it is mapped. */
    private final int[] asIsField;
    /** Selected fields read and mapped, from {@code decodedFrom} on. */
    private final int decodedFrom;
    private final boolean untouched;
    private final PartialMapper mapper;
    private final CopyTextFields fields;
    private final StringBuilder spelled = new StringBuilder();
    private final MappedTextMemo memo;

    /**
     * @param from the source table
     * @param targetColumns the target columns written, in COPY order
     * @param takenAsIs target columns whose values are their source column's values unchanged, with that source column
     * @param mapper maps a row of the other source columns
     * @param declarative true when the same source values always map to the same target values
     */
    CopyTextRows(TableSchema from, List<ColumnDef> targetColumns, Map<String, String> takenAsIs, PartialMapper mapper,
            boolean declarative) {
        List<ColumnDef> select = new ArrayList<>();
        this.asIsField = new int[targetColumns.size()];
        for (int i = 0; i < targetColumns.size(); i++) {
            String source = takenAsIs.get(targetColumns.get(i).name());
            asIsField[i] = source == null ? -1 : select.size();
            if (source != null) {
                select.add(from.column(source).orElseThrow(() -> new IllegalArgumentException("no source column '" + source + "'")));
            }
        }
        this.decodedFrom = select.size();
        this.untouched = decodedFrom == targetColumns.size();
        if (!untouched) {
            List<ColumnDef> asIs = List.copyOf(select);
            from.columns().stream().filter(c -> !asIs.contains(c)).forEach(select::add);
        }
        this.selected = List.copyOf(select);
        this.targetColumns = List.copyOf(targetColumns);
        this.mapper = mapper;
        this.fields = new CopyTextFields(selected.size());
        this.memo = declarative && !untouched ? new MappedTextMemo() : null;
    }

    /** The source columns to read, in the order {@link #write} expects their fields. */
    List<ColumnDef> selected() {
        return selected;
    }

    /** Appends {@code row}'s target row to {@code out}. */
    void write(byte[] row, ByteSink out) throws Exception {
        if (untouched) {
            out.write(row, 0, row.length);
            return;
        }
        fields.split(row);
        int mappedFrom = fields.start(decodedFrom);
        int mappedLength = fields.end(selected.size() - 1) - mappedFrom;
        byte[][] text = memo == null ? null : memo.get(row, mappedFrom, mappedLength);
        if (text == null) {
            text = mappedText();
            if (memo != null) {
                memo.put(row, mappedFrom, mappedLength, text);
            }
        }
        for (int i = 0; i < targetColumns.size(); i++) {
            if (i > 0) {
                out.write('\t');
            }
            int field = asIsField[i];
            if (field >= 0) {
                out.write(row, fields.start(field), fields.length(field));
            } else {
                out.write(text[i], 0, text[i].length);
            }
        }
        out.write('\n');
    }

    /** The COPY text of the mapped target columns of the row split into {@link #fields}, by target column (null where taken as is). */
    private byte[][] mappedText() throws Exception {
        RowImage.Builder partial = RowImage.builder(selected.size() - decodedFrom);
        for (int f = decodedFrom; f < selected.size(); f++) {
            ColumnDef column = selected.get(f);
            partial.put(column.name(), fields.isNull(f) ? null : CopyTextValues.read(column, fields.text(f)));
        }
        RowImage mapped = mapper.map(partial.build());
        byte[][] text = new byte[targetColumns.size()][];
        for (int i = 0; i < targetColumns.size(); i++) {
            if (asIsField[i] < 0) {
                spelled.setLength(0);
                CopyText.appendValue(spelled, targetColumns.get(i), mapped.get(targetColumns.get(i).name()));
                text[i] = spelled.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        return text;
    }
}
