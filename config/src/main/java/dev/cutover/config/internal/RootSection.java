package dev.cutover.config.internal;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.HttpOptions;
import dev.cutover.config.TuningOptions;
import dev.cutover.core.event.TableId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * The top level of the file: declarations, checks across bindings, and assembly of the
 * {@link BridgeConfig}. Also the root of the declaration tree the reference is generated from.
 * Stateless.
 */
public final class RootSection {

    static final String NAME_PATTERN = "[a-z][a-z0-9_]{0,30}";

    static final Key<String> NAME = Key.required("name", Types.string(),
            "The bridge id; it names the replication slots, Kafka topics and consumer groups of this bridge.")
            .validatedBy(Validators.pattern(NAME_PATTERN));
    static final Key<Path> DATA_DIR = Key.withDefault("data-dir", Types.path(), Path.of(BridgeConfig.DEFAULT_DATA_DIR),
            "Directory for durable local state such as source offsets, relative to the configuration file's directory.");
    static final Key<KafkaSection.Draft> KAFKA = Key.optional("kafka", KafkaSection.TYPE,
            "Kafka connection and topic settings.").withDefaultText("all defaults");
    static final Key<SystemsSection.Systems> SYSTEMS = Key.required("systems", SystemsSection.TYPE,
            "The legacy and the new database.");
    static final Key<HttpOptions> HTTP = Key.optional("http", HttpSection.TYPE,
            "The HTTP endpoint for metrics, health and status.").withDefaultText("all defaults");
    static final Key<TuningOptions> TUNING = Key.optional("tuning", TuningSection.TYPE,
            "Batching and polling knobs.").withDefaultText("all defaults");
    static final Key<List<ParsedBinding>> BINDINGS = Key.required("bindings",
            new ListType<>(BindingSection.TYPE, "list of bindings", true), "The table bindings; at least one.");

    static final Section SECTION = new Section("top level", "The keys of the configuration file itself.",
            List.of(NAME, DATA_DIR, KAFKA, SYSTEMS, HTTP, TUNING, BINDINGS));
    private static final SectionType<BridgeConfig> TYPE = SectionType.of(SECTION, RootSection::assemble);

    private RootSection() {
    }

    /** Reads the whole file, or returns null when {@code ctx} has problems. */
    static BridgeConfig read(MappingNode root, ParseContext ctx) {
        BridgeConfig config = TYPE.read(root, "", ctx);
        return ctx.hasProblems() ? null : config;
    }

    /** Every declared section, depth first from the top level, each once. */
    public static List<Section> sections() {
        List<Section> out = new ArrayList<>();
        collect(SECTION, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return List.copyOf(out);
    }

    private static void collect(Section section, List<Section> out, Set<Section> seen) {
        if (seen.add(section)) {
            out.add(section);
            section.keys().forEach(k -> k.type().sections().forEach(s -> collect(s, out, seen)));
        }
    }

    private static BridgeConfig assemble(Values v) {
        List<ParsedBinding> bindings = v.get(BINDINGS);
        if (bindings != null) {
            checkUnique(bindings, ParsedBinding::name, BindingSection.NAME, "is already the name of", "binding names");
            checkUnique(bindings, ParsedBinding::legacyTable, BindingSection.LEGACY, "is already read by",
                    "two bindings may not read the same legacy table");
            checkUnique(bindings, ParsedBinding::newTable, BindingSection.NEW, "is already written by",
                    "two bindings may not write the same new table");
        }
        if (!v.complete() || v.context().hasProblems()) {
            return null;
        }
        Path dataDir = v.context().resolvePath(v.get(DATA_DIR));
        SystemsSection.Systems systems = v.get(SYSTEMS);
        List<BindingOptions> options = bindings.stream().map(ParsedBinding::options).toList();
        return new BridgeConfig(v.get(NAME), dataDir, v.get(KAFKA).build(dataDir, v.context()), systems.legacy(),
                systems.neu(), v.get(HTTP), v.get(TUNING), options);
    }

    private static <T> void checkUnique(List<ParsedBinding> bindings, Function<ParsedBinding, T> identity, Key<?> key,
            String clash, String rule) {
        Map<T, ParsedBinding> first = new HashMap<>();
        for (ParsedBinding b : bindings) {
            T id = identity.apply(b);
            ParsedBinding earlier = id == null ? null : first.putIfAbsent(id, b);
            if (earlier == null) {
                continue;
            }
            String what = id instanceof TableId ? "table " + id : "'" + id + "'";
            if (key == BindingSection.NAME && b.nameDefaulted()) {
                b.values().problem(BindingSection.NEW, "the binding name defaults to the new table's name " + what
                        + ", which " + clash + " " + earlier.values().path() + "; set a unique " + key.name());
            } else {
                b.values().problem(key, what + " " + clash + " " + earlier.values().path() + "; " + rule
                        + (key == BindingSection.NAME ? " must be unique" : ""));
            }
        }
    }
}
