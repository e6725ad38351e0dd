package dev.cutover.cli.it;

/** The tables and bindings the end-to-end tests use: the README's customer mapping and a table of every type. */
public final class Scenario {

    static final String CUSTOMERS_LEGACY_DDL = """
            CREATE TABLE cust_mstr (
              cust_id         integer PRIMARY KEY,
              cust_nm         varchar(80),
              stat_cd         char(1) NOT NULL,
              crt_epoch       bigint NOT NULL,
              bal_amt         numeric(14,4),
              legacy_only_col text
            )""";

    static final String CUSTOMERS_NEW_DDL = """
            CREATE TABLE customers (
              id          integer PRIMARY KEY,
              full_name   text,
              status      text NOT NULL,
              created_at  timestamptz NOT NULL,
              balance     numeric(14,4),
              source      text NOT NULL
            )""";

    static final String CUSTOMERS_BINDING = """
            - name: customers
              legacy: public.cust_mstr
              new: public.customers
              direction: legacy-to-new
              columns:
                cust_id: id
                cust_nm: full_name
                stat_cd: { to: status, values: { A: active, I: inactive } }
                crt_epoch: { to: created_at, convert: epoch-seconds-to-timestamp }
                bal_amt: balance
                legacy_only_col: { ignore: true }
              defaults: { source: legacy }
            """;

    static final String TYPES_DDL = """
            CREATE TABLE %s (
              id          bigint PRIMARY KEY,
              amount      numeric(20,6),
              happened_at timestamptz,
              local_at    timestamp,
              day         date,
              clock       time,
              label       text,
              flag        boolean,
              payload     bytea,
              ref         uuid,
              doc         jsonb,
              ratio       double precision,
              small       smallint
            )""";

    static final String TYPES_BINDING = """
            - name: typed
              legacy: public.typed_legacy
              new: public.typed_new
              direction: legacy-to-new
            """;

    public static final String DOCS_DDL = "CREATE TABLE %s (id bigint PRIMARY KEY, title text NOT NULL, body text NOT NULL)";

    static final String DOCS_BINDING = """
            - name: docs
              legacy: public.docs_legacy
              new: public.docs_new
              direction: legacy-to-new
            """;

    private Scenario() {
    }
}
