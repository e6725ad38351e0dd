package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();

    private static final ColumnDef ID = ColumnDef.of("id", ColumnType.INT64, "int8", false);
    private static final ColumnDef SELECT = ColumnDef.of("select", ColumnType.STRING, "text", true);
    private static final ColumnDef DOC = ColumnDef.of("Doc", ColumnType.JSON, "jsonb", true);
    private static final ColumnDef MOOD = ColumnDef.of("mood", ColumnType.STRING, "mood", true);
    private static final TableSchema ORDER = new TableSchema(new TableId("Sales", "Order"), List.of(ID, SELECT, DOC, MOOD), List.of("id"));

    @Test
    void quotesEveryIdentifierAndDoublesEmbeddedQuotes() {
        assertThat(dialect.quoteIdentifier("Order")).isEqualTo("\"Order\"");
        assertThat(dialect.quoteIdentifier("select")).isEqualTo("\"select\"");
        assertThat(dialect.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(dialect.qualifiedName(new TableId("Sales", "Order"))).isEqualTo("\"Sales\".\"Order\"");
    }

    @Test
    void writesAStringLiteralThatEndsAtItsOwnQuoteWhateverTheServersStringSettings() {
        assertThat(dialect.stringLiteral("it's")).isEqualTo("'it''s'");
        assertThat(dialect.stringLiteral("")).isEqualTo("''");
        assertThat(dialect.stringLiteral("a\\")).as("a trailing backslash cannot escape the closing quote").isEqualTo("E'a\\\\'");
        assertThat(dialect.stringLiteral("x\\' OR 1=1 --")).isEqualTo("E'x\\\\'' OR 1=1 --'");
        assertThatThrownBy(() -> dialect.stringLiteral("a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void upsertInsertsGivenColumnsAndUpdatesOnlyTheNonKeyOnesAndOnlyWhenOneOfThemChanges() {
        assertThat(dialect.upsertStatement(ORDER, List.of(ID, SELECT, DOC))).isEqualTo(
                "INSERT INTO \"Sales\".\"Order\" AS \"existing\" (\"id\", \"select\", \"Doc\") VALUES (?, ?, ?::jsonb)"
                        + " ON CONFLICT (\"id\") DO UPDATE SET \"select\" = EXCLUDED.\"select\", \"Doc\" = EXCLUDED.\"Doc\""
                        + " WHERE \"existing\".\"select\"::text IS DISTINCT FROM EXCLUDED.\"select\"::text"
                        + " OR \"existing\".\"Doc\"::text IS DISTINCT FROM EXCLUDED.\"Doc\"::text");
    }

    @Test
    void upsertOfKeyColumnsOnlyLeavesAnExistingRowAlone() {
        assertThat(dialect.upsertStatement(ORDER, List.of(ID)))
                .isEqualTo("INSERT INTO \"Sales\".\"Order\" AS \"existing\" (\"id\") VALUES (?) ON CONFLICT (\"id\") DO NOTHING");
    }

    @Test
    void upsertNamesEveryColumnOfACompositeKeyAsConflictTarget() {
        TableSchema composite = new TableSchema(new TableId("public", "lines"), List.of(ID, SELECT, MOOD), List.of("id", "select"));
        assertThat(dialect.upsertStatement(composite, List.of(ID, SELECT, MOOD))).isEqualTo(
                "INSERT INTO \"public\".\"lines\" AS \"existing\" (\"id\", \"select\", \"mood\") VALUES (?, ?, ?)"
                        + " ON CONFLICT (\"id\", \"select\") DO UPDATE SET \"mood\" = EXCLUDED.\"mood\""
                        + " WHERE \"existing\".\"mood\"::text IS DISTINCT FROM EXCLUDED.\"mood\"::text");
    }

    @Test
    void insertIfAbsentLeavesARowWithTheKeyAloneAndKeepsValuesInParenthesesSoTheDriverDoesNotRewriteIt() {
        assertThat(dialect.insertIfAbsentStatement(ORDER.withKey(List.of("id", "select")), List.of(ID, SELECT, DOC))).isEqualTo(
                "INSERT INTO \"Sales\".\"Order\" (\"id\", \"select\", \"Doc\") (VALUES (?, ?, ?::jsonb))"
                        + " ON CONFLICT (\"id\", \"select\") DO NOTHING");
    }

    @Test
    void applyMarkerUpsertBindsTheBridgeAndTimeAndIncrementsTheBatchOnConflict() {
        assertThat(dialect.applyMarkerStatement(new TableId("Ops", "marker"))).isEqualTo(
                "INSERT INTO \"Ops\".\"marker\" AS m (bridge, batch, applied_at) VALUES (?, 1, ?)"
                        + " ON CONFLICT (bridge) DO UPDATE SET batch = m.batch + 1, applied_at = EXCLUDED.applied_at");
        assertThat(dialect.applyMarkerTableStatement(new TableId("Ops", "marker"))).isEqualTo(
                "CREATE TABLE IF NOT EXISTS \"Ops\".\"marker\""
                        + " (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)");
    }

    @Test
    void jsonPlaceholdersCastToTheColumnsOwnJsonType() {
        assertThat(dialect.placeholder(DOC)).isEqualTo("?::jsonb");
        assertThat(dialect.placeholder(ColumnDef.of("j", ColumnType.JSON, "json", true))).isEqualTo("?::json");
        assertThat(dialect.placeholder(MOOD)).isEqualTo("?");
        assertThat(dialect.placeholder(ID)).isEqualTo("?");
    }

    @Test
    void updateSetsTheGivenColumnsThenMatchesTheKey() {
        assertThat(dialect.updateStatement(ORDER, List.of(SELECT, DOC)))
                .isEqualTo("UPDATE \"Sales\".\"Order\" SET \"select\" = ?, \"Doc\" = ?::jsonb WHERE \"id\" = ?");
    }

    @Test
    void deleteMatchesEveryKeyColumn() {
        TableSchema composite = ORDER.withKey(List.of("id", "select"));
        assertThat(dialect.deleteStatement(composite))
                .isEqualTo("DELETE FROM \"Sales\".\"Order\" WHERE \"id\" = ? AND \"select\" = ?");
    }

    @Test
    void selectOrdersByKeyAndFiltersByKeyList() {
        assertThat(dialect.selectStatement(ORDER, 0))
                .isEqualTo("SELECT \"id\", \"select\", \"Doc\", \"mood\" FROM \"Sales\".\"Order\" ORDER BY \"id\"");
        assertThat(dialect.selectStatement(ORDER, 2)).isEqualTo(
                "SELECT \"id\", \"select\", \"Doc\", \"mood\" FROM \"Sales\".\"Order\" WHERE \"id\" IN (?, ?) ORDER BY \"id\"");
        assertThat(dialect.selectStatement(ORDER.withKey(List.of("id", "select")), 2)).endsWith(
                " WHERE (\"id\", \"select\") IN ((?, ?), (?, ?)) ORDER BY \"id\", \"select\"");
    }

    @Test
    void lockingSelectReadsEveryColumnOfTheKeysInKeyOrderForUpdate() {
        assertThat(dialect.selectForUpdateStatement(ORDER.withKey(List.of("id", "select")), 2)).isEqualTo(
                "SELECT \"id\", \"select\", \"Doc\", \"mood\" FROM \"Sales\".\"Order\""
                        + " WHERE (\"id\", \"select\") IN ((?, ?), (?, ?)) ORDER BY \"id\", \"select\" FOR UPDATE");
        assertThatThrownBy(() -> dialect.selectForUpdateStatement(ORDER, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sales.Order");
    }

    @Test
    void connectionsRewriteBatchedInsertsAndKeepRowValuesOutOfErrorMessages() {
        assertThat(dialect.connectionProperties())
                .containsEntry("reWriteBatchedInserts", "true")
                .containsEntry("logServerErrorDetail", "false");
    }

    @Test
    void servesPostgresqlUrlsOnly() {
        assertThat(dialect.accepts("jdbc:postgresql://localhost/db")).isTrue();
        assertThat(dialect.accepts("jdbc:mariadb://localhost/db")).isFalse();
    }
}
