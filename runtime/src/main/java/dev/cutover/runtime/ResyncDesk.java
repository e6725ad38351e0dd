package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.condition.ConditionParser;
import dev.cutover.core.condition.RowCondition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.debezium.DebeziumCaptureSource;
import dev.cutover.debezium.ResyncProgress;
import dev.cutover.runtime.http.ResyncQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes resync requests to the capture that reads a binding's source table, and answers for
 * their progress. A one-way streamed binding is resynced from its source side; a two-way binding
 * from the legacy side, the arbiter of its conflicts (the copy then travels legacy to new like any
 * legacy change). Batch and {@code none} bindings have no capture to resync through. Thread-safe.
 */
final class ResyncDesk implements ResyncQueries {

    private final Map<String, BindingOptions> configured = new LinkedHashMap<>();
    private final Map<String, CompiledBinding> streamed = new LinkedHashMap<>();
    private final Map<SystemSide, CaptureSupervisor> captures;
    /** Which binding and side each resync id belongs to. */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    private record Route(String binding, SystemSide side) {
    }

    /**
     * @param configured every configured binding, synced or not
     * @param directions the compiled directions of the synced bindings
     * @param captures the running captures by the side they read
     */
    ResyncDesk(List<BindingOptions> configured, List<CompiledBinding> directions, Map<SystemSide, CaptureSupervisor> captures) {
        configured.forEach(b -> this.configured.put(b.name(), b));
        for (CompiledBinding d : directions) {
            if (!d.batched() && (!d.twoWay() || d.source() == BridgeRoles.ARBITER)) {
                streamed.put(d.name(), d);
            }
        }
        this.captures = captures;
    }

    @Override
    public Map<String, Object> request(String binding, String where) {
        BindingOptions options = configured.get(binding);
        if (options == null) {
            throw new IllegalArgumentException("no binding '" + binding + "'; the bindings are " + configured.keySet());
        }
        if (!options.synced()) {
            throw new IllegalArgumentException("binding '" + binding + "' has direction none: nothing syncs it, so there is nothing"
                    + " to resync (use `cutover verify` to compare its tables)");
        }
        if (options.batched()) {
            throw new IllegalArgumentException("binding '" + binding + "' is mode batch: it is copied on its schedule, not captured;"
                    + " a resync needs a streamed binding");
        }
        CompiledBinding direction = streamed.get(binding);
        DebeziumCaptureSource capture = direction == null || !captures.containsKey(direction.source()) ? null
                : captures.get(direction.source()).current();
        if (capture == null) {
            throw new IllegalStateException("binding '" + binding + "' has no running capture to resync through");
        }
        RowCondition condition = where == null || where.isBlank() ? null : ConditionParser.parse(where);
        ResyncProgress p = capture.requestResync(direction.sourceTable(), condition);
        routes.put(p.id(), new Route(binding, direction.source()));
        return document(p);
    }

    @Override
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> docs = new ArrayList<>();
        captures.values().forEach(c -> c.current().resyncs().stream().filter(p -> routes.containsKey(p.id())).map(this::document)
                .forEach(docs::add));
        docs.sort((a, b) -> String.valueOf(a.get("requestedAt")).compareTo(String.valueOf(b.get("requestedAt"))));
        return docs;
    }

    /**
     * For each captured system, the tables whose first load of existing rows runs (they cannot be
     * resynced yet), as {@code schema.table}; a system with none is left out.
     */
    Map<String, List<String>> loading() {
        Map<String, List<String>> doc = new LinkedHashMap<>();
        captures.forEach((side, capture) -> {
            List<String> tables = capture.current().loading().stream().map(Object::toString).sorted().toList();
            if (!tables.isEmpty()) {
                doc.put(side.label(), tables);
            }
        });
        return doc;
    }

    @Override
    public Optional<Map<String, Object>> show(String id) {
        Route route = routes.get(id);
        DebeziumCaptureSource capture = route == null || !captures.containsKey(route.side()) ? null
                : captures.get(route.side()).current();
        return capture == null ? Optional.empty() : capture.resync(id).map(this::document);
    }

    private Map<String, Object> document(ResyncProgress p) {
        Route route = routes.get(p.id());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", p.id());
        doc.put("binding", route == null ? null : route.binding());
        doc.put("system", route == null ? null : route.side().label());
        doc.put("table", p.table().toString());
        doc.put("condition", p.condition());
        doc.put("state", p.state().name());
        doc.put("rowsRead", p.rowsRead());
        doc.put("chunks", p.chunks());
        doc.put("requestedAt", String.valueOf(p.requestedAt()));
        doc.put("startedAt", p.startedAt() == null ? null : p.startedAt().toString());
        doc.put("finishedAt", p.finishedAt() == null ? null : p.finishedAt().toString());
        doc.put("message", p.message());
        return doc;
    }
}
