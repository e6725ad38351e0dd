package dev.cutover.runtime.conflict;

import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.HeldChange;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders conflicts as JSON-ready documents for {@code /conflicts} and {@code cutover conflicts}. */
public final class ConflictDocuments {

    private ConflictDocuments() {
    }

    /** One line of {@code list}: who, where, what kind, which key, what was decided. */
    static Map<String, Object> summary(ConflictRecord record, ConflictResolved resolved) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", record.id());
        doc.put("binding", record.conflict().binding());
        doc.put("target", record.conflict().target().label());
        doc.put("kind", record.conflict().kind().label());
        doc.put("key", render(record.key()).toString());
        doc.put("policy", record.policy().label());
        doc.put("decision", (resolved != null ? resolved.resolution() : record.resolution()).decision().label());
        doc.put("open", record.parked() && resolved == null);
        doc.put("detectedAt", record.detectedAt().toString());
        return doc;
    }

    /** Everything about one conflict: both images, the target's row, the decision and why, held changes. */
    static Map<String, Object> detail(ConflictRecord record, ConflictResolved resolved, List<HeldChange> held) {
        Map<String, Object> doc = summary(record, resolved);
        doc.put("table", record.conflict().change().table().toString());
        doc.put("incoming", change(record.conflict().change()));
        doc.put("current", render(record.conflict().current()));
        doc.put("reason", record.resolution().reason());
        if (resolved != null) {
            Map<String, Object> resolution = new LinkedHashMap<>();
            resolution.put("decision", resolved.resolution().decision().label());
            resolution.put("reason", resolved.resolution().reason());
            resolution.put("row", render(resolved.resolution().row()));
            resolution.put("resolvedAt", resolved.resolvedAt().toString());
            doc.put("resolution", resolution);
        }
        doc.put("held", held.stream().map(h -> {
            Map<String, Object> c = change(h.change());
            c.put("sequence", h.sequence());
            return c;
        }).toList());
        return doc;
    }

    /** A change as a document: origin, operation, both images, commit time and position. */
    public static Map<String, Object> change(ChangeEvent change) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("from", change.origin().label());
        doc.put("operation", change.operation().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("before", render(change.before()));
        doc.put("after", render(change.after()));
        doc.put("committedAt", change.commitTime().toString());
        doc.put("position", change.position().toString());
        return doc;
    }

    /** A row as column -> JSON value: numbers and booleans as they are, bytes as base64, the rest as text. */
    public static Map<String, Object> render(RowImage row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        row.asMap().forEach((column, value) -> doc.put(column, value == null || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Double
                || value instanceof Float || value instanceof String ? value
                : value instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : value.toString()));
        return doc;
    }
}
