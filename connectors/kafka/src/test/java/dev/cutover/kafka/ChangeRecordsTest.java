package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.pipeline.spi.PublishRefusal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class ChangeRecordsTest {

    private static final RecordSizeLimit LIMIT = new RecordSizeLimit(RecordSizeLimit.MIN_BYTES);
    private static final Header[] ORIGINS = {
        new RecordHeader(KafkaChangePublisher.ORIGIN_HEADER, "legacy".getBytes(StandardCharsets.UTF_8)),
        new RecordHeader(KafkaChangePublisher.ORIGIN_HEADER, "new".getBytes(StandardCharsets.UTF_8))};

    private final BindingRoute route = BindingRoute.of("shop", "all", TestTables.allTypes(), SystemSide.NEW);
    private final ChangeEventCodec codec = ChangeEventCodec.forRoute("shop", route);

    private ChangeRecords encode(ChangeEvent... changes) {
        return ChangeRecords.encode(route, codec, LIMIT, ORIGINS, List.of(changes));
    }

    @Test
    void aNullInANotNullColumnRefusesOnlyItsChangeAtTheEncodeStageNamingBindingKeyAndColumn() {
        ChangeEvent good = TestTables.create(TestTables.allTypesRow(1));
        ChangeEvent bad = TestTables.create(TestTables.with(TestTables.allTypesRow(2), "c_string", null));

        ChangeRecords out = encode(good, bad, TestTables.create(TestTables.allTypesRow(3)));

        assertThat(out.changes).extracting(c -> c.key().get("id")).containsExactly(1L, 3L);
        assertThat(out.refusals).singleElement().satisfies(r -> {
            assertThat(r.change()).isSameAs(bad);
            assertThat(r.stage()).isEqualTo(PublishRefusal.ENCODE);
            assertThat(r.reason()).contains("binding 'all'", "public.all_types", "id=2", "column 'c_string' is NOT NULL");
        });
    }

    @Test
    void aDecimalWithMoreDigitsAfterThePointThanTheColumnIsRefusedNamingTheColumnsTypeWithoutItsValue() {
        ChangeEvent bad = TestTables.create(TestTables.with(TestTables.allTypesRow(4), "c_decimal", new BigDecimal("1.1234567")));

        ChangeRecords out = encode(bad);

        assertThat(out.records).isEmpty();
        assertThat(out.refusals).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("id=4", "column 'c_decimal' is DECIMAL(30,6)", "more than 6 digits after the point")
                .doesNotContain("1.1234567"));
    }

    @Test
    void aRecordAboveTheLimitIsRefusedAtThePublishStageNamingItsSizeAndLargestValues() {
        byte[] large = new byte[LIMIT.maxRecordBytes()];
        ChangeEvent tooLarge = TestTables.create(TestTables.with(TestTables.allTypesRow(5), "n_bytes", large));
        ChangeEvent justFits = TestTables.create(TestTables.with(TestTables.allTypesRow(6), "n_bytes", new byte[LIMIT.maxRecordBytes() - 4096]));

        ChangeRecords out = encode(tooLarge, justFits);

        assertThat(out.changes).containsExactly(justFits);
        assertThat(out.records.get(0).value().length).isGreaterThan(LIMIT.maxRecordBytes() - 4096);
        assertThat(out.refusals).singleElement().satisfies(r -> {
            assertThat(r.stage()).isEqualTo(PublishRefusal.PUBLISH);
            assertThat(r.reason()).contains("binding 'all'", "id=5", "more than kafka.max-record-bytes (1048576 bytes)",
                    "largest values: after.n_bytes 1048576 bytes");
        });
    }

    @Test
    void aDeleteTravelsAsItsRecordAndATombstoneOrNotAtAll() {
        RowImage key = RowImage.builder().put("id", 7L).build();
        ChangeEvent delete = ChangeEvent.delete(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"), key,
                TestTables.COMMIT, new SourcePosition("lsn", "0/9"), null);
        ChangeEvent hugeDelete = ChangeEvent.delete(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"),
                TestTables.with(TestTables.allTypesRow(8), "c_string", "x".repeat(LIMIT.maxRecordBytes())),
                TestTables.COMMIT, new SourcePosition("lsn", "0/a"), null);

        ChangeRecords out = encode(delete, hugeDelete);

        assertThat(out.changes).containsExactly(delete, delete);
        assertThat(out.records.get(1).value()).isNull();
        assertThat(out.refusals).extracting(PublishRefusal::change).containsExactly(hugeDelete);
    }
}
