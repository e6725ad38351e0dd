package dev.cutover.config.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A binding's {@code mapper} section: a custom Java row mapper and its options. Stateless. */
final class MapperSection {

    static final Key<String> CLASS = Key.required("class", Types.string(),
            "Fully qualified name of the class implementing the custom row mapper SPI; it must be on the class path.")
            .validatedBy(Validators.javaClassName());
    static final Key<Map<String, Text>> OPTIONS = Key.withDefault("options",
            new MapType<>(Types.text(), "map of option -> value", false), Map.of(),
            "Options handed to the mapper; a value is hidden in logs when its key contains password, secret, jaas or"
                    + " credentials, or when it comes from a reference.");

    static final Section SECTION = new Section("bindings[].mapper",
            "A custom Java mapper for what declarative column mappings cannot express.", List.of(CLASS, OPTIONS));
    static final SectionType<Mapper> TYPE = SectionType.of(SECTION, MapperSection::assemble);

    private MapperSection() {
    }

    /**
     * A checked mapper declaration.
     *
     * @param hidden names of options whose values must never be shown
     */
    record Mapper(String className, Map<String, String> options, Set<String> hidden) {
    }

    private static Mapper assemble(Values v) {
        if (!v.complete()) {
            return null;
        }
        PluginOptions options = PluginOptions.of(v.get(OPTIONS));
        return new Mapper(v.get(CLASS), options.values(), options.hidden());
    }
}
