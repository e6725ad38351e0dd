package dev.cutover.jdbc.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextFieldsTest {

    private static CopyTextFields split(String line, int fields) throws UnreadableTextException {
        CopyTextFields f = new CopyTextFields(fields);
        f.split(line.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    @Test
    void splitsOnTabsAndUndoesTheEscapesCopyWrites() throws Exception {
        CopyTextFields f = split("1\tGr\u00fc\u00dfe a\\tb\\nc\\\\d\t\\N\t\n", 4);

        assertThat(f.text(0)).isEqualTo("1");
        assertThat(f.text(1)).isEqualTo("Gr\u00fc\u00dfe a\tb\nc\\d");
        assertThat(f.isNull(2)).isTrue();
        assertThat(f.isNull(1)).isFalse();
        assertThat(f.text(3)).as("an empty string, not null").isEmpty();
        assertThat(f.isNull(3)).isFalse();
    }

    @Test
    void aRowWithAnotherNumberOfFieldsIsUnreadable() {
        assertThatThrownBy(() -> split("1\t2\t3\n", 2)).isInstanceOf(UnreadableTextException.class).hasMessageContaining("more than 2");
        assertThatThrownBy(() -> split("1\n", 2)).isInstanceOf(UnreadableTextException.class).hasMessageContaining("1 fields, not 2");
    }

    @Test
    void byteEscapesAreUnreadableRatherThanGuessed() {
        assertThatThrownBy(() -> CopyTextFields.unescape("a\\101")).isInstanceOf(UnreadableTextException.class);
        assertThatThrownBy(() -> CopyTextFields.unescape("a\\x41")).isInstanceOf(UnreadableTextException.class);
        assertThatThrownBy(() -> CopyTextFields.unescape("a\\")).isInstanceOf(UnreadableTextException.class);
    }
}
