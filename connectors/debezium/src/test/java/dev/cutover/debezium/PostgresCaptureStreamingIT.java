package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streaming of inserts, updates and deletes: order, types, images and what a key change looks like. */
class PostgresCaptureStreamingIT extends CaptureITSupport {

    @BeforeAll
    static void createTables() throws Exception {
        db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')",
                """
                CREATE TABLE typed (
                  id bigint PRIMARY KEY,
                  amount numeric(12,4), free_amount numeric,
                  happened_at timestamptz, local_at timestamp, day date, at_time time,
                  label text, code varchar(10), small smallint, qty integer, flag boolean, ratio real, score double precision,
                  doc json, docb jsonb, ref uuid, payload bytea, feeling mood)
                """,
                "CREATE TABLE plain (id int PRIMARY KEY, name text NOT NULL, note text, big text)",
                "CREATE TABLE full_image (id int PRIMARY KEY, name text NOT NULL, note text)",
                "ALTER TABLE full_image REPLICA IDENTITY FULL",
                "CREATE TABLE odd (id int PRIMARY KEY, wait interval)");
    }

    @Test
    void changesArriveInCommitOrderAsCanonicalJavaValues() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        startStreaming(options("types", "typed").snapshotMode(SnapshotMode.NO_DATA).build(), handler,
                "INSERT INTO typed (id) VALUES (0)");

        db.execute("""
                INSERT INTO typed VALUES (1, 12345678.1234, -98765.432100001, '2024-02-29 13:45:30.123456+02',
                  '2024-02-29 13:45:30.654321', '2024-02-29', '23:59:59.999999', 'Grüße, 世界 😀', 'ab', 32767, -2147483648,
                  true, 1.5, 3.141592653589793, '{"a": [1, 2]}', '{"b": 1}', '0b3c7c5e-3f0e-4a7b-9c55-1d2e3f4a5b6c',
                  '\\x00ff10', 'happy')
                """,
                "INSERT INTO typed (id) VALUES (2)",
                "UPDATE typed SET amount = 0.5, label = NULL WHERE id = 1",
                "DELETE FROM typed WHERE id = 2");
        awaitEventCount(handler, 5);

        List<ChangeEvent> events = handler.events().subList(1, 5);
        assertThat(events).extracting(ChangeEvent::operation)
                .containsExactly(Operation.CREATE, Operation.CREATE, Operation.UPDATE, Operation.DELETE);
        assertThat(events).extracting(e -> e.key().get("id")).containsExactly(1L, 2L, 1L, 2L);
        assertThat(events).extracting(e -> Lsn.parse(e.position().value())).isSorted();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.origin()).isEqualTo(SystemSide.LEGACY);
            assertThat(e.table()).isEqualTo(new TableId("public", "typed"));
            assertThat(e.position().kind()).isEqualTo("lsn");
            assertThat(e.transactionId()).isNotNull();
        });

        RowImage row = events.get(0).after();
        assertThat(row.get("amount")).isEqualTo(new BigDecimal("12345678.1234"));
        assertThat(((BigDecimal) row.get("amount")).scale()).isEqualTo(4);
        assertThat(row.get("free_amount")).isEqualTo(new BigDecimal("-98765.432100001"));
        assertThat(row.get("happened_at")).isEqualTo(Instant.parse("2024-02-29T11:45:30.123456Z"));
        assertThat(row.get("local_at")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 654_321_000));
        assertThat(row.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.get("at_time")).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(row.get("label")).isEqualTo("Grüße, 世界 😀");
        assertThat(row.get("code")).isEqualTo("ab");
        assertThat(row.get("small")).isEqualTo((short) 32767);
        assertThat(row.get("qty")).isEqualTo(Integer.MIN_VALUE);
        assertThat(row.get("flag")).isEqualTo(true);
        assertThat(row.get("ratio")).isEqualTo(1.5f);
        assertThat(row.get("score")).isEqualTo(Math.PI);
        assertThat(row.get("doc")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(row.get("docb")).isEqualTo("{\"b\": 1}");
        assertThat(row.get("ref")).isEqualTo(UUID.fromString("0b3c7c5e-3f0e-4a7b-9c55-1d2e3f4a5b6c"));
        assertThat((byte[]) row.get("payload")).containsExactly(0x00, 0xFF, 0x10);
        assertThat(row.get("feeling")).isEqualTo("happy");

        RowImage nulls = events.get(1).after();
        assertThat(nulls.size()).isEqualTo(row.size());
        assertThat(nulls.asMap()).allSatisfy((column, value) -> assertThat(value).as(column).isEqualTo(column.equals("id") ? 2L : null));

        RowImage updated = events.get(2).after();
        assertThat(updated.get("amount")).isEqualTo(new BigDecimal("0.5000"));
        assertThat(updated.has("label")).isTrue();
        assertThat(updated.get("label")).isNull();
        assertThat(events.get(0).commitTime()).isBefore(events.get(3).commitTime());
    }

    @Test
    void oneTransactionArrivesInStatementOrderUnderOneTransactionId() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        startStreaming(options("tx", "plain").snapshotMode(SnapshotMode.NO_DATA).build(), handler,
                "INSERT INTO plain (id, name) VALUES (1, 'marker')");

        inTransaction("INSERT INTO plain (id, name) VALUES (10, 'a')", "INSERT INTO plain (id, name) VALUES (11, 'b')",
                "UPDATE plain SET name = 'c' WHERE id = 10");
        db.execute("DELETE FROM plain WHERE id = 11");
        awaitEventCount(handler, 5);

        List<ChangeEvent> events = handler.events().subList(1, 5);
        assertThat(events).extracting(e -> e.operation() + " " + e.key().get("id"))
                .containsExactly("CREATE 10", "CREATE 11", "UPDATE 10", "DELETE 11");
        assertThat(events.subList(0, 3)).extracting(ChangeEvent::transactionId).containsOnly(events.get(0).transactionId());
        assertThat(events.subList(0, 3)).extracting(ChangeEvent::commitTime).containsOnly(events.get(0).commitTime());
        assertThat(events.get(3).transactionId()).isNotEqualTo(events.get(0).transactionId());
    }

    @Test
    void defaultReplicaIdentityGivesNoBeforeImageForUpdatesAndOnlyTheKeyForDeletes() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        startStreaming(options("identity-default", "plain").snapshotMode(SnapshotMode.NO_DATA).build(), handler,
                "INSERT INTO plain (id, name) VALUES (2, 'marker')");

        db.execute("INSERT INTO plain (id, name, note) VALUES (20, 'a', 'n')", "UPDATE plain SET name = 'b' WHERE id = 20",
                "DELETE FROM plain WHERE id = 20");
        awaitEventCount(handler, 4);

        List<ChangeEvent> events = handler.events().subList(1, 4);
        assertThat(events.get(1).operation()).isEqualTo(Operation.UPDATE);
        assertThat(events.get(1).before()).isNull();
        assertThat(events.get(1).after().get("name")).isEqualTo("b");
        assertThat(events.get(2).operation()).isEqualTo(Operation.DELETE);
        assertThat(events.get(2).before()).isEqualTo(RowImage.builder().put("id", 20).build());
    }

    @Test
    void fullReplicaIdentityGivesCompleteBeforeImages() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        startStreaming(options("identity-full", "full_image").snapshotMode(SnapshotMode.NO_DATA).build(), handler,
                "INSERT INTO full_image (id, name) VALUES (3, 'marker')");

        db.execute("INSERT INTO full_image VALUES (30, 'a', 'n')", "UPDATE full_image SET name = 'b' WHERE id = 30",
                "DELETE FROM full_image WHERE id = 30");
        awaitEventCount(handler, 4);

        List<ChangeEvent> events = handler.events().subList(1, 4);
        RowImage original = RowImage.builder().put("id", 30).put("name", "a").put("note", "n").build();
        RowImage changed = RowImage.builder().put("id", 30).put("name", "b").put("note", "n").build();
        assertThat(events.get(1).before()).isEqualTo(original);
        assertThat(events.get(1).after()).isEqualTo(changed);
        assertThat(events.get(2).before()).isEqualTo(changed);
    }

    @Test
    void primaryKeyUpdateArrivesAsDeleteOfTheOldKeyAndCreateOfTheNewOne() throws Exception {
        // Debezium reports a key change as DELETE (old key) + CREATE (new key), never as an UPDATE with a changed key.
        RecordingHandler handler = new RecordingHandler();
        startStreaming(options("key-change", "plain", "full_image").snapshotMode(SnapshotMode.NO_DATA).build(), handler,
                "INSERT INTO plain (id, name) VALUES (4, 'marker')");

        db.execute("INSERT INTO plain (id, name) VALUES (40, 'a')", "UPDATE plain SET id = 41 WHERE id = 40",
                "INSERT INTO full_image VALUES (40, 'a', 'n')", "UPDATE full_image SET id = 41, name = 'b' WHERE id = 40");
        awaitEventCount(handler, 7);

        List<ChangeEvent> plain = handler.events().subList(2, 4);
        assertThat(plain).extracting(ChangeEvent::operation).containsExactly(Operation.DELETE, Operation.CREATE);
        assertThat(plain.get(0).before()).isEqualTo(RowImage.builder().put("id", 40).build());
        assertThat(plain.get(1).after()).isEqualTo(RowImage.builder().put("id", 41).put("name", "a").put("note", null).put("big", null).build());
        assertThat(plain.get(0).transactionId()).isEqualTo(plain.get(1).transactionId());
        assertThat(plain).noneMatch(ChangeEvent::changesKey);

        List<ChangeEvent> full = handler.events().subList(5, 7);
        assertThat(full).extracting(ChangeEvent::operation).containsExactly(Operation.DELETE, Operation.CREATE);
        assertThat(full.get(0).before()).isEqualTo(RowImage.builder().put("id", 40).put("name", "a").put("note", "n").build());
        assertThat(full.get(1).after()).isEqualTo(RowImage.builder().put("id", 41).put("name", "b").put("note", "n").build());
    }

    @Test
    void unchangedToastedValueIsLeftOutOfAnUpdateUnderDefaultReplicaIdentity() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        startStreaming(options("toast", "plain").snapshotMode(SnapshotMode.NO_DATA).build(), handler,
                "INSERT INTO plain (id, name) VALUES (5, 'marker')");

        // Random hex does not compress, so the value is stored out of line and not logged when unchanged.
        db.execute("INSERT INTO plain (id, name, big) VALUES (50, 'a', (SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 400)))",
                "UPDATE plain SET name = 'b' WHERE id = 50");
        awaitEventCount(handler, 3);

        ChangeEvent insert = handler.events().get(1);
        ChangeEvent update = handler.events().get(2);
        assertThat((String) insert.after().get("big")).hasSize(400 * 32);
        assertThat(update.after().has("big")).isFalse();
        assertThat(update.after().get("name")).isEqualTo("b");
    }

    @Test
    void columnOfUnsupportedTypeStopsTheSourceNamingTableAndColumn() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        PostgresCaptureSource source = startStreaming(options("unsupported", "odd").snapshotMode(SnapshotMode.NO_DATA).build(),
                handler, "INSERT INTO odd (id) VALUES (0)");

        db.execute("INSERT INTO odd VALUES (1, interval '5 minutes')");

        await().atMost(DELIVERY_TIMEOUT).until(() -> source.state() == PostgresCaptureSource.State.FAILED);
        assertThat(source.failure())
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("public.odd")
                .hasMessageContaining("'wait'")
                .hasMessageContaining("io.debezium.time.MicroDuration")
                .hasCauseInstanceOf(ChangeConversionException.class);
        assertThat(handler.events()).hasSize(1);
    }
}
