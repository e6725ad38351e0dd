package dev.cutover.runtime.deadletter;

import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.deadletter.DeadLetterIndex;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.runtime.conflict.ConflictDocuments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders dead letters as JSON-ready documents for {@code /deadletters} and {@code cutover deadletters}. */
final class DeadLetterDocuments {

    private DeadLetterDocuments() {
    }

    /** One line of {@code list}: id, binding, stage, table, key, status, held count, reason, time. */
    static Map<String, Object> summary(DeadLetter d, DeadLetterIndex.Status status, int held) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", d.id());
        doc.put("binding", d.binding());
        doc.put("stage", d.stage());
        doc.put("table", d.blocks() != null ? d.blocks().table().toString() : d.change() != null ? d.change().table().toString() : null);
        doc.put("key", d.blocks() != null ? ConflictDocuments.render(d.blocks().key()).toString()
                : d.change() != null ? ConflictDocuments.render(d.change().key()).toString() : null);
        doc.put("status", status.name().toLowerCase(Locale.ROOT));
        doc.put("open", status == DeadLetterIndex.Status.OPEN || held > 0);
        doc.put("held", held);
        doc.put("replayable", d.change() != null);
        doc.put("reason", d.reason());
        doc.put("parkedAt", d.parkedAt().toString());
        if (d.follows() != null) {
            doc.put("follows", d.follows());
        }
        return doc;
    }

    /** Everything about one dead letter: the summary, its change and the changes held behind it. */
    static Map<String, Object> detail(DeadLetter d, DeadLetterIndex.Status status, List<HeldBehind> held) {
        Map<String, Object> doc = summary(d, status, held.size());
        doc.put("change", d.change() == null ? null : change(d.change()));
        doc.put("heldChanges", held.stream().map(h -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("sequence", h.sequence());
            c.put("stage", h.stage());
            c.put("heldAt", h.heldAt().toString());
            c.putAll(change(h.change()));
            return c;
        }).toList());
        return doc;
    }

    /** A change as {@code show} prints it: table, operation, key, both images, commit time, position. */
    private static Map<String, Object> change(ChangeEvent change) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("table", change.table().toString());
        doc.put("key", ConflictDocuments.render(change.key()));
        doc.putAll(ConflictDocuments.change(change));
        return doc;
    }
}
