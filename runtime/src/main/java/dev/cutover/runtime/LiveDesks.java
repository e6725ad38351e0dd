package dev.cutover.runtime;

import dev.cutover.runtime.http.BindingQueries;
import dev.cutover.runtime.http.ConflictQueries;
import dev.cutover.runtime.http.DeadLetterQueries;
import dev.cutover.runtime.http.HistoryQueries;
import dev.cutover.runtime.http.ResyncQueries;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What HTTP asks of the bridge, answered by whichever pipeline runs at the moment of the request:
 * a reload replaces the pipeline while the endpoints stay up. A desk the running pipeline does not
 * have (no two-way binding, nothing synced) answers 404 saying why.
 */
final class LiveDesks {

    private final Supplier<Pipeline> pipeline;

    /** @param pipeline the pipeline running now; null while none does */
    LiveDesks(Supplier<Pipeline> pipeline) {
        this.pipeline = pipeline;
    }

    private <T> T desk(Function<Pipeline, T> desk, String missing) {
        Pipeline p = pipeline.get();
        T found = p == null ? null : desk.apply(p);
        if (found == null) {
            throw new NoSuchElementException(missing);
        }
        return found;
    }

    ConflictQueries conflicts() {
        String missing = "this bridge has no two-way binding, so it has no conflicts";
        return new ConflictQueries() {
            @Override
            public List<Map<String, Object>> list(boolean openOnly, String binding) {
                return desk(Pipeline::conflicts, missing).list(openOnly, binding);
            }

            @Override
            public Optional<Map<String, Object>> show(String id) {
                return desk(Pipeline::conflicts, missing).show(id);
            }

            @Override
            public Map<String, Object> resolve(String id, String use, Map<String, Object> row) throws Exception {
                return desk(Pipeline::conflicts, missing).resolve(id, use, row);
            }
        };
    }

    DeadLetterQueries deadLetters() {
        String missing = "this bridge syncs no table (every binding has direction none), so it has no dead letters";
        return new DeadLetterQueries() {
            @Override
            public List<Map<String, Object>> list(boolean openOnly, String binding) {
                return desk(Pipeline::deadLetters, missing).list(openOnly, binding);
            }

            @Override
            public Optional<Map<String, Object>> show(String id) {
                return desk(Pipeline::deadLetters, missing).show(id);
            }

            @Override
            public Map<String, Object> replay(String id) throws Exception {
                return desk(Pipeline::deadLetters, missing).replay(id);
            }

            @Override
            public Map<String, Object> replayBinding(String binding) throws Exception {
                return desk(Pipeline::deadLetters, missing).replayBinding(binding);
            }

            @Override
            public Map<String, Object> discard(String id) throws Exception {
                return desk(Pipeline::deadLetters, missing).discard(id);
            }
        };
    }

    ResyncQueries resyncs() {
        String missing = "the bridge is not running";
        return new ResyncQueries() {
            @Override
            public Map<String, Object> request(String binding, String where) {
                return desk(Pipeline::resyncs, missing).request(binding, where);
            }

            @Override
            public List<Map<String, Object>> list() {
                return desk(Pipeline::resyncs, missing).list();
            }

            @Override
            public Optional<Map<String, Object>> show(String id) {
                return desk(Pipeline::resyncs, missing).show(id);
            }
        };
    }

    HistoryQueries history() {
        return binding -> desk(Pipeline::history, "this bridge keeps no history: every binding has direction none, so it runs no Kafka"
                + " to keep it on").list(binding);
    }

    BindingQueries bindings() {
        String missing = "the bridge is not running";
        return new BindingQueries() {
            @Override
            public Map<String, Object> pause(String binding) {
                return desk(Pipeline::bindingControl, missing).pause(binding);
            }

            @Override
            public Map<String, Object> resume(String binding) {
                return desk(Pipeline::bindingControl, missing).resume(binding);
            }
        };
    }
}
