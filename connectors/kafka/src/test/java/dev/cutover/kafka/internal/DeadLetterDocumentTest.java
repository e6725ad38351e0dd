package dev.cutover.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterDocumentTest {

    private static final Instant PARKED = Instant.parse("2024-05-06T07:08:09Z");

    @Test
    void aChangeBecomesADocumentWithIdentityPositionAndBothImages() throws Exception {
        RowImage before = RowImage.builder().put("id", 7).put("price", new BigDecimal("12345678901234567890.123"))
                .put("ratio", Double.NaN).put("blob", new byte[] {1, 2, 3}).put("day", LocalDate.of(2024, 2, 29))
                .put("ref", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")).put("note", null).put("ok", true).build();
        ChangeEvent update = ChangeEvent.update(SystemSide.NEW, new TableId("shop", "orders"), List.of("id"), before, before,
                Instant.parse("2024-05-06T07:00:00.000001Z"), new SourcePosition("binlog", "bin.000001:4"), "0-1-42");

        JsonNode doc = new ObjectMapper().readTree(DeadLetterDocument.ofChange("b", "orders", "apply", update, "duplicate key", PARKED));

        assertThat(doc.get("bridge").asText()).isEqualTo("b");
        assertThat(doc.get("binding").asText()).isEqualTo("orders");
        assertThat(doc.get("stage").asText()).isEqualTo("apply");
        assertThat(doc.get("reason").asText()).isEqualTo("duplicate key");
        assertThat(doc.get("parked_at").asText()).isEqualTo("2024-05-06T07:08:09Z");
        assertThat(doc.get("table").asText()).isEqualTo("shop.orders");
        assertThat(doc.get("operation").asText()).isEqualTo("UPDATE");
        assertThat(doc.get("origin").asText()).isEqualTo("new");
        assertThat(doc.get("key").get("id").asInt()).isEqualTo(7);
        assertThat(doc.get("position").get("value").asText()).isEqualTo("bin.000001:4");
        assertThat(doc.get("commit_time").asText()).isEqualTo("2024-05-06T07:00:00.000001Z");
        assertThat(doc.get("transaction_id").asText()).isEqualTo("0-1-42");
        JsonNode after = doc.get("after");
        assertThat(after.get("price").asText()).isEqualTo("12345678901234567890.123");
        assertThat(after.get("ratio").asText()).isEqualTo("NaN");
        assertThat(after.get("blob").asText()).isEqualTo("AQID");
        assertThat(after.get("day").asText()).isEqualTo("2024-02-29");
        assertThat(after.get("ref").asText()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(after.get("note").isNull()).isTrue();
        assertThat(after.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("before")).isEqualTo(after);
    }

    @Test
    void aRecordBecomesADocumentWithItsCoordinatesAndBytes() throws Exception {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("b.new.t", 2, 99L, new byte[] {-1}, new byte[] {0, 1});

        JsonNode doc = new ObjectMapper().readTree(DeadLetterDocument.ofRecord("b", "t", "decode", record, "bad header", PARKED));

        assertThat(doc.get("stage").asText()).isEqualTo("decode");
        assertThat(doc.get("topic").asText()).isEqualTo("b.new.t");
        assertThat(doc.get("partition").asInt()).isEqualTo(2);
        assertThat(doc.get("offset").asLong()).isEqualTo(99);
        assertThat(doc.get("key_base64").asText()).isEqualTo("/w==");
        assertThat(doc.get("value_base64").asText()).isEqualTo("AAE=");
    }

    @Test
    void aChangeWithoutImagesKeepsItsIdentityAndKeyAndGivesTheSizeOfEachValue() throws Exception {
        RowImage row = RowImage.builder().put("id", 9).put("body", "é".repeat(10)).put("blob", new byte[300]).put("note", null).build();
        ChangeEvent create = ChangeEvent.create(SystemSide.LEGACY, new TableId("public", "docs"), List.of("id"), row,
                Instant.parse("2024-05-06T07:00:00Z"), new SourcePosition("lsn", "0/1"), "5");

        JsonNode doc = new ObjectMapper().readTree(DeadLetterDocument.ofChange("b", "docs", "publish", create, "too large", PARKED,
                DeadLetterDocument.Detail.WITHOUT_IMAGES));

        assertThat(doc.get("table").asText()).isEqualTo("public.docs");
        assertThat(doc.get("key").get("id").asInt()).isEqualTo(9);
        assertThat(doc.has("after")).isFalse();
        assertThat(doc.get("images_left_out").asBoolean()).isTrue();
        JsonNode after = doc.get("column_sizes").get("after");
        assertThat(after.get("body").asLong()).isEqualTo(20);
        assertThat(after.get("blob").asLong()).isEqualTo(300);
        assertThat(after.get("note").asLong()).isZero();
        assertThat(doc.get("column_sizes").has("before")).isFalse();
        assertThat(doc.get("column_sizes").has("key")).isFalse();
    }

    @Test
    void aChangeWithSizesOnlyLeavesTheKeyValuesOutToo() throws Exception {
        RowImage key = RowImage.builder().put("code", "k".repeat(50)).build();
        ChangeEvent delete = ChangeEvent.delete(SystemSide.LEGACY, new TableId("public", "docs"), List.of("code"), key,
                Instant.parse("2024-05-06T07:00:00Z"), new SourcePosition("lsn", "0/1"), "5");

        JsonNode doc = new ObjectMapper().readTree(DeadLetterDocument.ofChange("b", "docs", "publish", delete, "too large", PARKED,
                DeadLetterDocument.Detail.SIZES_ONLY));

        assertThat(doc.get("key").isNull()).isTrue();
        assertThat(doc.get("column_sizes").get("key").get("code").asLong()).isEqualTo(50);
        assertThat(doc.get("column_sizes").get("before").get("code").asLong()).isEqualTo(50);
    }

    @Test
    void aRecordWithoutBytesKeepsItsCoordinatesAndSizes() throws Exception {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("b.new.t", 0, 5L, new byte[3], new byte[70]);

        JsonNode doc = new ObjectMapper().readTree(DeadLetterDocument.ofRecord("b", "t", "decode", record, "bad", PARKED, false));

        assertThat(doc.get("offset").asLong()).isEqualTo(5);
        assertThat(doc.has("value_base64")).isFalse();
        assertThat(doc.get("key_bytes").asLong()).isEqualTo(3);
        assertThat(doc.get("value_bytes").asLong()).isEqualTo(70);
    }
}
