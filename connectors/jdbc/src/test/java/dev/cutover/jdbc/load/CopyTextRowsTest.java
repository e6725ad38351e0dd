package dev.cutover.jdbc.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyTextRowsTest {

    private static final TableSchema LEGACY = new TableSchema(new TableId("public", "ord_hdr"), List.of(
            ColumnDef.of("ord_id", ColumnType.INT64, "int8", false), ColumnDef.of("stat_cd", ColumnType.STRING, "bpchar", false),
            ColumnDef.of("note", ColumnType.STRING, "text", true), ColumnDef.of("junk", ColumnType.STRING, "text", true)),
            List.of("ord_id"));
    private static final List<ColumnDef> ORDERS = List.of(ColumnDef.of("id", ColumnType.INT64, "int8", false),
            ColumnDef.of("status", ColumnType.STRING, "text", false), ColumnDef.of("note", ColumnType.STRING, "text", true),
            ColumnDef.of("source", ColumnType.STRING, "text", false));

    private final List<RowImage> mapped = new ArrayList<>();

    /** Maps stat_cd N to "new" and adds the constant source; records what it was given. */
    private RowImage statusMap(RowImage partial) {
        mapped.add(partial);
        return RowImage.builder().put("status", "N".equals(partial.get("stat_cd")) ? "new" : "other").put("source", "le\tgacy").build();
    }

    private static String write(CopyTextRows rows, String... lines) throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        ByteSink sink = new ByteSink(1 << 16, (bytes, length) -> target.write(bytes, 0, length));
        for (String line : lines) {
            rows.write(line.getBytes(StandardCharsets.UTF_8), sink);
        }
        sink.flush();
        return target.toString(StandardCharsets.UTF_8);
    }

    @Test
    void columnsTakenAsIsKeepTheirBytesAndTheOthersAreMappedAndSpelled() throws Exception {
        CopyTextRows rows = new CopyTextRows(LEGACY, ORDERS, Map.of("id", "ord_id", "note", "note"), this::statusMap, false);

        assertThat(rows.selected()).extracting(ColumnDef::name).containsExactly("ord_id", "note", "stat_cd", "junk");
        assertThat(write(rows, "7\tGr\u00fc\u00dfe \\t\tN\t\\N\n", "8\t\\N\tP\tx\n"))
                .isEqualTo("7\tnew\tGr\u00fc\u00dfe \\t\tle\\tgacy\n8\tother\t\\N\tle\\tgacy\n");
        assertThat(mapped).extracting(RowImage::asMap)
                .as("the mapper is given only the columns not taken as is")
                .containsExactly(mapOf("stat_cd", "N", "junk", null), mapOf("stat_cd", "P", "junk", "x"));
    }

    @Test
    void aDeclarativeMappingMapsEachRunOfMappedFieldsOnce() throws Exception {
        CopyTextRows rows = new CopyTextRows(LEGACY, ORDERS, Map.of("id", "ord_id", "note", "note"), this::statusMap, true);

        String text = write(rows, "1\ta\tN\t\\N\n", "2\tb\tN\t\\N\n", "3\tc\tP\t\\N\n", "4\td\tN\t\\N\n");

        assertThat(text).isEqualTo("1\tnew\ta\tle\\tgacy\n2\tnew\tb\tle\\tgacy\n3\tother\tc\tle\\tgacy\n4\tnew\td\tle\\tgacy\n");
        assertThat(mapped).hasSize(2);
    }

    @Test
    void whenEveryColumnIsTakenAsIsInOrderTheRowGoesThroughUntouched() throws Exception {
        List<ColumnDef> sameShape = List.of(ColumnDef.of("id", ColumnType.INT64, "int8", false),
                ColumnDef.of("note", ColumnType.STRING, "text", true));
        CopyTextRows rows = new CopyTextRows(LEGACY, sameShape, Map.of("id", "ord_id", "note", "note"), partial -> {
            throw new AssertionError("nothing to map");
        }, true);

        assertThat(rows.selected()).extracting(ColumnDef::name).containsExactly("ord_id", "note");
        assertThat(write(rows, "1\ta\\\\b\n")).isEqualTo("1\ta\\\\b\n");
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
