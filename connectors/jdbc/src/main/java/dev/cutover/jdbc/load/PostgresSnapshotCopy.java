package dev.cutover.jdbc.load;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.ResultRows;
import dev.cutover.jdbc.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Copies a PostgreSQL table's rows as of one snapshot into a PostgreSQL table with {@code COPY},
 * chunk by chunk, each chunk read with {@code COPY … TO STDOUT} and passed through or mapped by
 * {@link CopyTextRows} (row by row through the driver where its text cannot be read back for
 * sure). The snapshot is exported by a
 * transaction kept open for the whole copy ({@link Snapshot}); each chunk is a range of the
 * table's pages (a TID range scan reads just those pages) read in a transaction of its own set to
 * that snapshot, so chunks run in parallel and together hold exactly the rows the snapshot sees.
 * Each chunk's rows go into the target in one {@code COPY}, committed or not at all, streamed in
 * slices so memory stays bounded whatever the chunk's size; into a target that holds rows, through
 * a temporary table and an upsert.
 */
public final class PostgresSnapshotCopy implements SnapshotCopy {

    /** Pages per chunk: 8 MiB of table, so a large table gives every worker many chunks and a small one a single chunk. */
    private static final long PAGES_PER_CHUNK = 1_024;

    /** Rows fetched per round trip while a chunk is read. */
    private static final int FETCH_SIZE = 5_000;
    /** COPY text sent to the target per write, in bytes (characters on the row-by-row path). */
    private static final int SLICE_BYTES = 1 << 20;

    /**
     * A range of a table's pages: {@code [from, to)}, open-ended when {@code to} is negative; of
     * its rows, those {@code condition} selects (SQL of the source database, null for all).
     */
    public record PageRange(long from, long to, String condition) {

        public PageRange(long from, long to) {
            this(from, to, null);
        }

        /** The rows of this range that {@code rows} selects (SQL of the source database); this range for null. */
        public PageRange where(String rows) {
            return rows == null ? this : new PageRange(from, to, rows);
        }

        String predicate() {
            String lower = "ctid >= '(" + from + ",0)'::tid";
            String range = to < 0 ? lower : lower + " AND ctid < '(" + to + ",0)'::tid";
            return condition == null ? range : range + " AND (" + condition + ")";
        }
    }

    /** An exported snapshot, held by its open transaction until closed. */
    public static final class Snapshot implements AutoCloseable {
        private final Connection holder;
        private final String id;

        private Snapshot(Connection holder, String id) {
            this.holder = holder;
            this.id = id;
        }

        /** The snapshot's identifier, for {@code SET TRANSACTION SNAPSHOT}. */
        public String id() {
            return id;
        }

        @Override
        public void close() throws SQLException {
            try {
                holder.rollback();
            } finally {
                holder.close();
            }
        }
    }

    private final JdbcConnectionFactory source;
    private final PostgresCopyTarget into;
    private final RowRate rate;

    public PostgresSnapshotCopy(JdbcConnectionFactory source, JdbcConnectionFactory target) {
        this(source, target, RowRate.UNLIMITED);
    }

    /** Reads at most as fast as {@code rate} allows, over every chunk copied with it. */
    public PostgresSnapshotCopy(JdbcConnectionFactory source, JdbcConnectionFactory target, RowRate rate) {
        this.source = source;
        this.into = new PostgresCopyTarget(target);
        this.rate = rate;
    }

    /** Exports a snapshot of the source database: every chunk read with it sees the same rows. */
    public Snapshot exportSnapshot() throws SQLException {
        Connection c = source.open();
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                return new Snapshot(c, rs.getString(1));
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * The page ranges to read {@code table} in, {@code pagesPerChunk} pages each; the last one is
     * open-ended, so pages added since the size was read are read too (their rows are newer than
     * the snapshot, so none of them is seen).
     */
    public List<PageRange> chunks(TableSchema table, long pagesPerChunk) throws SQLException {
        long pages;
        try (Connection c = source.open(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::bigint")) {
            ps.setString(1, source.dialect().qualifiedName(table.table()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pages = rs.getLong(1);
            }
        }
        List<PageRange> ranges = new ArrayList<>();
        for (long from = 0; from + pagesPerChunk < pages; from += pagesPerChunk) {
            ranges.add(new PageRange(from, from + pagesPerChunk));
        }
        ranges.add(new PageRange(ranges.isEmpty() ? 0 : ranges.get(ranges.size() - 1).to(), -1));
        return ranges;
    }

    /** {@inheritDoc} Under one exported snapshot, one page range ({@value #PAGES_PER_CHUNK} pages) per piece. */
    @Override
    public long copy(TableSchema from, TableSchema to, String condition, RowMapping mapping, boolean merge, ExecutorService workers,
            LongConsumer copied) throws Exception {
        try (Snapshot snapshot = exportSnapshot()) {
            List<Future<Long>> chunks = new ArrayList<>();
            for (PageRange range : chunks(from, PAGES_PER_CHUNK)) {
                chunks.add(workers.submit(() -> {
                    long rows = copyChunk(snapshot, from, range.where(condition), to, mapping, merge);
                    copied.accept(rows);
                    return rows;
                }));
            }
            return Pieces.sum(chunks);
        }
    }

    @Override
    public boolean targetEmpty(TableSchema table) throws SQLException {
        return into.empty(table);
    }

    /**
     * Copies the rows of {@code range} of the source table as {@code snapshot} sees them into the
     * target table through {@code mapping}: all of them or, on any failure, none. Into a target
     * that held no rows when the copy began, one {@code COPY}; with {@code merge}, the chunk is
     * copied into a temporary table and upserted from there, so a row the target holds already
     * takes the snapshot's version.
     *
     * @return how many rows were copied
     * @throws Exception what reading, the mapping or the target threw; nothing of the chunk is written then
     */
    public long copyChunk(Snapshot snapshot, TableSchema from, PageRange range, TableSchema to, RowMapping mapping, boolean merge)
            throws Exception {
        try (Connection reader = source.open()) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            reader.setReadOnly(true);
            try (Statement s = reader.createStatement()) {
                s.execute("SET TRANSACTION SNAPSHOT '" + snapshot.id().replace("'", "''") + "'");
                // the spellings CopyTextValues reads; values taken as is read the same in any target session
                s.execute("SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'; SET LOCAL bytea_output = 'hex';"
                        + " SET LOCAL extra_float_digits = 3");
            }
            long rows = into.write(to, merge, (writer, table) -> copyInto(reader, from, range, table, to.columns(), writer, mapping));
            reader.rollback();
            return rows;
        }
    }

    /**
     * Copies the chunk into {@code into}: as the source's COPY text when every field reads back
     * exactly ({@link CopyTextRows}), otherwise row by row through the driver. A chunk the text
     * path gives up on leaves nothing behind (its COPY cancelled, in a merge rolled back to a
     * savepoint) and is copied again row by row.
     */
    private long copyInto(Connection reader, TableSchema from, PageRange range, TableId table, List<ColumnDef> targetColumns,
            Connection writer, RowMapping mapping) throws Exception {
        Savepoint beforeText = writer.getAutoCommit() ? null : writer.setSavepoint();
        try {
            return into.copyIn(writer, table, targetColumns, in -> copyAsText(reader, from, range, targetColumns, mapping, in));
        } catch (UnreadableTextException e) {
            if (beforeText != null) {
                writer.rollback(beforeText);
            }
            return into.copyIn(writer, table, targetColumns, in -> copyRowByRow(reader, from, range, targetColumns, mapping.mapper(), in));
        }
    }

    /**
     * Reads the chunk with {@code COPY (SELECT ...) TO STDOUT} and writes each row through
     * {@link CopyTextRows}. A field it cannot read back makes it read the rest of the chunk
     * without writing, so the reader's transaction stays usable, and throw {@link UnreadableTextException}.
     */
    private long copyAsText(Connection reader, TableSchema from, PageRange range, List<ColumnDef> targetColumns, RowMapping mapping,
            CopyIn in) throws Exception {
        CopyTextRows rows = new CopyTextRows(from, targetColumns, mapping.takenAsIs(), partial -> mapping.mapper().map(partial),
                mapping.declarative());
        SqlDialect d = source.dialect();
        CopyOut out = reader.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + PostgresCopyTarget.columnList(d, rows.selected())
                + " FROM " + d.qualifiedName(from.table()) + " WHERE " + range.predicate() + ") TO STDOUT");
        ByteSink sink = new ByteSink(SLICE_BYTES, (bytes, length) -> in.writeToCopy(bytes, 0, length));
        long count = 0;
        UnreadableTextException unreadable = null;
        byte[] row;
        while ((row = out.readFromCopy()) != null) {
            rate.beforeRow(count++);
            if (unreadable == null) {
                try {
                    rows.write(row, sink);
                    sink.flushIfFull();
                } catch (UnreadableTextException e) {
                    unreadable = e;
                }
            }
        }
        if (unreadable != null) {
            throw unreadable;
        }
        sink.flush();
        return count;
    }

    /** Reads the chunk through the driver, maps each row and writes it as COPY text. */
    private long copyRowByRow(Connection reader, TableSchema from, PageRange range, List<ColumnDef> targetColumns, RowMapping.Mapper mapper,
            CopyIn in) throws Exception {
        SqlDialect d = source.dialect();
        String select = "SELECT " + PostgresCopyTarget.columnList(d, from.columns()) + " FROM " + d.qualifiedName(from.table()) + " WHERE " + range.predicate();
        try (PreparedStatement query = reader.prepareStatement(select)) {
            query.setFetchSize(FETCH_SIZE);
            StringBuilder slice = new StringBuilder(SLICE_BYTES + 4096);
            long[] read = {0};
            long rows = ResultRows.read(d, query, from.columns(), row -> {
                rate.beforeRow(read[0]++);
                CopyText.appendRow(slice, mapper.map(row), targetColumns);
                if (slice.length() >= SLICE_BYTES) {
                    send(in, slice);
                }
            });
            send(in, slice);
            return rows;
        }
    }

    private static void send(CopyIn in, StringBuilder slice) throws SQLException {
        if (slice.length() > 0) {
            byte[] bytes = slice.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            slice.setLength(0);
        }
    }
}
