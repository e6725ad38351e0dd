package dev.cutover.jdbc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MappedTextMemoTest {

    private static final byte[][] TEXT = {"new".getBytes(StandardCharsets.UTF_8)};

    @Test
    void findsTextByTheBytesOfThePartOfTheRowItWasMappedFrom() {
        MappedTextMemo memo = new MappedTextMemo();
        byte[] first = "1\tN\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "22\tN\n".getBytes(StandardCharsets.UTF_8);

        assertThat(memo.get(first, 2, 1)).isNull();
        memo.put(first, 2, 1, TEXT);

        assertThat(memo.get(second, 3, 1)).isSameAs(TEXT);
        assertThat(memo.get(second, 0, 2)).isNull();
    }

    @Test
    void givesUpWhenMostRowsAreNew() {
        MappedTextMemo memo = new MappedTextMemo();
        for (int i = 0; i < MappedTextMemo.TRIAL_ROWS; i++) {
            byte[] row = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
            if (memo.get(row, 0, row.length) == null) {
                memo.put(row, 0, row.length, TEXT);
            }
        }

        assertThat(memo.givenUp()).isTrue();
        byte[] seen = "1".getBytes(StandardCharsets.UTF_8);
        assertThat(memo.get(seen, 0, 1)).as("answers nothing once given up").isNull();
    }

    @Test
    void keepsAnsweringWhenMostRowsRepeat() {
        MappedTextMemo memo = new MappedTextMemo();
        for (int i = 0; i < 2 * MappedTextMemo.TRIAL_ROWS; i++) {
            byte[] row = Integer.toString(i % 3).getBytes(StandardCharsets.UTF_8);
            if (memo.get(row, 0, row.length) == null) {
                memo.put(row, 0, row.length, TEXT);
            }
        }

        assertThat(memo.givenUp()).isFalse();
    }
}
