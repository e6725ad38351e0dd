package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.SqlDialects;
import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbDialectTest {

    private final MariaDbDialect dialect = new MariaDbDialect();

    private static final ColumnDef ID = ColumnDef.of("id", ColumnType.INT64, "bigint(20)", false);
    private static final ColumnDef SELECT = ColumnDef.of("select", ColumnType.STRING, "text", true);
    private static final ColumnDef DOC = ColumnDef.of("Doc", ColumnType.JSON, "json", true);
    private static final TableSchema ORDER = new TableSchema(new TableId("Sales", "Order"), List.of(ID, SELECT, DOC), List.of("id"));

    @Test
    void servesMariaDbAndMysqlUrlsThroughTheServiceLoader() {
        assertThat(SqlDialects.forJdbcUrl("jdbc:mariadb://127.0.0.1:3306/shop")).isInstanceOf(MariaDbDialect.class);
        assertThat(SqlDialects.forJdbcUrl("jdbc:mysql://127.0.0.1:3306/shop")).isInstanceOf(MariaDbDialect.class);
        assertThat(SqlDialects.supportedPrefixes()).contains("jdbc:mariadb:", "jdbc:mysql:", "jdbc:postgresql:");
        assertThat(JdbcConnectionFactory.of("jdbc:mariadb://db/shop", "app", (String) null).dialect().name()).isEqualTo("mariadb");
    }

    @Test
    void letsMariaDbConnectorJTakeMysqlUrls() {
        assertThat(dialect.driverUrl("jdbc:mysql://db:3306/shop")).isEqualTo("jdbc:mysql://db:3306/shop?permitMysqlScheme");
        assertThat(dialect.driverUrl("jdbc:mysql://db/shop?ssl=true")).isEqualTo("jdbc:mysql://db/shop?ssl=true&permitMysqlScheme");
        assertThat(dialect.driverUrl("jdbc:mysql://db/shop?permitMysqlScheme")).isEqualTo("jdbc:mysql://db/shop?permitMysqlScheme");
        assertThat(dialect.driverUrl("jdbc:mariadb://db/shop")).isEqualTo("jdbc:mariadb://db/shop");
    }

    @Test
    void asksForPerRowUpdateCountsFoundRowsAndAUtcStrictSession() {
        assertThat(dialect.connectionProperties())
                .containsEntry("useAffectedRows", "false")
                .containsEntry("useBulkStmts", "false")
                .containsEntry("useBulkStmtsForInserts", "false")
                .containsEntry("connectionTimeZone", "+00:00")
                .containsEntry("forceConnectionTimeZoneToSession", "true")
                .doesNotContainKey("preserveInstants");
        assertThat(dialect.connectionProperties().get("initSql")).contains("STRICT_ALL_TABLES").contains("NO_AUTO_VALUE_ON_ZERO");
    }

    @Test
    void writesAStringLiteralWithQuotesAndBackslashesDoubledSoNeitherCanEndIt() {
        assertThat(dialect.stringLiteral("it's")).isEqualTo("'it''s'");
        assertThat(dialect.stringLiteral("a\\")).isEqualTo("'a\\\\'");
        assertThat(dialect.stringLiteral("x\\' OR 1=1 #")).isEqualTo("'x\\\\'' OR 1=1 #'");
        assertThatThrownBy(() -> dialect.stringLiteral("a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void quotesEveryIdentifierWithBackquotesAndDoublesEmbeddedOnes() {
        assertThat(dialect.quoteIdentifier("Order")).isEqualTo("`Order`");
        assertThat(dialect.quoteIdentifier("select")).isEqualTo("`select`");
        assertThat(dialect.quoteIdentifier("a`b")).isEqualTo("`a``b`");
        assertThat(dialect.qualifiedName(new TableId("Sales", "Order"))).isEqualTo("`Sales`.`Order`");
        assertThat(dialect.qualifiedName(new TableId("", "Order"))).isEqualTo("`Order`");
    }

    @Test
    void theDatabaseIsTheMetadataCatalog() {
        assertThat(dialect.metadataCatalog(new TableId("shop", "t"))).isEqualTo("shop");
        assertThat(dialect.metadataCatalog(new TableId("", "t"))).isNull();
        assertThat(dialect.metadataSchema(new TableId("shop", "t"))).isNull();
    }

    @Test
    void upsertGuardsTheKeyThenSetsTheNonKeyColumns() {
        assertThat(dialect.upsertStatement(ORDER, List.of(ID, SELECT, DOC))).isEqualTo(
                "INSERT INTO `Sales`.`Order` (`id`, `select`, `Doc`) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE `id` = IF(`id` <=> VALUES(`id`), `id`, NULL),"
                        + " `select` = VALUES(`select`), `Doc` = VALUES(`Doc`)");
    }

    @Test
    void upsertOfKeyColumnsOnlyAssignsNothingButTheGuard() {
        assertThat(dialect.upsertStatement(ORDER, List.of(ID))).isEqualTo(
                "INSERT INTO `Sales`.`Order` (`id`) VALUES (?) ON DUPLICATE KEY UPDATE `id` = IF(`id` <=> VALUES(`id`), `id`, NULL)");
    }

    @Test
    void upsertOfACompositeKeyComparesEveryKeyColumn() {
        TableSchema lines = new TableSchema(new TableId("shop", "lines"), List.of(ID, SELECT, DOC), List.of("id", "select"));
        assertThat(dialect.upsertStatement(lines, List.of(ID, SELECT, DOC))).isEqualTo(
                "INSERT INTO `shop`.`lines` (`id`, `select`, `Doc`) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE `id` = IF(`id` <=> VALUES(`id`) AND `select` <=> VALUES(`select`), `id`, NULL),"
                        + " `Doc` = VALUES(`Doc`)");
    }

    @Test
    void insertIfAbsentTestsTheKeyWithALockingSubqueryWhoseParametersFollowTheColumns() {
        TableSchema lines = ORDER.withKey(List.of("select", "id"));
        assertThat(dialect.insertIfAbsentStatement(lines, List.of(ID, SELECT, DOC))).isEqualTo(
                "INSERT INTO `Sales`.`Order` (`id`, `select`, `Doc`) SELECT ?, ?, ? FROM DUAL"
                        + " WHERE NOT EXISTS (SELECT 1 FROM `Sales`.`Order` WHERE `select` = ? AND `id` = ? FOR UPDATE)");
        assertThat(dialect.insertIfAbsentParameters(lines, List.of(ID, SELECT, DOC))).containsExactly(ID, SELECT, DOC, SELECT, ID);
    }

    @Test
    void insertIfAbsentParametersNeedEveryKeyColumn() {
        assertThatThrownBy(() -> dialect.insertIfAbsentParameters(ORDER, List.of(SELECT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'").hasMessageContaining("Sales.Order");
    }

    @Test
    void updateDeleteAndLockingReadsAreKeyedAndQuoted() {
        assertThat(dialect.updateStatement(ORDER, List.of(SELECT))).isEqualTo("UPDATE `Sales`.`Order` SET `select` = ? WHERE `id` = ?");
        assertThat(dialect.deleteStatement(ORDER)).isEqualTo("DELETE FROM `Sales`.`Order` WHERE `id` = ?");
        assertThat(dialect.selectForUpdateStatement(ORDER, 2)).isEqualTo(
                "SELECT `id`, `select`, `Doc` FROM `Sales`.`Order` WHERE `id` IN (?, ?) ORDER BY `id` FOR UPDATE");
        TableSchema composite = ORDER.withKey(List.of("id", "select"));
        assertThat(dialect.selectForUpdateStatement(composite, 2)).isEqualTo(
                "SELECT `id`, `select`, `Doc` FROM `Sales`.`Order` WHERE (`id`, `select`) IN ((?, ?), (?, ?)) ORDER BY `id`, `select` FOR UPDATE");
    }

    @Test
    void applyMarkerIsAnInnoDbTableUpsertedOnItsBridge() {
        TableId marker = new TableId("shop", "cutover_apply_marker");
        assertThat(dialect.applyMarkerTableStatement(marker)).isEqualTo("CREATE TABLE IF NOT EXISTS `shop`.`cutover_apply_marker`"
                + " (bridge VARCHAR(255) NOT NULL PRIMARY KEY, batch BIGINT NOT NULL, applied_at TIMESTAMP(6) NOT NULL) ENGINE=InnoDB");
        assertThat(dialect.applyMarkerStatement(marker)).isEqualTo("INSERT INTO `shop`.`cutover_apply_marker` (bridge, batch, applied_at)"
                + " VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE batch = batch + 1, applied_at = VALUES(applied_at)");
    }
}
