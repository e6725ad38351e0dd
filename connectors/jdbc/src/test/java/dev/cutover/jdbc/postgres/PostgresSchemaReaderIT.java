package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaException;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.TableNotFoundException;
import dev.cutover.jdbc.UnsupportedColumnTypeException;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresSchemaReaderIT {

    private static PostgresTestDatabase db;
    private static JdbcSchemaReader reader;

    @BeforeAll
    static void createTables() {
        db = PostgresTestDatabase.create("cutover_jdbc");
        db.execute("CREATE TYPE status AS ENUM ('new', 'done')",
                "CREATE TABLE orders (id bigserial PRIMARY KEY, customer varchar(80) NOT NULL, total numeric(12,2),"
                        + " ratio numeric, status status NOT NULL DEFAULT 'new', placed timestamptz, payload jsonb, code char(4))",
                "CREATE TABLE order_lines (line int, order_id bigint, qty int2, PRIMARY KEY (order_id, line))",
                "CREATE TABLE orderxlines (x int PRIMARY KEY)",
                "CREATE TABLE customers (id int PRIMARY KEY, email text UNIQUE)",
                "CREATE TABLE events (at timestamp, what text)",
                "CREATE TABLE spans (id int PRIMARY KEY, took interval)",
                "CREATE TABLE \"Mixed Case\" (\"Id\" int PRIMARY KEY, \"select\" text)");
        reader = new JdbcSchemaReader(JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void readsColumnsInOrderWithTypesNullabilityPrecisionAndPrimaryKey() throws Exception {
        TableSchema orders = reader.read(new TableId("public", "orders"));

        assertThat(orders.columns()).containsExactly(
                new ColumnDef("id", ColumnType.INT64, "bigserial", false, 0, 0),
                new ColumnDef("customer", ColumnType.STRING, "varchar", false, 80, 0),
                new ColumnDef("total", ColumnType.DECIMAL, "numeric", true, 12, 2),
                new ColumnDef("ratio", ColumnType.DECIMAL, "numeric", true, 0, 0),
                new ColumnDef("status", ColumnType.STRING, "status", false, 0, 0),
                new ColumnDef("placed", ColumnType.TIMESTAMPTZ, "timestamptz", true, 0, 0),
                new ColumnDef("payload", ColumnType.JSON, "jsonb", true, 0, 0),
                new ColumnDef("code", ColumnType.STRING, "bpchar", true, 4, 0));
        assertThat(orders.keyColumns()).containsExactly("id");
    }

    @Test
    void readsACompositePrimaryKeyInKeyOrderNotColumnOrder() throws Exception {
        assertThat(reader.read(new TableId("public", "order_lines")).keyColumns()).containsExactly("order_id", "line");
    }

    @Test
    void matchesTheTableNameExactlyDespiteLikeWildcards() throws Exception {
        assertThat(reader.read(new TableId("public", "order_lines")).columnNames()).containsExactly("line", "order_id", "qty");
    }

    @Test
    void readsNamesThatNeedQuoting() throws Exception {
        TableSchema mixed = reader.read(new TableId("public", "Mixed Case"));

        assertThat(mixed.columnNames()).containsExactly("Id", "select");
        assertThat(mixed.keyColumns()).containsExactly("Id");
    }

    @Test
    void usesAConfiguredKeyInsteadOfThePrimaryKey() throws Exception {
        assertThat(reader.read(new TableId("public", "customers"), List.of("email")).keyColumns()).containsExactly("email");
    }

    @Test
    void rejectsAConfiguredKeyThatIsNotAColumnListingTheColumns() {
        assertThatThrownBy(() -> reader.read(new TableId("public", "customers"), List.of("mail")))
                .isInstanceOf(JdbcSchemaException.class)
                .hasMessageContaining("[mail]")
                .hasMessageContaining("public.customers")
                .hasMessageContaining("[id, email]");
    }

    @Test
    void givesATableWithoutPrimaryKeyAnEmptyKeyWhichTheApplierRefuses() throws Exception {
        TableSchema events = reader.read(new TableId("public", "events"));

        assertThat(events.keyColumns()).isEmpty();
        assertThatThrownBy(() -> new JdbcApplier(JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null),
                Map.of(events.table(), events)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public.events has no key");
    }

    @Test
    void reportsAMissingTableWithTheDatabaseAndSimilarTables() {
        assertThatThrownBy(() -> reader.read(new TableId("public", "order")))
                .isInstanceOfSatisfying(TableNotFoundException.class, e -> assertThat(e.similarTables())
                        .containsExactly("orders", "order_lines", "orderxlines"))
                .hasMessageContaining("table public.order not found in database '" + db.name() + "'")
                .hasMessageContaining("similar tables in schema 'public': orders, order_lines, orderxlines");
    }

    @Test
    void reportsAMissingSchemaAsAMissingTable() {
        assertThatThrownBy(() -> reader.read(new TableId("nowhere", "orders")))
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("no table with a similar name in schema 'nowhere'");
    }

    @Test
    void reportsAnUnsupportedColumnTypeNamingTableColumnAndType() {
        assertThatThrownBy(() -> reader.read(new TableId("public", "spans")))
                .isInstanceOfSatisfying(UnsupportedColumnTypeException.class, e -> {
                    assertThat(e.column()).isEqualTo("took");
                    assertThat(e.nativeType()).isEqualTo("interval");
                })
                .hasMessageContaining("column 'took' of table public.spans has type 'interval'");
    }

    @Test
    void reportsAnUnreachableDatabaseWithoutCredentials() {
        JdbcSchemaReader unreachable = new JdbcSchemaReader(
                JdbcConnectionFactory.of("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "someone", "pa55word".toCharArray()));

        assertThatThrownBy(() -> unreachable.read(new TableId("public", "orders")))
                .isInstanceOf(JdbcSchemaException.class)
                .hasMessageContaining("public.orders")
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/none as someone")
                .hasMessageNotContaining("pa55word");
    }
}
