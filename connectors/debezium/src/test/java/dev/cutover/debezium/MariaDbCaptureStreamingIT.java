package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streaming of MariaDB inserts, updates and deletes from the binlog: order, canonical values, images, transactions. */
class MariaDbCaptureStreamingIT extends MariaDbCaptureITSupport {

    @BeforeAll
    static void createTables() {
        db.execute("""
                CREATE TABLE typed (
                  id bigint PRIMARY KEY,
                  flag tinyint(1), flag2 boolean, tiny tinyint, small smallint, medium mediumint, qty int, uqty int unsigned,
                  big bigint, ubig bigint unsigned,
                  amount decimal(12,4), ratio float, score double,
                  local_at datetime(6), local_sec datetime, happened_at timestamp(6) NULL, day date, at_time time(6), yr year,
                  label varchar(100), body text, code char(3), feeling enum('sad','happy'), tags set('a','b','c'), doc json,
                  payload varbinary(16), blobby blob)
                """,
                "CREATE TABLE plain (id int PRIMARY KEY, name varchar(50) NOT NULL, note text)");
    }

    @Test
    void changesArriveInCommitOrderAsCanonicalJavaValues() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        MariaDbCaptureSource source = start(options("types", "typed").snapshotMode(SnapshotMode.NO_DATA).build(), handler);
        awaitStreaming(source);

        db.execute("""
                INSERT INTO typed VALUES (1, 1, false, -128, 32767, -8388608, -2147483648, 4294967295,
                  -9223372036854775808, 18446744073709551615,
                  12345678.1234, 1.5, 3.141592653589793,
                  '2024-02-29 13:45:30.654321', '2024-02-29 23:59:59', '2024-02-29 11:45:30.123456', '2024-02-29',
                  '23:59:59.999999', 2024,
                  'Grüße, 世界 😀', 'long text', 'ab', 'happy', 'a,c', '{"a": [1, 2]}',
                  x'00ff10', x'cafe')
                """,
                "INSERT INTO typed (id) VALUES (2)",
                "UPDATE typed SET amount = 0.5, label = NULL WHERE id = 1",
                "DELETE FROM typed WHERE id = 2");
        awaitEventCount(handler, 4);

        List<ChangeEvent> events = handler.events();
        assertThat(events).hasSize(4);
        assertThat(events).extracting(ChangeEvent::operation)
                .containsExactly(Operation.CREATE, Operation.CREATE, Operation.UPDATE, Operation.DELETE);
        assertThat(events).extracting(e -> e.key().get("id")).containsExactly(1L, 2L, 1L, 2L);
        assertThat(events).extracting(e -> BinlogPosition.parse(e.position().value())).isSorted().doesNotHaveDuplicates();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.origin()).isEqualTo(SystemSide.LEGACY);
            assertThat(e.table()).isEqualTo(new TableId(db.name(), "typed"));
            assertThat(e.position().kind()).isEqualTo("binlog");
            assertThat(e.transactionId()).as("a MariaDB GTID").matches("\\d+-\\d+-\\d+");
        });

        RowImage row = events.get(0).after();
        assertThat(row.get("flag")).isEqualTo(true);
        assertThat(row.get("flag2")).isEqualTo(false);
        assertThat(row.get("tiny")).isEqualTo((short) -128);
        assertThat(row.get("small")).isEqualTo((short) 32767);
        assertThat(row.get("medium")).isEqualTo(-8_388_608);
        assertThat(row.get("qty")).isEqualTo(Integer.MIN_VALUE);
        assertThat(row.get("uqty")).isEqualTo(4_294_967_295L);
        assertThat(row.get("big")).isEqualTo(Long.MIN_VALUE);
        assertThat(row.get("ubig")).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(row.get("amount")).isEqualTo(new BigDecimal("12345678.1234"));
        assertThat(((BigDecimal) row.get("amount")).scale()).isEqualTo(4);
        assertThat(row.get("ratio")).isEqualTo(1.5f);
        assertThat(row.get("score")).isEqualTo(Math.PI);
        assertThat(row.get("local_at")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 654_321_000));
        assertThat(row.get("local_sec")).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
        // The session (and server) time zone is UTC, so the TIMESTAMP literal is that instant.
        assertThat(row.get("happened_at")).isEqualTo(Instant.parse("2024-02-29T11:45:30.123456Z"));
        assertThat(row.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.get("at_time")).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(row.get("yr")).isEqualTo(2024);
        assertThat(row.get("label")).isEqualTo("Grüße, 世界 😀");
        assertThat(row.get("body")).isEqualTo("long text");
        assertThat(row.get("code")).isEqualTo("ab");
        assertThat(row.get("feeling")).isEqualTo("happy");
        assertThat(row.get("tags")).isEqualTo("a,c");
        assertThat(row.get("doc")).isEqualTo("{\"a\": [1, 2]}");
        assertThat((byte[]) row.get("payload")).containsExactly(0x00, 0xFF, 0x10);
        assertThat((byte[]) row.get("blobby")).containsExactly(0xCA, 0xFE);

        RowImage nulls = events.get(1).after();
        assertThat(nulls.size()).isEqualTo(row.size());
        assertThat(nulls.asMap()).allSatisfy((column, value) -> assertThat(value).as(column).isEqualTo(column.equals("id") ? 2L : null));

        ChangeEvent update = events.get(2);
        assertThat(update.before()).as("binlog_row_image=FULL gives the whole old row").isEqualTo(row);
        assertThat(update.after().get("amount")).isEqualTo(new BigDecimal("0.5000"));
        assertThat(update.after().has("label")).isTrue();
        assertThat(update.after().get("label")).isNull();
        assertThat(events.get(3).before()).isEqualTo(nulls);
    }

    @Test
    void rowsReadByTheLoadCarryTheSameCanonicalValuesAsStreamedOnes() throws Exception {
        db.execute("CREATE TABLE twins LIKE typed", "INSERT INTO twins VALUES " + values(1));
        RecordingHandler handler = new RecordingHandler();
        start(options("twins", "twins").build(), handler);
        awaitEventCount(handler, 1);
        db.execute("INSERT INTO twins VALUES " + values(2));
        awaitEventCount(handler, 2);

        List<ChangeEvent> events = handler.events();
        assertThat(events).extracting(ChangeEvent::operation).containsExactly(Operation.READ, Operation.CREATE);
        RowImage loaded = events.get(0).after();
        RowImage streamed = events.get(1).after();
        assertThat(loaded.columns()).isEqualTo(streamed.columns());
        for (String column : loaded.columns()) {
            if (!column.equals("id")) {
                Object a = loaded.get(column);
                Object b = streamed.get(column);
                assertThat(a).as(column).isNotNull();
                assertThat(a.getClass()).as(column).isEqualTo(b.getClass());
                if (a instanceof byte[] bytes) {
                    assertThat(bytes).as(column).isEqualTo((byte[]) b);
                } else {
                    assertThat(a).as(column).isEqualTo(b);
                }
            }
        }
    }

    /** One row of {@code typed} with every column set, keyed {@code id}. */
    private static String values(int id) {
        return "(" + id + ", 1, false, -128, 32767, -8388608, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,"
                + " 12345678.1234, 1.5, 3.141592653589793, '2024-02-29 13:45:30.654321', '2024-02-29 23:59:59',"
                + " '2024-02-29 11:45:30.123456', '2024-02-29', '23:59:59.999999', 2024, 'Grüße, 世界 😀', 'long text', 'ab', 'happy',"
                + " 'a,c', '{\"a\": [1, 2]}', x'00ff10', x'cafe')";
    }

    @Test
    void oneTransactionArrivesInStatementOrderUnderOneGtid() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        MariaDbCaptureSource source = start(options("tx", "plain").snapshotMode(SnapshotMode.NO_DATA).build(), handler);
        awaitStreaming(source);

        inTransaction("INSERT INTO plain (id, name) VALUES (10, 'a'), (11, 'b')", "UPDATE plain SET name = 'c' WHERE id = 10");
        db.execute("DELETE FROM plain WHERE id = 11");
        awaitEventCount(handler, 4);

        List<ChangeEvent> events = handler.events();
        assertThat(events).extracting(e -> e.operation() + " " + e.key().get("id"))
                .containsExactly("CREATE 10", "CREATE 11", "UPDATE 10", "DELETE 11");
        assertThat(events.subList(0, 3)).extracting(ChangeEvent::transactionId).containsOnly(events.get(0).transactionId());
        assertThat(events.get(3).transactionId()).isNotEqualTo(events.get(0).transactionId());
        assertThat(events.subList(0, 2)).as("two rows of one statement: one event, two rows")
                .extracting(e -> BinlogPosition.parse(e.position().value()).row()).containsExactly(0, 1);
        assertThat(events.get(3).before()).isEqualTo(RowImage.builder().put("id", 11).put("name", "b").put("note", null).build());
    }
}
