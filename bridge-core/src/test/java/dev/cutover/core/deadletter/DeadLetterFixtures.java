package dev.cutover.core.deadletter;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Changes of one target table keyed by {@code id}, and a ledger over an in-memory store. */
final class DeadLetterFixtures {

    static final String BINDING = "items";
    static final TableId TABLE = new TableId("public", "items");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:05Z"), ZoneOffset.UTC);
    private static final AtomicInteger POSITIONS = new AtomicInteger();

    private DeadLetterFixtures() {
    }

    /** An insert of row {@code id} with {@code qty}, at a later log position than every change made before. */
    static ChangeEvent insert(long id, int qty) {
        return ChangeEvent.create(SystemSide.LEGACY, TABLE, List.of("id"), RowImage.builder().put("id", id).put("qty", qty).build(),
                Instant.parse("2024-05-01T12:00:00Z"), next(), "tx");
    }

    /** An update of row {@code id} that carries only {@code qty} (its other columns were not logged). */
    static ChangeEvent partialUpdate(long id, int qty) {
        return ChangeEvent.update(SystemSide.LEGACY, TABLE, List.of("id"), null,
                RowImage.builder().put("id", id).put("qty", qty).build(), Instant.parse("2024-05-01T12:00:01Z"), next(), "tx");
    }

    static BlockKey key(long id) {
        return new BlockKey(BINDING, TABLE, RowImage.builder().put("id", id).build());
    }

    private static SourcePosition next() {
        return new SourcePosition("lsn", "0/" + Integer.toHexString(0x16B3700 + POSITIONS.incrementAndGet()));
    }

    /** Keeps what it is given, in order; fails the next store when told to. */
    static final class MemoryStore implements DeadLetterStore {
        final List<DeadLetterEntry> entries = new ArrayList<>();
        boolean failNext;

        @Override
        public void store(DeadLetterEntry entry) throws Exception {
            if (failNext) {
                failNext = false;
                throw new Exception("broker away");
            }
            entries.add(entry);
        }
    }

    /** A ledger over {@code store} that names dead letters dl-1, dl-2, ... */
    static DeadLetterLedger ledger(MemoryStore store, DeadLetterIndex index) {
        AtomicInteger ids = new AtomicInteger();
        return new DeadLetterLedger(store, index, (binding, stage, change) -> BlockKey.of(binding, change), CLOCK,
                () -> "dl-" + ids.incrementAndGet());
    }
}
