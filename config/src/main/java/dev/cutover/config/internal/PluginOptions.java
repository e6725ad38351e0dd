package dev.cutover.config.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code options} handed to a plugin class (a custom mapper or conflict resolver), with the
 * names whose values must never be printed: sensitive names, and values read from
 * {@code ${env:...}} or {@code ${file:...}}.
 */
record PluginOptions(Map<String, String> values, Set<String> hidden) {

    static PluginOptions of(Map<String, Text> configured) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> hidden = new LinkedHashSet<>();
        configured.forEach((name, text) -> {
            values.put(name, text.value());
            if (text.referenced() || Redaction.isSensitiveName(name)) {
                hidden.add(name);
            }
        });
        return new PluginOptions(values, hidden);
    }
}
