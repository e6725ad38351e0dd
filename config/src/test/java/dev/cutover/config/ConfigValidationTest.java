package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule, as a table of bad configurations with the path and message each must produce. */
class ConfigValidationTest {

    /**
     * One bad configuration.
     *
     * @param rule what is being broken, shown as the test name
     * @param yaml the configuration
     * @param path the path the problem must name
     * @param fragment a piece of the problem's message
     */
    record Case(String rule, String yaml, String path, String fragment) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Case> badConfigurations() {
        return Stream.of(structure(), names(), systems(), bindings(), columns(), conflicts(), kafka(), httpAndTuning(),
                references(), yaml()).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void badConfigurationIsRejectedWithItsPathAndReason(Case c) {
        ConfigException e = Configs.rejection(c.yaml());

        assertThat(e.problems())
                .as("problems of %s", c.rule())
                .anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo(c.path());
                    assertThat(p.message()).contains(c.fragment());
                });
        assertThat(e.getMessage()).contains(c.fragment());
    }

    private static List<Case> structure() {
        return List.of(
                new Case("unknown top-level key lists the known keys", top("colour: blue"), "colour",
                        "unknown key; known keys here: name, data-dir, kafka, systems, http, tuning, bindings"),
                new Case("unknown key in a section", top("kafka: { partition: 3 }"), "kafka.partition",
                        "known keys here: bootstrap, data-dir, embedded-port, properties, partitions, replication-factor, max-record-bytes"),
                new Case("unknown key in a system", replace("user: postgres", "usr: postgres", full()),
                        "systems.legacy.usr", "known keys here: kind, jdbc-url, user, password"),
                new Case("unknown key in a binding", binding("colums: {}"), "bindings[0].colums",
                        "known keys here: name, legacy, new, direction, mode, strategy, key, columns"),
                new Case("wrong type says expected and got", top("kafka: { partitions: three }"), "kafka.partitions",
                        "expected an integer, got a string"),
                new Case("a quoted number is not an integer", top("kafka: { partitions: \"3\" }"), "kafka.partitions",
                        "expected an integer, got a string"),
                new Case("section of the wrong type", top("http: 8080"), "http", "expected a map, got an integer"),
                new Case("missing name", replace("name: shop\n", "", Configs.MINIMAL), "name", "missing required key"),
                new Case("missing systems", "name: shop\nbindings: [{ legacy: a, new: b, direction: legacy-to-new }]\n",
                        "systems", "missing required key"),
                new Case("missing legacy system", replace("  legacy: { kind: postgresql, jdbc-url: \"jdbc:postgresql://localhost:5432/legacy\" }\n", "", Configs.MINIMAL),
                        "systems.legacy", "missing required key"),
                new Case("missing new system", replace("  new: { kind: postgresql, jdbc-url: \"jdbc:postgresql://localhost:5432/newapp\" }\n", "", Configs.MINIMAL),
                        "systems.new", "missing required key"),
                new Case("missing bindings", Configs.MINIMAL.substring(0, Configs.MINIMAL.indexOf("bindings:")),
                        "bindings", "missing required key"),
                new Case("empty bindings", Configs.MINIMAL.substring(0, Configs.MINIMAL.indexOf("bindings:")) + "bindings: []\n",
                        "bindings", "must not be empty"),
                new Case("binding that is not a map", Configs.MINIMAL.substring(0, Configs.MINIMAL.indexOf("bindings:"))
                        + "bindings: [customers]\n", "bindings[0]", "expected a map, got a string"),
                new Case("root that is not a map", "- name: shop\n", "", "expected a map of configuration keys at the top level, got a list"),
                new Case("empty file", "# nothing here\n", "", "the configuration file is empty"));
    }

    private static List<Case> names() {
        return List.of(
                new Case("bridge name with capitals", replace("name: shop", "name: Shop"), "name",
                        "must match [a-z][a-z0-9_]{0,30}, got 'Shop'"),
                new Case("bridge name starting with a digit", replace("name: shop", "name: 1shop"), "name", "must match"),
                new Case("bridge name too long", replace("name: shop", "name: " + "s".repeat(32)), "name", "must match"),
                new Case("bridge name with a dash", replace("name: shop", "name: my-shop"), "name", "must match"),
                new Case("binding name invalid", binding("name: Customers"), "bindings[0].name",
                        "must match [a-z][a-z0-9_]{0,62}, got 'Customers'"),
                new Case("defaulted binding name invalid", replace("new: public.customers", "new: public.Customers"),
                        "bindings[0].new", "the binding name defaults to the new table's name 'Customers'"),
                new Case("duplicate binding names", twoBindings("name: customers",
                        "name: customers\n    legacy: public.b\n    new: public.c"),
                        "bindings[1].name", "'customers' is already the name of bindings[0]; binding names must be unique"),
                new Case("duplicate defaulted binding names", twoBindings("", "legacy: public.b\n    new: other.customers"),
                        "bindings[1].new", "the binding name defaults to the new table's name 'customers', which is already"
                                + " the name of bindings[0]; set a unique name"),
                new Case("two bindings write one new table", twoBindings("", "name: other\n    legacy: public.b\n    new: customers"),
                        "bindings[1].new", "table public.customers is already written by bindings[0]; two bindings may not"
                                + " write the same new table"),
                new Case("two bindings read one legacy table", twoBindings("", "name: other\n    legacy: cust_mstr\n    new: public.b"),
                        "bindings[1].legacy", "table public.cust_mstr is already read by bindings[0]; two bindings may not"
                                + " read the same legacy table"));
    }

    private static List<Case> systems() {
        return List.of(
                new Case("a mariadb system needs a mariadb url", replace("legacy: { kind: postgresql", "legacy: { kind: mariadb"),
                        "systems.legacy.jdbc-url", "does not fit systems.legacy.kind: mariadb; expected jdbc:mariadb://host[:port]/database,"
                                + " got 'jdbc:postgresql://localhost:5432/legacy'"),
                new Case("mariadb urls take no parameters", replace("legacy: { kind: postgresql, jdbc-url: \"jdbc:postgresql://localhost:5432/legacy\"",
                        "legacy: { kind: mariadb, jdbc-url: \"jdbc:mariadb://localhost:3306/legacy?useSsl=true\""),
                        "systems.legacy.jdbc-url", "expected jdbc:mariadb://host[:port]/database"),
                new Case("mysql is not available yet", replace("new: { kind: postgresql", "new: { kind: mysql"),
                        "systems.new.kind", "MySQL support is not available yet in this version (planned); MariaDB is"),
                new Case("unknown kind lists the kinds", replace("legacy: { kind: postgresql", "legacy: { kind: oracle"),
                        "systems.legacy.kind", "expected one of postgresql, mariadb, mysql, got 'oracle'"),
                new Case("missing kind", replace("legacy: { kind: postgresql, ", "legacy: { "), "systems.legacy.kind",
                        "missing required key"),
                new Case("missing jdbc-url", replace("new: { kind: postgresql, jdbc-url: \"jdbc:postgresql://localhost:5432/newapp\" }",
                        "new: { kind: postgresql }"), "systems.new.jdbc-url", "missing required key"),
                new Case("jdbc-url of another database", replace("jdbc:postgresql://localhost:5432/legacy", "jdbc:mysql://localhost:3306/legacy"),
                        "systems.legacy.jdbc-url", "does not fit systems.legacy.kind: postgresql; expected jdbc:postgresql://host[:port]/database, got 'jdbc:mysql://localhost:3306/legacy'"),
                new Case("jdbc-url without database", replace("jdbc:postgresql://localhost:5432/legacy", "jdbc:postgresql://localhost:5432"),
                        "systems.legacy.jdbc-url", "does not fit"),
                new Case("jdbc-url with port out of range", replace("jdbc:postgresql://localhost:5432/legacy", "jdbc:postgresql://localhost:99999/legacy"),
                        "systems.legacy.jdbc-url", "does not fit"),
                new Case("blank user", replace("user: postgres", "user: ' '", full()), "systems.legacy.user", "must not be blank"),
                new Case("password of the wrong type", replace("password: \"${env:LEGACY_PASSWORD}\"", "password: [a]", full()),
                        "systems.legacy.password", "expected a string, got a list"));
    }

    private static List<Case> bindings() {
        return List.of(
                new Case("missing legacy table", replace("  - legacy: public.cust_mstr\n    new:", "  - new:"),
                        "bindings[0].legacy", "missing required key"),
                new Case("missing new table", replace("    new: public.customers\n", ""), "bindings[0].new", "missing required key"),
                new Case("missing direction", replace("    direction: legacy-to-new\n", ""), "bindings[0].direction",
                        "missing required key"),
                new Case("table name with two dots", replace("legacy: public.cust_mstr", "legacy: a.b.c"), "bindings[0].legacy",
                        "expected a table name of the form [schema.]table, got 'a.b.c'"),
                new Case("strategy on a one-way binding", binding("strategy: separate"), "bindings[0].strategy",
                        "only applies to none bindings, but bindings[0].direction is legacy-to-new; remove strategy or set"
                                + " direction: none"),
                new Case("strategy on a two-way binding", twoWay("strategy: duplicate-maintenance"), "bindings[0].strategy",
                        "only applies to none bindings, but bindings[0].direction is two-way"),
                new Case("unknown strategy lists the strategies", none("strategy: by-hand"), "bindings[0].strategy",
                        "expected one of separate, duplicate-maintenance, got 'by-hand'"),
                new Case("mode on a none binding", none("mode: stream"), "bindings[0].mode",
                        "a none binding moves nothing, so it has no mode, but bindings[0].direction is none; remove mode"),
                new Case("conflict on a none binding", none("conflict: { policy: manual }"), "bindings[0].conflict",
                        "only applies to two-way bindings, but bindings[0].direction is none"),
                new Case("unknown direction lists the directions", replace("direction: legacy-to-new", "direction: sideways"),
                        "bindings[0].direction", "expected one of legacy-to-new, new-to-legacy, two-way, none, got 'sideways'"),
                new Case("batch mode without its section", binding("mode: batch"), "bindings[0].batch",
                        "mode: batch needs a batch section with at least a schedule"),
                new Case("unknown mode lists the modes", binding("mode: hourly"), "bindings[0].mode",
                        "expected one of stream, batch, got 'hourly'"),
                new Case("empty key", binding("key: []"), "bindings[0].key", "must not be empty"),
                new Case("key column listed twice", binding("key: [a, a]"), "bindings[0].key", "lists 'a' more than once"),
                new Case("key that is not a list", binding("key: cust_id"), "bindings[0].key",
                        "expected a list of column names, got a string"),
                new Case("ignored key column", binding("key: [cust_id]\n    columns: { cust_id: { ignore: true } }"),
                        "bindings[0].key", "key column 'cust_id' is ignored by bindings[0].columns.cust_id"),
                new Case("default for a fed new column", binding("columns: { stat_cd: status }\n    defaults: { status: A }"),
                        "bindings[0].defaults.status", "new column 'status' is fed by bindings[0].columns.stat_cd"),
                new Case("legacy default for a mapped legacy column", binding("columns: { stat_cd: status }\n    legacy-defaults: { stat_cd: A }"),
                        "bindings[0].legacy-defaults.stat_cd", "legacy column 'stat_cd' is mapped by bindings[0].columns.stat_cd"),
                new Case("default that is a list", binding("defaults: { source: [a] }"), "bindings[0].defaults.source",
                        "expected a scalar or null, got a list"),
                new Case("legacy default that is a map", binding("legacy-defaults: { flag: { a: b } }"),
                        "bindings[0].legacy-defaults.flag", "expected a scalar or null, got a map"),
                new Case("explicitly tagged integer default that is not one", binding("defaults: { x: !!int ten }"),
                        "bindings[0].defaults.x", "expected an integer, got 'ten'"),
                new Case("infinite default", binding("defaults: { x: .inf }"), "bindings[0].defaults.x", "expected a finite number"),
                new Case("mapper without class", binding("mapper: { options: {} }"), "bindings[0].mapper.class", "missing required key"),
                new Case("mapper class that is not a class name", binding("mapper: { class: 'my mapper' }"),
                        "bindings[0].mapper.class", "expected a fully qualified Java class name"),
                new Case("mapper option that is a list", binding("mapper: { class: a.B, options: { k: [1] } }"),
                        "bindings[0].mapper.options.k", "expected a scalar, got a list"));
    }

    private static List<Case> columns() {
        return List.of(
                new Case("column rule that is a list", binding("columns: { a: [x] }"), "bindings[0].columns.a",
                        "expected a new column name or a mapping object with keys to, values, convert, ignore, got a list"),
                new Case("columns that is a list", binding("columns: [a]"), "bindings[0].columns",
                        "expected a map of legacy column -> new column name or mapping object, got a list"),
                new Case("unknown column object key", binding("columns: { a: { rename: b } }"), "bindings[0].columns.a.rename",
                        "known keys here: to, values, convert, ignore"),
                new Case("ignore combined with to", binding("columns: { a: { ignore: true, to: b } }"), "bindings[0].columns.a.ignore",
                        "ignore: true cannot be combined with to"),
                new Case("ignore combined with values and convert", binding("columns: { a: { ignore: true, values: { X: y }, convert: epoch-seconds-to-timestamp } }"),
                        "bindings[0].columns.a.ignore", "cannot be combined with values, convert"),
                new Case("ignore that is not a boolean", binding("columns: { a: { ignore: 'yes' } }"), "bindings[0].columns.a.ignore",
                        "expected a boolean, got a string"),
                new Case("explicitly tagged boolean that is not one", binding("columns: { a: { ignore: !!bool maybe } }"),
                        "bindings[0].columns.a.ignore", "expected true or false, got 'maybe'"),
                new Case("unknown conversion lists the conversions", binding("columns: { a: { convert: to-upper } }"),
                        "bindings[0].columns.a.convert", "expected one of " + String.join(", ", dev.cutover.core.mapping.Conversions.names()) + ", got 'to-upper'"),
                new Case("values that is a list", binding("columns: { a: { values: [A, I] } }"), "bindings[0].columns.a.values",
                        "expected a map of legacy value -> new value, got a list"),
                new Case("empty values", binding("columns: { a: { values: {} } }"), "bindings[0].columns.a.values", "must not be empty"),
                new Case("value map entry that is not a scalar", binding("columns: { a: { values: { A: [x] } } }"),
                        "bindings[0].columns.a.values.A", "expected a scalar, got a list"),
                new Case("value map entry that is null", binding("columns: { a: { values: { A: null } } }"),
                        "bindings[0].columns.a.values.A", "expected a scalar, got null"),
                new Case("value map key that is not a scalar", binding("columns: { a: { values: { [A]: x } } }"),
                        "bindings[0].columns.a.values", "expected a scalar key, got a list"),
                new Case("values combined with convert", binding("columns: { a: { values: { A: b }, convert: epoch-seconds-to-timestamp } }"),
                        "bindings[0].columns.a.convert", "cannot be combined with bindings[0].columns.a.values"),
                new Case("empty column object", binding("columns: { a: {} }"), "bindings[0].columns.a",
                        "an empty mapping object does nothing"),
                new Case("blank rename", binding("columns: { a: '' }"), "bindings[0].columns.a", "must not be blank"),
                new Case("two legacy columns feed one new column", binding("columns: { a: x, b: { to: x } }"), "bindings[0].columns.b",
                        "new column 'x' is already fed by bindings[0].columns.a"));
    }

    private static List<Case> conflicts() {
        String policies = "legacy-wins, new-wins, newest-wins, merge, manual, custom";
        return List.of(
                new Case("newest-wins without column", twoWay("conflict: { policy: newest-wins }"), "bindings[0].conflict.column",
                        "policy newest-wins needs a column: the timestamp or version column that orders the two versions,"
                                + " as the new system names it; set bindings[0].conflict.column"),
                new Case("column on another policy", twoWay("conflict: { policy: merge, column: updated_at }"),
                        "bindings[0].conflict.column", "is only used by policy newest-wins, but bindings[0].conflict.policy"
                                + " is merge; remove column or change the policy"),
                new Case("column under the default policy", twoWay("conflict: { column: updated_at }"),
                        "bindings[0].conflict.column", "but bindings[0].conflict.policy is legacy-wins (the default)"),
                new Case("blank column", twoWay("conflict: { policy: newest-wins, column: ' ' }"), "bindings[0].conflict.column",
                        "must not be blank"),
                new Case("newest-wins column that only takes a constant",
                        twoWay("defaults: { updated_at: null }\n    conflict: { policy: newest-wins, column: updated_at }"),
                        "bindings[0].conflict.column", "new column 'updated_at' takes a constant from"
                                + " bindings[0].defaults.updated_at, so the legacy side has no value to order by"),
                new Case("fallback that is not a side", twoWay("conflict: { policy: newest-wins, column: v, fallback: merge }"),
                        "bindings[0].conflict.fallback", "expected one of legacy-wins, new-wins, got 'merge'"),
                new Case("fallback that is no policy", twoWay("conflict: { policy: merge, fallback: legacy }"),
                        "bindings[0].conflict.fallback", "expected one of legacy-wins, new-wins, got 'legacy'"),
                new Case("fallback on a policy that decides alone", twoWay("conflict: { policy: new-wins, fallback: legacy-wins }"),
                        "bindings[0].conflict.fallback", "is only used by policy newest-wins and merge, but"
                                + " bindings[0].conflict.policy is new-wins; remove fallback or change the policy"),
                new Case("unknown policy lists the policies", twoWay("conflict: { policy: oldest-wins }"),
                        "bindings[0].conflict.policy", "expected one of " + policies + ", got 'oldest-wins'"),
                new Case("policy that is not a string", twoWay("conflict: { policy: [merge] }"), "bindings[0].conflict.policy",
                        "expected one of " + policies + ", got a list"),
                new Case("custom without resolver", twoWay("conflict: { policy: custom }"), "bindings[0].conflict.resolver",
                        "policy custom needs a resolver: the class implementing dev.cutover.core.conflict.ConflictResolver;"
                                + " set bindings[0].conflict.resolver"),
                new Case("resolver on another policy", twoWay("conflict: { policy: manual, resolver: com.example.R }"),
                        "bindings[0].conflict.resolver", "is only used by policy custom, but bindings[0].conflict.policy is manual"),
                new Case("resolver that is not a class name", twoWay("conflict: { policy: custom, resolver: 'my resolver' }"),
                        "bindings[0].conflict.resolver", "expected a fully qualified Java class name"),
                new Case("options on another policy", twoWay("conflict: { policy: merge, options: { k: v } }"),
                        "bindings[0].conflict.options", "is only used by policy custom, but bindings[0].conflict.policy is merge"),
                new Case("resolver option that is a list", twoWay("conflict: { policy: custom, resolver: a.B, options: { k: [1] } }"),
                        "bindings[0].conflict.options.k", "expected a scalar, got a list"),
                new Case("replica identity flag that is not a boolean", twoWay("conflict: { set-replica-identity-full: 'yes' }"),
                        "bindings[0].conflict.set-replica-identity-full", "expected a boolean, got a string"),
                new Case("conflict on a legacy-to-new binding", binding("conflict: { policy: legacy-wins }"), "bindings[0].conflict",
                        "only applies to two-way bindings, but bindings[0].direction is legacy-to-new; remove conflict or set"
                                + " direction: two-way"),
                new Case("conflict on a new-to-legacy binding", replace("direction: legacy-to-new",
                        "direction: new-to-legacy\n    conflict: {}"), "bindings[0].conflict",
                        "only applies to two-way bindings, but bindings[0].direction is new-to-legacy"),
                new Case("unknown key in conflict", twoWay("conflict: { policy: newest-wins, colum: updated_at }"),
                        "bindings[0].conflict.colum", "unknown key; known keys here: policy, column, fallback, resolver,"
                                + " options, set-replica-identity-full"),
                new Case("conflict that is not a map", twoWay("conflict: newest-wins"), "bindings[0].conflict",
                        "expected a map, got a string"));
    }

    private static List<Case> kafka() {
        return List.of(
                new Case("bootstrap without port", top("kafka: { bootstrap: broker }"), "kafka.bootstrap",
                        "expected embedded or a comma-separated list of host:port with port 1 to 65535, got 'broker'"),
                new Case("bootstrap with an empty entry", top("kafka: { bootstrap: 'a:1,,b:2' }"), "kafka.bootstrap",
                        "comma-separated list of host:port"),
                new Case("zero partitions", top("kafka: { partitions: 0 }"), "kafka.partitions", "must be positive, got '0'"),
                new Case("zero replication factor", top("kafka: { bootstrap: 'k:9092', replication-factor: 0 }"),
                        "kafka.replication-factor", "must be between 1 and 32767"),
                new Case("replication above one with the embedded broker", top("kafka: { replication-factor: 3 }"),
                        "kafka.replication-factor", "the embedded broker is a single node, so it must be 1 with kafka.bootstrap: embedded"),
                new Case("broker port with a real cluster", top("kafka: { bootstrap: 'k:9092', embedded-port: 9093 }"),
                        "kafka.embedded-port", "only used by the embedded broker, but kafka.bootstrap names a real cluster"),
                new Case("broker port out of range", top("kafka: { embedded-port: 70000 }"), "kafka.embedded-port", "70000"),
                new Case("broker directory with a real cluster", top("kafka: { bootstrap: 'k:9092', data-dir: ./k }"),
                        "kafka.data-dir", "only used by the embedded broker, but kafka.bootstrap names a real cluster"),
                new Case("bootstrap servers as a property", top("kafka: { properties: { bootstrap.servers: 'k:9092' } }"),
                        "kafka.properties.bootstrap.servers", "may not be set here: set kafka.bootstrap instead"),
                new Case("record limit below Kafka's default", top("kafka: { max-record-bytes: 1000 }"), "kafka.max-record-bytes",
                        "must be between 1048576 and 536870912"),
                new Case("producer request size as a property", top("kafka: { properties: { max.request.size: 9000000 } }"),
                        "kafka.properties.max.request.size", "may not be set here: set kafka.max-record-bytes instead"),
                new Case("consumer group as a property", top("kafka: { properties: { group.id: g } }"),
                        "kafka.properties.group.id", "Cutover names its consumer groups after the bridge"),
                new Case("property that is a map", top("kafka: { properties: { ssl: { a: b } } }"), "kafka.properties.ssl",
                        "expected a scalar, got a map"),
                new Case("properties that is a list", top("kafka: { properties: [a] }"), "kafka.properties",
                        "expected a map of client property -> value, got a list"));
    }

    private static List<Case> httpAndTuning() {
        return List.of(
                new Case("address without port", top("http: { address: localhost }"), "http.address",
                        "expected host:port with port 0 to 65535, got 'localhost'"),
                new Case("address with port out of range", top("http: { address: '127.0.0.1:70000' }"), "http.address",
                        "port 0 to 65535"),
                new Case("address that is a number", top("http: { address: 8080 }"), "http.address", "expected a string, got an integer"),
                new Case("duration that is not ISO-8601", top("tuning: { heartbeat-interval: 10s }"), "tuning.heartbeat-interval",
                        "expected an ISO-8601 duration such as PT10S, got '10s'"),
                new Case("zero duration", top("tuning: { capture-poll-interval: PT0S }"), "tuning.capture-poll-interval",
                        "must be positive, got 'PT0S'"),
                new Case("negative duration", top("tuning: { heartbeat-interval: PT-1S }"), "tuning.heartbeat-interval",
                        "must be positive"),
                new Case("zero capture batch", top("tuning: { capture-batch-size: 0 }"), "tuning.capture-batch-size",
                        "must be positive"),
                new Case("negative apply batch", top("tuning: { apply-batch-size: -5 }"), "tuning.apply-batch-size",
                        "must be positive, got '-5'"),
                new Case("batch size beyond int", top("tuning: { apply-batch-size: 3000000000 }"), "tuning.apply-batch-size",
                        "must be between -2147483648 and 2147483647"),
                new Case("explicitly tagged integer that is not one", top("tuning: { apply-batch-size: !!int many }"),
                        "tuning.apply-batch-size", "expected an integer, got 'many'"),
                new Case("fractional batch size", top("tuning: { apply-batch-size: 2.5 }"), "tuning.apply-batch-size",
                        "expected an integer, got a number"),
                new Case("size with a decimal unit", top("tuning: { slot-retained-warn: 1GB }"), "tuning.slot-retained-warn",
                        "expected a size such as 1GiB, 512MiB or a number of bytes, got '1GB'"),
                new Case("negative size", top("tuning: { slot-retained-warn: -1 }"), "tuning.slot-retained-warn",
                        "must be between 0 and 9223372036854775807 bytes, got '-1'"),
                new Case("size that is a boolean", top("tuning: { slot-retained-warn: true }"), "tuning.slot-retained-warn",
                        "expected a size such as 1GiB or a number of bytes, got a boolean"),
                new Case("zero probe interval", top("tuning: { slot-probe-interval: PT0S }"), "tuning.slot-probe-interval",
                        "must be positive"));
    }

    private static List<Case> references() {
        return List.of(
                new Case("missing environment variable", replace("LEGACY_PASSWORD", "NOT_SET_ANYWHERE", full()),
                        "systems.legacy.password", "cannot resolve ${env:NOT_SET_ANYWHERE}: environment variable NOT_SET_ANYWHERE is not set"),
                new Case("reference without a scheme", replace("name: shop", "name: ${BRIDGE}"),
                        "name", "unsupported reference '${BRIDGE}'; write ${env:NAME} or ${file:path}"),
                new Case("reference with an unknown scheme", replace("user: postgres", "user: '${vault:db/user}'", full()),
                        "systems.legacy.user", "unknown reference type 'vault'; supported: ${env:NAME}, ${file:path}"),
                new Case("unterminated reference", replace("user: postgres", "user: 'a${env:X'", full()),
                        "systems.legacy.user", "unterminated reference '${env:X'"),
                new Case("environment variable name that is not one", replace("user: postgres", "user: '${env:A-B}'", full()),
                        "systems.legacy.user", "'A-B' is not an environment variable name"));
    }

    private static List<Case> yaml() {
        return List.of(
                new Case("duplicate top-level key", top("name: again"), "name", "duplicate key; first defined at line 1, column 1"),
                new Case("duplicate column", binding("columns: { a: x, a: y }"), "bindings[0].columns.a", "duplicate key"),
                new Case("YAML syntax error", top("kafka: { partitions: 3"), "", "invalid YAML"),
                new Case("two documents", top("---\nname: other"), "", "expected a single document"),
                new Case("undefined alias", top("http: *nothing"), "", "found undefined alias nothing"));
    }

    /** The minimal configuration with {@code lines} added at the top level. */
    private static String top(String lines) {
        return Configs.MINIMAL + lines + "\n";
    }

    /** The minimal configuration with {@code lines} added to its binding. */
    private static String binding(String lines) {
        return Configs.MINIMAL + "    " + lines + "\n";
    }

    /** The minimal configuration with its binding made two-way and {@code lines} added to it. */
    private static String twoWay(String lines) {
        return replace("direction: legacy-to-new", "direction: two-way") + "    " + lines + "\n";
    }

    private static String replace(String from, String to) {
        return replace(from, to, Configs.MINIMAL);
    }

    /** The minimal configuration with its binding made none and {@code lines} added to it. */
    private static String none(String lines) {
        return replace("direction: legacy-to-new", "direction: none") + "    " + lines + "\n";
    }

    /** {@code yaml} with {@code from} replaced, failing if the fixture no longer contains it. */
    private static String replace(String from, String to, String yaml) {
        assertThat(yaml).contains(from);
        return yaml.replace(from, to);
    }

    private static String full() {
        return Configs.FULL;
    }

    /** The minimal configuration with {@code firstExtra} added to its binding, then a second binding. */
    private static String twoBindings(String firstExtra, String second) {
        return binding(firstExtra) + "  - direction: legacy-to-new\n    " + second + "\n";
    }
}
