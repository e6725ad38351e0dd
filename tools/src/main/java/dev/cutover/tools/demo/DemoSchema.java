package dev.cutover.tools.demo;

import dev.cutover.tools.lifecycle.SupplierTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The demo's legacy and new tables and the bridge configuration that binds them: customers one
 * way (legacy to new), products both ways, and suppliers in whichever direction its lifecycle has
 * reached ({@link SupplierTables}).
 */
final class DemoSchema {

    static final String LEGACY_DDL = """
            CREATE TABLE cust_mstr (
              cust_id         integer PRIMARY KEY,
              cust_nm         varchar(80) NOT NULL,
              stat_cd         char(1) NOT NULL,
              crt_epoch       bigint NOT NULL,
              bal_amt         numeric(12,2),
              legacy_only_col text
            )""";

    static final String NEW_DDL = """
            CREATE TABLE customers (
              id          integer PRIMARY KEY,
              full_name   text NOT NULL,
              status      text NOT NULL CHECK (status IN ('active', 'inactive')),
              created_at  timestamptz NOT NULL,
              balance     numeric(12,2),
              source      text NOT NULL
            )""";

    static final String LEGACY_PRODUCTS_DDL = """
            CREATE TABLE prod_mstr (
              prod_cd    varchar(12) PRIMARY KEY,
              prod_desc  varchar(80) NOT NULL,
              price_amt  numeric(10,2) NOT NULL,
              upd_ts     timestamp NOT NULL
            )""";

    static final String NEW_PRODUCTS_DDL = """
            CREATE TABLE products (
              code         varchar(12) PRIMARY KEY,
              description  text NOT NULL,
              price        numeric(10,2) NOT NULL,
              updated_at   timestamp NOT NULL
            )""";

    /** The direction the suppliers binding starts in. */
    static final String SUPPLIERS_FIRST_DIRECTION = "legacy-to-new";

    private DemoSchema() {
    }

    static void create(Connection legacy, Connection neu) throws SQLException {
        EmbeddedDatabases.execute(legacy, LEGACY_DDL, LEGACY_PRODUCTS_DDL);
        EmbeddedDatabases.execute(neu, NEW_DDL, NEW_PRODUCTS_DDL);
        SupplierTables.create(legacy, neu);
    }

    /** Writes the bridge configuration for the demo databases; returns its path. */
    static Path writeConfig(Path dir, EmbeddedDatabases databases, int kafkaPort, int httpPort) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("cutover-demo.yaml");
        Files.writeString(file, config(databases, kafkaPort, httpPort, SUPPLIERS_FIRST_DIRECTION));
        return file;
    }

    /** The bridge configuration for the demo databases, with the suppliers binding in {@code suppliersDirection}. */
    static String config(EmbeddedDatabases databases, int kafkaPort, int httpPort, String suppliersDirection) {
        return """
                # Written by `cutover demo`: the legacy table cust_mstr streamed into the new table customers,
                # prod_mstr and products both writable, kept equal both ways (newest updated_at wins a conflict),
                # and supp_mstr and suppliers, walked from one direction to the next while the bridge runs.
                name: demo
                data-dir: state
                kafka:
                  bootstrap: embedded
                  embedded-port: %d
                  partitions: 3
                systems:
                  legacy: { kind: postgresql, jdbc-url: "%s", user: postgres }
                  new:    { kind: postgresql, jdbc-url: "%s", user: postgres }
                http: { address: "127.0.0.1:%d" }
                tuning: { heartbeat-interval: PT1S }   # an idle capture (the new side, before any product write) shows it streams within a second
                bindings:
                  - legacy: public.cust_mstr
                    new: public.customers
                    direction: legacy-to-new
                    mode: stream
                    columns:
                      cust_id: id
                      cust_nm: full_name
                      stat_cd: { to: status, values: { A: active, I: inactive } }
                      crt_epoch: { to: created_at, convert: epoch-seconds-to-timestamp }
                      bal_amt: balance
                      legacy_only_col: { ignore: true }
                    defaults: { source: legacy }
                  - legacy: public.prod_mstr
                    new: public.products
                    direction: two-way
                    columns: { prod_cd: code, prod_desc: description, price_amt: price, upd_ts: updated_at }
                    conflict: { policy: newest-wins, column: updated_at, set-replica-identity-full: true }
                %s""".formatted(kafkaPort, databases.legacyJdbcUrl(), databases.newJdbcUrl(), httpPort,
                SupplierTables.binding(suppliersDirection));
    }
}
