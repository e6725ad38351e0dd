package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.ErrorCategory;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dialect's insert-if-absent statement keeps its contract on a real MariaDB, under both
 * isolation levels an applier may meet: in a JDBC batch each row reports 1 when inserted and 0
 * when a row with its key exists, also one that a transaction still open inserted (the statement
 * waits for it), and other refusals stay errors.
 */
class MariaDbInsertIfAbsentIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static MariaDbTestDatabase db;
    private static JdbcConnectionFactory connections;
    private final MariaDbDialect dialect = new MariaDbDialect();
    private TableSchema items;

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_jdbc");
        connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), db.password());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void createItems() throws Exception {
        db.execute("DROP TABLE IF EXISTS items",
                "CREATE TABLE items (id int PRIMARY KEY, name varchar(10) NOT NULL, qty int CHECK (qty >= 0))",
                "INSERT INTO items VALUES (10, 'there', 1)");
        items = new JdbcSchemaReader(connections).read(new TableId(db.name(), "items"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void reportsOneForEachInsertedRowAndZeroForACommittedOne(String isolation) throws Exception {
        try (Connection connection = session(isolation)) {
            assertThat(insertBatch(connection, List.of(1, 10, 2))).containsExactly(1, 0, 1);
            connection.commit();
        }
        assertThat(db.queryRows("SELECT id, name FROM items ORDER BY id")).containsExactly(
                Map.of("id", 1, "name", "n1"), Map.of("id", 2, "name", "n2"), Map.of("id", 10, "name", "there"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void waitsForATransactionInsertingTheKeyAndReportsZeroWhenItCommits(String isolation) throws Exception {
        assertThat(insertWhileAnotherTransactionInserts(isolation, true)).containsExactly(0, 1);
        assertThat(db.queryRows("SELECT id, name FROM items WHERE id IN (1, 2) ORDER BY id"))
                .containsExactly(Map.of("id", 1, "name", "other"), Map.of("id", 2, "name", "n2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void waitsForATransactionInsertingTheKeyAndInsertsWhenItRollsBack(String isolation) throws Exception {
        assertThat(insertWhileAnotherTransactionInserts(isolation, false)).containsExactly(1, 1);
        assertThat(db.queryRows("SELECT id, name FROM items WHERE id IN (1, 2) ORDER BY id"))
                .containsExactly(Map.of("id", 1, "name", "n1"), Map.of("id", 2, "name", "n2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void otherRefusalsStayErrorsUnlikeInsertIgnore(String isolation) throws Exception {
        try (Connection connection = session(isolation);
                PreparedStatement insert = connection.prepareStatement(dialect.insertIfAbsentStatement(items, items.columns()))) {
            bind(insert, 3, "n3", -1);
            assertThatThrownBy(insert::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(dialect.classify(e)).isEqualTo(ErrorCategory.REJECTABLE));
            bind(insert, 4, "much too long", 1);
            assertThatThrownBy(insert::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(dialect.describe(e)).startsWith("error 1406"));
            connection.rollback();
        }
    }

    /**
     * Inserts key 1 in another open transaction, runs the insert-if-absent batch of keys 1 and 2,
     * and ends the other transaction once the batch waits for its lock.
     */
    private int[] insertWhileAnotherTransactionInserts(String isolation, boolean commit) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection other = connections.open(); Statement statement = other.createStatement(); Connection connection = session(isolation)) {
            other.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO items VALUES (1, 'other', 1)");
            long waiting = threadId(connection);
            Future<int[]> inserting = executor.submit(() -> insertBatch(connection, List.of(1, 2)));
            await().atMost(TIMEOUT).until(() -> !db.queryRows("SELECT 1 FROM information_schema.INNODB_TRX"
                    + " WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id = " + waiting).isEmpty());
            assertThat(inserting).isNotDone();
            if (commit) {
                other.commit();
            } else {
                other.rollback();
            }
            int[] counts = inserting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            connection.commit();
            return counts;
        } finally {
            executor.shutdownNow();
        }
    }

    private int[] insertBatch(Connection connection, List<Integer> ids) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(dialect.insertIfAbsentStatement(items, items.columns()))) {
            for (int id : ids) {
                bind(insert, id, "n" + id, 1);
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    private void bind(PreparedStatement insert, int id, String name, int qty) throws SQLException {
        List<ColumnDef> parameters = dialect.insertIfAbsentParameters(items, items.columns());
        Map<String, Object> values = Map.of("id", id, "name", name, "qty", qty);
        for (int i = 0; i < parameters.size(); i++) {
            dialect.bind(insert, i + 1, parameters.get(i), values.get(parameters.get(i).name()));
        }
    }

    private static Connection session(String isolation) throws SQLException {
        Connection connection = connections.open();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + isolation);
        }
        connection.setAutoCommit(false);
        return connection;
    }

    private static long threadId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
