package dev.cutover.config.internal;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A mapping read against a {@link Section} and assembled into a model value. Immutable and thread-safe.
 *
 * @param <T> what the section assembles into
 */
final class SectionType<T> implements ValueType<T> {

    /** Builds the model value from checked values, or returns null after reporting why it cannot. */
    @FunctionalInterface
    interface Assembler<T> {
        T assemble(Values values);
    }

    private final Section section;
    private final Assembler<T> assembler;
    private final boolean defaultWhenAbsent;

    private SectionType(Section section, Assembler<T> assembler, boolean defaultWhenAbsent) {
        this.section = section;
        this.assembler = assembler;
        this.defaultWhenAbsent = defaultWhenAbsent;
    }

    /** A section that is null when absent. */
    static <T> SectionType<T> of(Section section, Assembler<T> assembler) {
        return new SectionType<>(section, assembler, false);
    }

    /** A section that, when absent, is assembled from the defaults of its keys. */
    static <T> SectionType<T> defaultedWhenAbsent(Section section, Assembler<T> assembler) {
        return new SectionType<>(section, assembler, true);
    }

    @Override
    public String typeName() {
        return "object, see `" + section.title() + "`";
    }

    @Override
    public String expected() {
        return "a map";
    }

    @Override
    public T read(Node node, String path, ParseContext ctx) {
        if (!(node instanceof MappingNode mapping)) {
            ctx.mismatch(node, path, expected());
            return null;
        }
        return assembler.assemble(Values.read(section, mapping, path, ctx));
    }

    @Override
    public T absent(String path, ParseContext ctx) {
        return defaultWhenAbsent ? assembler.assemble(Values.read(section, null, path, ctx)) : null;
    }

    @Override
    public List<Section> sections() {
        return List.of(section);
    }
}
