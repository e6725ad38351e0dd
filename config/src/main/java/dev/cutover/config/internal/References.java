package dev.cutover.config.internal;

import dev.cutover.config.SecretResolutionException;
import dev.cutover.config.SecretResolver;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Resolves {@code ${scheme:argument}} references inside a string; {@code $${} is a literal
 * {@code ${}. Problems name the reference as written, never its value. Stateless.
 */
final class References {

    private static final String HOW = "write ${env:NAME} or ${file:path}, or $${ for a literal ${";

    private References() {
    }

    /** The node's text with every reference resolved, or null after reporting each failure. */
    static Text resolve(ScalarNode node, String path, ParseContext ctx, SecretResolver resolver) {
        String raw = node.getValue();
        StringBuilder out = new StringBuilder(raw.length());
        boolean referenced = false;
        boolean failed = false;
        int from = 0;
        while (from < raw.length()) {
            int at = raw.indexOf("${", from);
            if (at < 0) {
                out.append(raw, from, raw.length());
                break;
            }
            if (at > from && raw.charAt(at - 1) == '$') {
                out.append(raw, from, at - 1).append("${");
                from = at + 2;
                continue;
            }
            out.append(raw, from, at);
            int end = raw.indexOf('}', at + 2);
            if (end < 0) {
                ctx.problem(node, path, "unterminated reference '" + raw.substring(at) + "'; " + HOW);
                return null;
            }
            String body = raw.substring(at + 2, end);
            int colon = body.indexOf(':');
            if (colon <= 0) {
                ctx.problem(node, path, "unsupported reference '${" + body + "}'; " + HOW);
                failed = true;
            } else {
                try {
                    out.append(resolver.resolve(body.substring(0, colon), body.substring(colon + 1), ctx.baseDirectory()));
                    referenced = true;
                } catch (SecretResolutionException e) {
                    ctx.problem(node, path, "cannot resolve ${" + body + "}: " + e.getMessage());
                    failed = true;
                }
            }
            from = end + 1;
        }
        return failed ? null : new Text(out.toString(), referenced);
    }
}
