package dev.cutover.config.internal;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.KafkaOptions;
import dev.cutover.config.Secret;
import dev.cutover.config.SystemOptions;
import dev.cutover.config.TuningOptions;
import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.TableMappingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders the effective configuration as YAML-like text for the log, using the declared key
 * names so that it reads like the file. Secrets print as {@value Secret#HIDDEN}. Stateless.
 */
public final class ConfigDescriber {

    private static final String NONE = "(none)";

    private final StringBuilder out = new StringBuilder();

    private ConfigDescriber() {
    }

    /** The effective configuration of {@code config}, one key per line. */
    public static String describe(BridgeConfig config) {
        ConfigDescriber d = new ConfigDescriber();
        d.line(0, RootSection.NAME, config.name());
        d.line(0, RootSection.DATA_DIR, config.dataDir());
        d.kafka(config.kafka());
        d.line(0, RootSection.SYSTEMS, "");
        d.system(SystemsSection.LEGACY, config.legacySystem());
        d.system(SystemsSection.NEW, config.newSystem());
        d.line(0, RootSection.HTTP, "");
        d.line(1, HttpSection.ADDRESS, config.http().address());
        d.line(1, HttpSection.TOKEN, config.http().token() == null ? NONE : Secret.HIDDEN);
        d.tuning(config.tuning());
        d.line(0, RootSection.BINDINGS, "");
        config.bindings().forEach(d::binding);
        return d.out.toString().stripTrailing();
    }

    private void kafka(KafkaOptions kafka) {
        line(0, RootSection.KAFKA, "");
        line(1, KafkaSection.BOOTSTRAP, kafka.bootstrap());
        line(1, KafkaSection.DATA_DIR, kafka.dataDir() == null ? NONE : kafka.dataDir());
        line(1, KafkaSection.EMBEDDED_PORT, kafka.embedded() ? kafka.embeddedPort() : NONE);
        line(1, KafkaSection.PROPERTIES, inline(kafka.redactedProperties()));
        line(1, KafkaSection.PARTITIONS, kafka.partitions());
        line(1, KafkaSection.REPLICATION_FACTOR, kafka.replicationFactor());
    }

    private void system(Key<?> key, SystemOptions system) {
        line(1, key, "");
        line(2, SystemSection.KIND, system.kind().label());
        line(2, SystemSection.JDBC_URL, system.redactedJdbcUrl());
        line(2, SystemSection.USER, system.user() == null ? NONE : system.user());
        line(2, SystemSection.PASSWORD, system.password() == null ? NONE : Secret.HIDDEN);
    }

    private void tuning(TuningOptions tuning) {
        line(0, RootSection.TUNING, "");
        line(1, TuningSection.CAPTURE_POLL_INTERVAL, tuning.capturePollInterval());
        line(1, TuningSection.CAPTURE_BATCH_SIZE, tuning.captureBatchSize());
        line(1, TuningSection.APPLY_BATCH_SIZE, tuning.applyBatchSize());
        line(1, TuningSection.HEARTBEAT_INTERVAL, tuning.heartbeatInterval());
        line(1, TuningSection.RETRY_BACKOFF_MAX, tuning.retryBackoffMax());
        line(1, TuningSection.SLOT_RETAINED_WARN, tuning.slotRetainedWarn());
        line(1, TuningSection.SLOT_PROBE_INTERVAL, tuning.slotProbeInterval());
        line(1, TuningSection.LOAD_THREADS, tuning.loadThreads());
        line(1, TuningSection.LOAD_MAX_ROWS_PER_SECOND, tuning.loadMaxRowsPerSecond());
    }

    private void binding(BindingOptions binding) {
        TableMappingSpec spec = binding.mapping();
        out.append("  - ");
        out.append(BindingSection.NAME.name()).append(": ").append(binding.name()).append('\n');
        line(2, BindingSection.LEGACY, spec.legacyTable());
        line(2, BindingSection.NEW, spec.newTable());
        line(2, BindingSection.DIRECTION, binding.direction().label());
        line(2, BindingSection.MODE, binding.synced() ? binding.mode().label() : NONE);
        line(2, BindingSection.STRATEGY, binding.strategy() == null ? NONE : binding.strategy().label());
        line(2, BindingSection.KEY, spec.key().isEmpty() ? "(primary key)" : "[" + String.join(", ", spec.key()) + "]");
        line(2, BindingSection.COLUMNS, spec.columns().isEmpty() ? "{}" : "");
        spec.columns().forEach(rule -> out.append("      ").append(rule.legacyColumn()).append(": ")
                .append(column(rule)).append('\n'));
        line(2, BindingSection.DEFAULTS, inline(spec.newDefaults()));
        line(2, BindingSection.LEGACY_DEFAULTS, inline(spec.legacyDefaults()));
        line(2, BindingSection.MAPPER, spec.customMapper() == null ? NONE : mapper(binding));
        conflict(binding);
        batch(binding);
    }

    private void batch(BindingOptions binding) {
        BatchSpec batch = binding.batch();
        line(2, BindingSection.BATCH, batch == null ? NONE : "");
        if (batch != null) {
            line(3, BatchSection.SCHEDULE, batch.schedule().text());
            line(3, BatchSection.WATERMARK, batch.watermark() == null ? NONE : batch.watermark());
            line(3, BatchSection.PAGE_SIZE, batch.pageSize());
        }
    }

    private void conflict(BindingOptions binding) {
        ConflictSpec conflict = binding.conflict();
        line(2, BindingSection.CONFLICT, conflict == null ? NONE : "");
        if (conflict == null) {
            return;
        }
        line(3, ConflictSection.POLICY, conflict.policy().label());
        line(3, ConflictSection.COLUMN, conflict.column() == null ? NONE : conflict.column());
        line(3, ConflictSection.FALLBACK, conflict.fallback().label());
        line(3, ConflictSection.RESOLVER, conflict.resolverClass() == null ? NONE : conflict.resolverClass());
        // ConflictSpec keeps options in an unordered map: sort so the log is stable.
        Map<String, Object> options = new TreeMap<>();
        Set<String> hidden = binding.hiddenResolverOptions();
        conflict.resolverOptions().forEach((k, v) -> options.put(k, hidden.contains(k) ? Secret.HIDDEN : v));
        line(3, ConflictSection.OPTIONS, inline(options));
        line(3, ConflictSection.SET_REPLICA_IDENTITY_FULL, conflict.setReplicaIdentityFull());
    }

    private static String column(ColumnRule rule) {
        if (rule.ignored()) {
            return "{ " + ColumnsType.IGNORE.name() + ": true }";
        }
        if (rule.values().isEmpty() && rule.conversion() == null) {
            return rule.newColumn();
        }
        List<String> parts = new ArrayList<>();
        parts.add(ColumnsType.TO.name() + ": " + rule.newColumn());
        if (!rule.values().isEmpty()) {
            parts.add(ColumnsType.VALUES.name() + ": " + inline(rule.values()));
        }
        if (rule.conversion() != null) {
            parts.add(ColumnsType.CONVERT.name() + ": " + rule.conversion());
        }
        return "{ " + String.join(", ", parts) + " }";
    }

    private static String mapper(BindingOptions binding) {
        Set<String> hidden = binding.hiddenMapperOptions();
        // TableMappingSpec keeps options in an unordered map: sort so the log is stable.
        Map<String, Object> options = new TreeMap<>();
        binding.mapping().customOptions().forEach((k, v) -> options.put(k, hidden.contains(k) ? Secret.HIDDEN : v));
        return "{ " + MapperSection.CLASS.name() + ": " + binding.mapping().customMapper() + ", "
                + MapperSection.OPTIONS.name() + ": " + inline(options) + " }";
    }

    private static String inline(Map<String, ?> map) {
        if (map.isEmpty()) {
            return "{}";
        }
        List<String> entries = new ArrayList<>();
        map.forEach((k, v) -> entries.add(k + ": " + (v == null ? "null" : v)));
        return "{ " + String.join(", ", entries) + " }";
    }

    private void line(int depth, Key<?> key, Object value) {
        out.append("  ".repeat(depth)).append(key.name()).append(':');
        String text = String.valueOf(value);
        out.append(text.isEmpty() ? "" : " " + text).append('\n');
    }
}
