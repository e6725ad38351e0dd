package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaException;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.TableNotFoundException;
import dev.cutover.jdbc.UnsupportedColumnTypeException;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema reader on MariaDB: information_schema types, nullability, sizes and keys; the database is the schema. */
class MariaDbSchemaReaderIT {

    private static MariaDbTestDatabase db;
    private static JdbcSchemaReader reader;

    @BeforeAll
    static void createTables() {
        db = MariaDbTestDatabase.create("cutover_jdbc");
        db.execute("CREATE TABLE everything (id bigint PRIMARY KEY, flag boolean NOT NULL, t tinyint, tu tinyint unsigned,"
                        + " s smallint, su smallint unsigned, m mediumint, mu mediumint unsigned, i int, iu int unsigned,"
                        + " b bigint, bu bigint unsigned, y year, f float, d double, n decimal(12,3) NOT NULL, c char(3), v varchar(40),"
                        + " tt tinytext, tx text, mt mediumtext, lt longtext, e enum('sad','ok'), st set('x','y'), j json,"
                        + " bn binary(4), vb varbinary(10), tb tinyblob, bl blob, mb mediumblob, lb longblob, u uuid,"
                        + " dt date, tm time(6), ldt datetime(6), ts timestamp(6) NULL)",
                "CREATE TABLE order_lines (line int, order_id int, qty int, PRIMARY KEY (order_id, line))",
                "CREATE TABLE orderxlines (id int PRIMARY KEY)",
                "CREATE TABLE orders (id int PRIMARY KEY)",
                "CREATE TABLE `Mixed``Case` (`Id` int PRIMARY KEY, `select` text)",
                "CREATE TABLE customers (id int, email varchar(100) NOT NULL, nick varchar(20), UNIQUE KEY by_nick (nick),"
                        + " UNIQUE KEY by_email (email))",
                "CREATE TABLE events (at datetime, what text)",
                "CREATE TABLE shapes (id int PRIMARY KEY, outline polygon)");
        reader = new JdbcSchemaReader(JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), db.password()));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private static TableId table(String name) {
        return new TableId(db.name(), name);
    }

    @Test
    void readsEverySupportedTypeInColumnOrderWithNullabilityAndSizes() throws Exception {
        TableSchema everything = reader.read(table("everything"));

        assertThat(everything.columns()).extracting(ColumnDef::type).containsExactly(ColumnType.INT64, ColumnType.BOOLEAN,
                ColumnType.INT16, ColumnType.INT16, ColumnType.INT16, ColumnType.INT32, ColumnType.INT32, ColumnType.INT32,
                ColumnType.INT32, ColumnType.INT64, ColumnType.INT64, ColumnType.DECIMAL, ColumnType.INT16, ColumnType.FLOAT32,
                ColumnType.FLOAT64, ColumnType.DECIMAL, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING,
                ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.JSON, ColumnType.BYTES,
                ColumnType.BYTES, ColumnType.BYTES, ColumnType.BYTES, ColumnType.BYTES, ColumnType.BYTES, ColumnType.UUID,
                ColumnType.DATE, ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ);
        assertThat(everything.column("id").orElseThrow()).isEqualTo(new ColumnDef("id", ColumnType.INT64, "bigint(20)", false, 0, 0));
        assertThat(everything.column("flag").orElseThrow()).isEqualTo(new ColumnDef("flag", ColumnType.BOOLEAN, "tinyint(1)", false, 0, 0));
        assertThat(everything.column("bu").orElseThrow()).isEqualTo(new ColumnDef("bu", ColumnType.DECIMAL, "bigint(20) unsigned", true, 20, 0));
        assertThat(everything.column("n").orElseThrow()).isEqualTo(new ColumnDef("n", ColumnType.DECIMAL, "decimal(12,3)", false, 12, 3));
        assertThat(everything.column("v").orElseThrow()).isEqualTo(new ColumnDef("v", ColumnType.STRING, "varchar(40)", true, 40, 0));
        assertThat(everything.column("c").orElseThrow().precision()).isEqualTo(3);
        assertThat(everything.column("lt").orElseThrow().nativeType()).as("a plain longtext").isEqualTo("longtext");
        assertThat(everything.column("j").orElseThrow().nativeType()).as("json, a longtext with its json_valid check").isEqualTo("json");
        assertThat(everything.column("e").orElseThrow().nativeType()).isEqualTo("enum('sad','ok')");
        assertThat(everything.column("ts").orElseThrow().nativeType()).isEqualTo("timestamp(6)");
        assertThat(everything.keyColumns()).containsExactly("id");
    }

    @Test
    void readsACompositePrimaryKeyInKeyOrderNotColumnOrder() throws Exception {
        assertThat(reader.read(table("order_lines")).keyColumns()).containsExactly("order_id", "line");
    }

    @Test
    void matchesTheTableNameExactlyDespiteLikeWildcards() throws Exception {
        assertThat(reader.read(table("order_lines")).columnNames()).containsExactly("line", "order_id", "qty");
    }

    @Test
    void readsNamesThatNeedQuoting() throws Exception {
        TableSchema mixed = reader.read(table("Mixed`Case"));

        assertThat(mixed.columnNames()).containsExactly("Id", "select");
        assertThat(mixed.keyColumns()).containsExactly("Id");
    }

    @Test
    void anEmptySchemaMeansTheDatabaseOfTheUrl() throws Exception {
        assertThat(reader.read(new TableId("", "orders")).columnNames()).containsExactly("id");
    }

    @Test
    void withoutPrimaryKeyTakesTheFirstUniqueKeyOverNotNullColumns() throws Exception {
        assertThat(reader.read(table("customers")).keyColumns()).as("by_nick is nullable").containsExactly("email");
        assertThat(reader.read(table("events")).keyColumns()).isEmpty();
    }

    @Test
    void usesAConfiguredKeyInsteadOfThePrimaryKey() throws Exception {
        assertThat(reader.read(table("customers"), List.of("nick")).keyColumns()).containsExactly("nick");
    }

    @Test
    void reportsAMissingTableWithTheDatabaseAndSimilarTables() {
        assertThatThrownBy(() -> reader.read(table("order")))
                .isInstanceOfSatisfying(TableNotFoundException.class, e -> assertThat(e.similarTables())
                        .containsExactly("orders", "order_lines", "orderxlines"))
                .hasMessageContaining("table " + db.name() + ".order not found in database '" + db.name() + "'");
    }

    @Test
    void reportsAMissingDatabaseAsAMissingTable() {
        assertThatThrownBy(() -> reader.read(new TableId("cutover_nowhere", "orders")))
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("cutover_nowhere.orders");
    }

    @Test
    void reportsAnUnsupportedColumnTypeNamingTableColumnAndType() {
        assertThatThrownBy(() -> reader.read(table("shapes")))
                .isInstanceOfSatisfying(UnsupportedColumnTypeException.class, e -> {
                    assertThat(e.column()).isEqualTo("outline");
                    assertThat(e.nativeType()).isEqualTo("polygon");
                })
                .hasMessageContaining("column 'outline' of table " + db.name() + ".shapes has type 'polygon'");
    }

    @Test
    void reportsAnUnreachableDatabaseWithoutCredentials() {
        JdbcSchemaReader unreachable = new JdbcSchemaReader(
                JdbcConnectionFactory.of("jdbc:mariadb://127.0.0.1:1/none?connectTimeout=2000", "someone", "pa55word".toCharArray()));

        assertThatThrownBy(() -> unreachable.read(new TableId("none", "orders")))
                .isInstanceOf(JdbcSchemaException.class)
                .hasMessageContaining("none.orders")
                .hasMessageContaining("jdbc:mariadb://127.0.0.1:1/none as someone")
                .hasMessageNotContaining("pa55word");
    }

    @Test
    void readsThroughAMysqlUrl() throws Exception {
        String url = db.jdbcUrl().replace("jdbc:mariadb:", "jdbc:mysql:");
        JdbcSchemaReader mysql = new JdbcSchemaReader(JdbcConnectionFactory.of(url, db.user(), db.password()));

        assertThat(mysql.read(table("orders")).keyColumns()).containsExactly("id");
    }
}
