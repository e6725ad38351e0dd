package dev.cutover.jdbc.load;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The mapped columns' COPY text by the bytes of the fields they were mapped from. Bounded: it
 * stops learning at {@value #MOST_ENTRIES} distinct runs, and gives up (answers nothing) when
 * after {@value #TRIAL_ROWS} rows fewer than half were found, as for a column whose values are all
 * different (a timestamp conversion), where remembering costs more than it saves. Not thread-safe.
 */
final class MappedTextMemo {

    static final int MOST_ENTRIES = 4_096;
    static final int TRIAL_ROWS = 10_000;

    private final Map<ByteBuffer, byte[][]> text = new HashMap<>();
    private long asked;
    private long found;
    private boolean givenUp;

    /** The text remembered for {@code length} bytes of {@code row} from {@code offset}, or null. */
    byte[][] get(byte[] row, int offset, int length) {
        if (givenUp) {
            return null;
        }
        asked++;
        byte[][] known = text.get(ByteBuffer.wrap(row, offset, length));
        if (known != null) {
            found++;
        }
        if (asked == TRIAL_ROWS && found * 2 < asked) {
            givenUp = true;
            text.clear();
        }
        return known;
    }

    /** Remembers {@code mapped} for those bytes, while there is room. */
    void put(byte[] row, int offset, int length, byte[][] mapped) {
        if (!givenUp && text.size() < MOST_ENTRIES) {
            byte[] key = new byte[length];
            System.arraycopy(row, offset, key, 0, length);
            text.put(ByteBuffer.wrap(key), mapped);
        }
    }

    /** True once it stopped answering. */
    boolean givenUp() {
        return givenUp;
    }
}
