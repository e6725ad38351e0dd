package dev.cutover.core.mapping;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The example tables and mapping, and a builder to vary the mapping. */
final class MappingFixtures {

    static final TableId CUST_MSTR = new TableId("public", "cust_mstr");
    static final TableId CUSTOMERS = new TableId("public", "customers");

    private MappingFixtures() {
    }

    static ColumnDef column(String name, ColumnType type, String nativeType, boolean nullable) {
        return ColumnDef.of(name, type, nativeType, nullable);
    }

    /** cust_id bigint PK, cust_nm varchar, stat_cd char(1) NOT NULL, crt_epoch bigint, legacy_only_col varchar. */
    static TableSchema custMstr() {
        return new TableSchema(CUST_MSTR, List.of(
                column("cust_id", ColumnType.INT64, "int8", false),
                column("cust_nm", ColumnType.STRING, "varchar", true),
                column("stat_cd", ColumnType.STRING, "bpchar", false),
                column("crt_epoch", ColumnType.INT64, "int8", true),
                column("legacy_only_col", ColumnType.STRING, "varchar", true)), List.of("cust_id"));
    }

    /** id bigint PK, full_name text, status text NOT NULL, created_at timestamptz, source text NOT NULL. */
    static TableSchema customers() {
        return new TableSchema(CUSTOMERS, List.of(
                column("id", ColumnType.INT64, "int8", false),
                column("full_name", ColumnType.STRING, "text", true),
                column("status", ColumnType.STRING, "text", false),
                column("created_at", ColumnType.TIMESTAMPTZ, "timestamptz", true),
                column("source", ColumnType.STRING, "text", false)), List.of("id"));
    }

    /** The mapping of cust_mstr onto customers. */
    static SpecBuilder example() {
        Map<String, String> status = new LinkedHashMap<>();
        status.put("A", "active");
        status.put("I", "inactive");
        return new SpecBuilder(CUST_MSTR, CUSTOMERS)
                .rule(ColumnRule.rename("cust_id", "id"))
                .rule(ColumnRule.rename("cust_nm", "full_name"))
                .rule(new ColumnRule("stat_cd", "status", status, null, false))
                .rule(new ColumnRule("crt_epoch", "created_at", Map.of(), "epoch-seconds-to-timestamp", false))
                .rule(ColumnRule.ignore("legacy_only_col"))
                .newDefault("source", "legacy");
    }

    /** Builds a {@link TableMappingSpec} step by step; each call returns this builder. */
    static final class SpecBuilder {
        private final TableId legacyTable;
        private final TableId newTable;
        private List<String> key = List.of();
        private final Map<String, ColumnRule> rules = new LinkedHashMap<>();
        private final List<ColumnRule> extraRules = new ArrayList<>();
        private final Map<String, Object> newDefaults = new LinkedHashMap<>();
        private final Map<String, Object> legacyDefaults = new LinkedHashMap<>();
        private String mapper;
        private Map<String, String> options = Map.of();

        SpecBuilder(TableId legacyTable, TableId newTable) {
            this.legacyTable = legacyTable;
            this.newTable = newTable;
        }

        /** Sets the rule of its legacy column, replacing an earlier one. */
        SpecBuilder rule(ColumnRule rule) {
            rules.put(rule.legacyColumn(), rule);
            return this;
        }

        /** Adds a rule even when its legacy column already has one. */
        SpecBuilder extraRule(ColumnRule rule) {
            extraRules.add(rule);
            return this;
        }

        SpecBuilder withoutRule(String legacyColumn) {
            rules.remove(legacyColumn);
            return this;
        }

        SpecBuilder key(String... columns) {
            key = List.of(columns);
            return this;
        }

        SpecBuilder newDefault(String column, Object value) {
            newDefaults.put(column, value);
            return this;
        }

        SpecBuilder withoutNewDefault(String column) {
            newDefaults.remove(column);
            return this;
        }

        SpecBuilder legacyDefault(String column, Object value) {
            legacyDefaults.put(column, value);
            return this;
        }

        SpecBuilder mapper(String className, Map<String, String> mapperOptions) {
            mapper = className;
            options = mapperOptions;
            return this;
        }

        TableMappingSpec build() {
            List<ColumnRule> all = new ArrayList<>(rules.values());
            all.addAll(extraRules);
            return new TableMappingSpec(legacyTable, newTable, key, all, newDefaults, legacyDefaults, mapper, options);
        }
    }
}
