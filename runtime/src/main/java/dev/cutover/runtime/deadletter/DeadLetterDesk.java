package dev.cutover.runtime.deadletter;

import dev.cutover.core.deadletter.DeadLetterEntry;
import dev.cutover.core.deadletter.DeadLetterEntry.Closed;
import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.deadletter.DeadLetterEntry.Outcome;
import dev.cutover.core.deadletter.DeadLetterEntry.Released;
import dev.cutover.core.deadletter.DeadLetterIndex;
import dev.cutover.core.deadletter.DeadLetterLedger;
import dev.cutover.core.deadletter.DeadLetterStore;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.ChangeApplier;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.runtime.http.DeadLetterQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's dead letters in one place: answers queries from the {@link DeadLetterLedger}'s
 * index and carries out a person's replay or discard through the target's applier.
 *
 * <p>Replay applies the dead letter's change again (one that failed to map goes through the
 * binding's <em>current</em> mapping, which the person may have fixed and restarted with), then each
 * change held behind it, in order. Each step is recorded only after the target committed it
 * ({@code closed}, then one {@code released} per held change), so a crash in between repeats the
 * step rather than skipping it; the repeat is harmless as applying is idempotent and the later
 * changes of the row are still held. A change refused again (or not mappable) becomes the open dead
 * letter: its own record follows the first and takes the rest of the queue, in order. Discard
 * records {@code closed} first (the change stays recorded) and then releases the held changes in
 * the same way.
 *
 * <p>Why the row's later changes wait at all: see {@link DeadLetterLedger}. Thread-safe: replays and
 * discards are serialized; the apply loops keep running meanwhile and hold new changes of a row
 * behind its dead letter until the last held change is released.
 */
public final class DeadLetterDesk implements DeadLetterQueries {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDesk.class);

    private final DeadLetterLedger ledger;
    private final TargetKeys keys;
    private volatile Set<String> bindings;
    private final Map<SystemSide, ChangeApplier> appliers = new EnumMap<>(SystemSide.class);
    private final PipelineListener listener;

    /**
     * @param ledger the dead-letter log, read back at start
     * @param keys maps captured changes through each binding's current mapping
     * @param bindings the synced bindings' names
     * @param listener told of changes applied by a replay, and of dead letters it opens
     */
    DeadLetterDesk(DeadLetterLedger ledger, TargetKeys keys, Set<String> bindings, PipelineListener listener) {
        this.ledger = ledger;
        this.keys = keys;
        this.bindings = Set.copyOf(bindings);
        this.listener = listener;
    }

    /**
     * One direction of a synced binding as the desk needs it (a two-way binding has two).
     *
     * @param name the binding's name
     * @param mapping its current mapping
     * @param source the side it captures (or copies); the other side is written
     */
    public record Binding(String name, TableMapping mapping, SystemSide source) {
    }

    /**
     * A desk whose state is what {@code log} leaves.
     *
     * @param log every entry of the dead-letter log, in the order stored
     * @param store where new entries go
     * @param bindings every direction of the synced bindings
     * @param listener told of replayed changes
     */
    public static DeadLetterDesk create(List<DeadLetterEntry> log, DeadLetterStore store, List<Binding> bindings,
            PipelineListener listener, Clock clock) {
        DeadLetterIndex index = new DeadLetterIndex();
        log.forEach(index::add);
        Map<String, List<TargetKeys.Route>> routes = routes(bindings);
        TargetKeys keys = new TargetKeys(routes);
        DeadLetterLedger ledger = new DeadLetterLedger(store, index, keys, clock,
                () -> "dl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        return new DeadLetterDesk(ledger, keys, routes.keySet(), listener);
    }

    /**
     * Serves the bindings of a reloaded configuration from now on; the dead letters stay, those of
     * a removed binding listed until it is added again or they are resolved.
     */
    public void rebind(List<Binding> next) {
        Map<String, List<TargetKeys.Route>> routes = routes(next);
        keys.replace(routes);
        bindings = Set.copyOf(routes.keySet());
    }

    private static Map<String, List<TargetKeys.Route>> routes(List<Binding> bindings) {
        Map<String, List<TargetKeys.Route>> routes = new LinkedHashMap<>();
        bindings.forEach(b -> routes.computeIfAbsent(b.name(), n -> new ArrayList<>()).add(new TargetKeys.Route(b.mapping(), b.source())));
        return routes;
    }

    /** Lets replays of the bindings writing {@code side} go through {@code applier}. */
    public synchronized void serve(SystemSide side, ChangeApplier applier) {
        appliers.put(side, applier);
    }

    /** The ledger the capture and the appliers park changes with. */
    public DeadLetterLedger ledger() {
        return ledger;
    }

    /** The number of open dead letters of {@code binding}. */
    public int openCount(String binding) {
        return ledger.read(index -> index.openByBinding().getOrDefault(binding, 0));
    }

    @Override
    public List<Map<String, Object>> list(boolean openOnly, String binding) {
        return ledger.read(index -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DeadLetter d : openOnly ? index.active() : index.all()) {
                if (binding == null || binding.equals(d.binding())) {
                    rows.add(DeadLetterDocuments.summary(d, index.status(d.id()), index.held(d.id()).size()));
                }
            }
            return rows;
        });
    }

    @Override
    public Optional<Map<String, Object>> show(String id) {
        return ledger.read(index -> index.get(id).map(d -> DeadLetterDocuments.detail(d, index.status(id), index.held(id))));
    }

    @Override
    public synchronized Map<String, Object> replay(String id) throws Exception {
        DeadLetter d = active(id);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("id", id);
        boolean open = ledger.read(index -> index.status(id)) == DeadLetterIndex.Status.OPEN;
        if (open) {
            if (d.change() == null) {
                throw new IllegalStateException("dead letter " + id + " cannot be replayed: it was stored without its change (" + d.reason()
                        + "); discard it once the row is fixed by hand");
            }
            String refused = applyAgain(d.binding(), d.unmapped(), d.change());
            if (refused != null) {
                LOG.warn("Replay of dead letter {} (binding '{}'): refused again: {}", id, d.binding(), refused);
                done.put("outcome", "refused");
                done.put("reason", refused);
                done.put("held", ledger.read(index -> index.held(id).size()));
                return done;
            }
            ledger.record(new Closed(id, Outcome.REPLAYED, ledger.clock().instant()));
        }
        LOG.info("Dead letter {} of binding '{}' {}", id, d.binding(), open ? "replayed" : "closed before: applying what is still held");
        // "resumed": closed by an earlier replay or discard that a crash cut short before its held changes were all applied
        done.put("outcome", open ? Outcome.REPLAYED.label() : "resumed");
        done.putAll(releaseHeld(d));
        return done;
    }

    @Override
    public synchronized Map<String, Object> replayBinding(String binding) throws Exception {
        if (!bindings.contains(binding)) {
            throw new NoSuchElementException("no synced binding '" + binding + "' (bindings: " + bindings + ")");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> ids = ledger.read(index -> index.active().stream().filter(d -> d.binding().equals(binding))
                .map(DeadLetter::id).toList());
        for (String id : ids) {
            DeadLetter d = active(id);
            if (d.change() == null && ledger.read(index -> index.status(id)) == DeadLetterIndex.Status.OPEN) {
                results.add(Map.of("id", id, "outcome", "skipped", "reason", "stored without its change; discard it"));
                continue;
            }
            results.add(replay(id));
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("binding", binding);
        done.put("replayed", results);
        return done;
    }

    @Override
    public synchronized Map<String, Object> discard(String id) throws Exception {
        DeadLetter d = active(id);
        if (ledger.read(index -> index.status(id)) == DeadLetterIndex.Status.OPEN) {
            ledger.record(new Closed(id, Outcome.DISCARDED, ledger.clock().instant()));
            LOG.info("Dead letter {} of binding '{}' discarded; its change stays recorded", id, d.binding());
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("id", id);
        done.put("outcome", Outcome.DISCARDED.label());
        done.putAll(releaseHeld(d));
        return done;
    }

    /** The dead letter {@code id} while it needs a person, else why not. */
    private DeadLetter active(String id) {
        return ledger.read(index -> {
            DeadLetter d = index.get(id).orElseThrow(() -> new NoSuchElementException("no dead letter with id '" + id + "'"));
            if (!index.active(id)) {
                throw new IllegalStateException("dead letter " + id + " is closed (" + index.status(id).name().toLowerCase(java.util.Locale.ROOT)
                        + ") and no change waits behind it");
            }
            return d;
        });
    }

    /**
     * Applies the changes held behind {@code d} in order, each recorded as released once committed;
     * stops at one refused again, which becomes the open dead letter.
     */
    private Map<String, Object> releaseHeld(DeadLetter d) throws Exception {
        int released = 0;
        Map<String, Object> done = new LinkedHashMap<>();
        while (true) {
            List<HeldBehind> held = ledger.read(index -> index.held(d.id()));
            if (held.isEmpty()) {
                break;
            }
            HeldBehind next = held.get(0);
            String refused = applyAgain(d.binding(), next.unmapped(), next.change());
            if (refused != null) {
                String id = ledger.newId();
                ledger.record(new DeadLetter(id, d.binding(), next.unmapped() ? DeadLetterEntry.STAGE_MAP : DeadLetterEntry.STAGE_APPLY,
                        next.change(), refused, ledger.clock().instant(), d.blocks(), d.id(), next.sequence()));
                listener.onDeadLettered(d.binding(), next.stage());
                LOG.warn("Held change {} behind dead letter {} (binding '{}') refused: it is dead letter {} now, with {} change(s) "
                        + "behind it", next.sequence(), d.id(), d.binding(), id, held.size() - 1);
                done.put("nowOpen", id);
                done.put("reason", refused);
                break;
            }
            ledger.record(new Released(d.id(), next.sequence(), ledger.clock().instant()));
            released++;
        }
        done.put("heldApplied", released);
        return done;
    }

    /**
     * Applies one change (mapped first when {@code unmapped}) at the binding's target.
     *
     * @return null when committed, else why it was refused
     */
    private String applyAgain(String binding, boolean unmapped, ChangeEvent change) throws Exception {
        TargetKeys.Route route = keys.route(binding, change, unmapped);
        if (route == null) {
            throw new IllegalStateException("binding '" + binding + "' does not sync table " + change.table() + " now");
        }
        ChangeEvent target;
        try {
            target = unmapped ? route.map(change) : change;
        } catch (MappingException e) {
            return e.getMessage();
        }
        ChangeApplier applier = appliers.get(route.source().opposite());
        if (applier == null) {
            throw new IllegalStateException("no applier writes binding '" + binding + "' in this bridge now");
        }
        ApplyResult result = applier.apply(List.of(target));
        if (!result.rejected().isEmpty()) {
            return result.rejected().get(0).reason();
        }
        for (ChangeEvent applied : result.applied()) {
            listener.onApplied(binding, applied, Duration.between(applied.commitTime(), result.commitTime()));
        }
        return null;
    }
}
