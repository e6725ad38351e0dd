package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.ResyncProgress;
import dev.cutover.debezium.ResyncProgress.State;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The resyncs a capture was asked for and their progress, followed from Debezium's notifications
 * and from the rows the loads deliver. Debezium's notifications name tables, not signals, so a
 * notification counts for the oldest resync of its table that is not done; a capture allows one
 * unfinished resync per table, and none while the table's first load of existing rows runs (that
 * load's notifications name the same table), so that is never ambiguous.
 *
 * <p>Progress is kept in memory: after a restart Debezium resumes an unfinished resync from its
 * stored position by itself, but it is no longer listed here.
 *
 * <p>Thread-safe: the engine's polling thread reports, any thread reads.
 */
public final class Resyncs {

    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<TableId> loading = new LinkedHashSet<>();
    private volatile boolean streaming;

    public Resyncs(Clock clock) {
        this.clock = clock;
    }

    /** The capture demonstrably streams: a signal written now will be read. */
    void markStreaming() {
        streaming = true;
    }

    /** The first load of these tables' existing rows was requested; until it ends they cannot be resynced. */
    synchronized void loadRequested(Collection<TableId> tables) {
        loading.addAll(tables);
    }

    /** The tables whose first load of existing rows this capture requested and that has not ended yet. */
    public synchronized Set<TableId> loading() {
        return Set.copyOf(loading);
    }

    /** True once the capture streams. */
    public boolean streaming() {
        return streaming;
    }

    /**
     * Records a requested resync.
     *
     * @throws IllegalStateException when a resync of the table is not done yet, naming it
     */
    public synchronized ResyncProgress add(String id, TableId table, String condition) {
        if (loading.contains(table)) {
            throw new IllegalStateException("the existing rows of table " + table + " are still being loaded for the first time;"
                    + " request the resync once that load finished");
        }
        Optional<Entry> open = active(table);
        if (open.isPresent()) {
            throw new IllegalStateException("resync " + open.get().id + " of table " + table + " is still " + open.get().state
                    + "; wait for it to finish before requesting another resync of that table");
        }
        Entry e = new Entry(id, table, condition, clock.instant());
        entries.put(id, e);
        return e.snapshot();
    }

    /** Forgets a resync whose signal could not be written. */
    public synchronized void remove(String id) {
        entries.remove(id);
    }

    /** Every resync, oldest first. */
    public synchronized List<ResyncProgress> list() {
        return entries.values().stream().map(Entry::snapshot).toList();
    }

    /** The resync with this id. */
    public synchronized Optional<ResyncProgress> get(String id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::snapshot);
    }

    /** Counts a chunk the bulk copy of resync {@code id} wrote, of {@code rows} rows. */
    public synchronized void onChunkCopied(String id, long rows) {
        Entry e = entries.get(id);
        if (e != null && !e.state.done()) {
            e.start(clock.instant());
            e.rowsRead += rows;
            e.chunks++;
        }
    }

    /** Ends resync {@code id} as {@code state} (final), for {@code why}; an ended resync stays as it ended. */
    public synchronized void ended(String id, State state, String why) {
        Entry e = entries.get(id);
        if (e != null && !e.state.done()) {
            e.end(state, clock.instant(), why);
        }
    }

    /** Counts the rows a load delivered from {@code table}. */
    synchronized void onRead(TableId table, long rows) {
        active(table).ifPresent(e -> {
            e.start(clock.instant());
            e.rowsRead += rows;
        });
    }

    /**
     * Follows a notification.
     *
     * @return true when it reports the end of a resync's table scan: a failed scan is then the
     *     resync's failure, not the capture's
     */
    synchronized boolean onNotification(LoadNotification n) {
        Instant now = clock.instant();
        switch (n.status()) {
            case STARTED -> named(n.tables()).forEach(e -> e.start(now));
            case IN_PROGRESS -> inProgress(n).ifPresent(e -> {
                e.start(now);
                e.chunks++;
            });
            case TABLE_SCAN_COMPLETED -> {
                if (loading.removeIf(t -> (t.schema() + "." + t.table()).equals(n.scannedTable()))) {
                    // The end of a first load, which no resync of the table can overlap.
                    return false;
                }
                Optional<Entry> e = byName(n.scannedTable());
                e.ifPresent(entry -> entry.end(n.scanComplete() ? State.FINISHED : State.FAILED, now, n.scanComplete()
                        ? "Debezium read " + n.rowsScanned() + " rows"
                        : "Debezium gave up reading the table (" + n.scanOutcome() + ") after " + n.rowsScanned()
                                + " rows; see the capture's log for the cause"));
                return e.isPresent();
            }
            case ABORTED -> {
                loading.clear();
                (n.tables().isBlank() ? entries.values().stream().filter(x -> !x.state.done()).toList()
                    : named(n.tables())).forEach(e -> e.end(State.ABORTED, now, "stopped by a stop-snapshot signal"));
            }
            case COMPLETED -> loading.clear();
            default -> {
                // PAUSED, RESUMED, chunk notices: nothing that changes a resync.
            }
        }
        return false;
    }

    private Optional<Entry> inProgress(LoadNotification n) {
        return byName(n.data().get("current_collection_in_progress"));
    }

    private List<Entry> named(String tables) {
        Set<String> names = Arrays.stream(tables.split(",")).map(String::strip).collect(Collectors.toSet());
        List<Entry> found = new ArrayList<>();
        for (String name : names) {
            byName(name).ifPresent(found::add);
        }
        return found;
    }

    private Optional<Entry> byName(String schemaDotTable) {
        if (schemaDotTable == null) {
            return Optional.empty();
        }
        return entries.values().stream().filter(e -> !e.state.done())
                .filter(e -> (e.table.schema() + "." + e.table.table()).equals(schemaDotTable)).findFirst();
    }

    private Optional<Entry> active(TableId table) {
        return entries.values().stream().filter(e -> !e.state.done() && e.table.equals(table)).findFirst();
    }

    /** One resync's mutable progress; guarded by the enclosing instance. */
    private static final class Entry {
        final String id;
        final TableId table;
        final String condition;
        final Instant requestedAt;
        State state = State.REQUESTED;
        long rowsRead;
        long chunks;
        Instant startedAt;
        Instant finishedAt;
        String message;

        Entry(String id, TableId table, String condition, Instant requestedAt) {
            this.id = id;
            this.table = table;
            this.condition = condition;
            this.requestedAt = requestedAt;
        }

        void start(Instant now) {
            if (state == State.REQUESTED) {
                state = State.RUNNING;
                startedAt = now;
            }
        }

        void end(State end, Instant now, String why) {
            start(now);
            state = end;
            finishedAt = now;
            message = why;
        }

        ResyncProgress snapshot() {
            return new ResyncProgress(id, table, condition, state, rowsRead, chunks, requestedAt, startedAt, finishedAt, message);
        }
    }
}
