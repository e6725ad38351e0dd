package dev.cutover.runtime.deadletter;

import dev.cutover.core.deadletter.BlockKey;
import dev.cutover.core.deadletter.DeadLetterEntry;
import dev.cutover.core.deadletter.DeadLetterLedger;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.TableMapping;
import java.util.List;
import java.util.Map;

/**
 * Tells the target row a parked change blocks, and maps captured changes through each binding's
 * current mapping. A change parked after mapping ({@code encode}, {@code publish}, {@code apply}) is
 * in the target's terms already. One that failed to map is in the captured table's terms: its key
 * alone is mapped through the binding's key columns (a key that cannot be mapped blocks nothing;
 * such a change is still parked, and later changes of the row flow as they did before). A two-way
 * binding has a route per direction; the change's table tells which. Thread-safe: a reload
 * replaces the routes as a whole.
 */
final class TargetKeys implements DeadLetterLedger.KeyResolver {

    /** One direction of a binding: its mapping and the side it captures. */
    record Route(TableMapping mapping, SystemSide source) {

        TableId sourceTable() {
            return (source == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema()).table();
        }

        TableId targetTable() {
            return (source == SystemSide.LEGACY ? mapping.newSchema() : mapping.legacySchema()).table();
        }

        ChangeEvent map(ChangeEvent captured) throws MappingException {
            return source == SystemSide.LEGACY ? mapping.toNew(captured) : mapping.toLegacy(captured);
        }
    }

    private volatile Map<String, List<Route>> routes;

    TargetKeys(Map<String, List<Route>> routes) {
        this.routes = Map.copyOf(routes);
    }

    /** From now on, maps through {@code next}: the bindings of a reloaded configuration. */
    void replace(Map<String, List<Route>> next) {
        this.routes = Map.copyOf(next);
    }

    @Override
    public BlockKey blockKey(String binding, String stage, ChangeEvent change) {
        if (!DeadLetterEntry.STAGE_MAP.equals(stage)) {
            return BlockKey.of(binding, change);
        }
        Route route = route(binding, change, true);
        if (route == null) {
            return null;
        }
        try {
            // A delete carrying only the key maps the key columns and nothing else.
            return BlockKey.of(binding, route.map(ChangeEvent.delete(change.origin(), change.table(), change.keyColumns(), change.key(),
                    change.commitTime(), change.position(), change.transactionId())));
        } catch (MappingException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The direction of {@code binding} that {@code change} belongs to: the one capturing its table
     * when {@code unmapped}, else the one writing it; null when the bridge syncs no such direction now.
     */
    Route route(String binding, ChangeEvent change, boolean unmapped) {
        for (Route route : routes.getOrDefault(binding, List.of())) {
            if ((unmapped ? route.sourceTable() : route.targetTable()).equals(change.table())) {
                return route;
            }
        }
        return null;
    }
}
