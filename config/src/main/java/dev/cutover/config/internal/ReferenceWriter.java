package dev.cutover.config.internal;

import dev.cutover.config.Secret;
import dev.cutover.config.SecretResolver;
import dev.cutover.core.mapping.Conversion;
import dev.cutover.core.mapping.Conversions;

/**
 * Writes the Markdown configuration reference from the key declarations, so the reference and
 * the loader cannot disagree. Output depends only on the declarations: it is the same on every
 * run and platform. Stateless.
 */
public final class ReferenceWriter {

    private final StringBuilder out = new StringBuilder();

    private ReferenceWriter() {
    }

    /** The whole reference, ending with a line break. */
    public static String markdown() {
        ReferenceWriter w = new ReferenceWriter();
        RootSection.sections().forEach(w::section);
        w.conversions();
        w.references();
        return w.out.toString();
    }

    private void section(Section section) {
        out.append("### ").append(section == RootSection.SECTION ? "Top level" : "`" + section.title() + "`").append("\n\n");
        out.append(section.doc()).append("\n\n");
        out.append("| Key | Type | Default | Allowed values | Description |\n");
        out.append("| --- | --- | --- | --- | --- |\n");
        for (Key<?> key : section.keys()) {
            row("`" + key.name() + "`", key.type().typeName(), key.defaultDescription(), key.allowedDescription(), key.doc());
        }
        out.append('\n');
    }

    private void conversions() {
        out.append("### Built-in conversions\n\n");
        out.append("Names allowed in `").append(ColumnsType.CONVERT.name()).append("`.\n\n");
        out.append("| Name | Description |\n");
        out.append("| --- | --- |\n");
        for (String name : Conversions.names()) {
            row("`" + name + "`", Conversions.find(name).map(Conversion::description).orElseThrow());
        }
        out.append('\n');
    }

    private void references() {
        out.append("### References and secrets\n\n");
        out.append("Wherever a string is allowed, `${").append(SecretResolver.ENV).append(":NAME}` is replaced by the ")
                .append("environment variable `NAME` and `${").append(SecretResolver.FILE).append(":path}` by the ")
                .append("content of the file at `path` (relative to the configuration file's directory, trailing line ")
                .append("breaks removed); `$${` writes a literal `${`. A missing variable or file is reported with ")
                .append("its key. Passwords, credentials in JDBC URLs, and Kafka properties, mapper options and ")
                .append("conflict resolver options whose key contains password, secret, jaas or credentials or ")
                .append("whose value comes from a reference are shown as `").append(Secret.HIDDEN)
                .append("` in the log; error messages quote values as the file spells them and never quote a password.\n");
    }

    private void row(String... cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.isEmpty() ? " " : escape(cell)).append(" |");
        }
        out.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
