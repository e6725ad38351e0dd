package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void joinsTheMessagesOfTheChainOutermostFirst() {
        Exception e = new IllegalStateException("capture of legacy did not start",
                new IOException("cannot reach 127.0.0.1:5432", new ConnectException("Connection refused")));
        assertThat(Causes.oneLine(e)).isEqualTo("capture of legacy did not start: cannot reach 127.0.0.1:5432: Connection refused");
    }

    @Test
    void leavesOutAWrappersRepeatOfItsCause() {
        Exception e = new UncheckedIOException(new IOException("disk full"));
        assertThat(Causes.oneLine(e)).isEqualTo("disk full");
    }

    @Test
    void namesTheClassOfAnExceptionWithoutMessageAndFoldsLines() {
        assertThat(Causes.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(Causes.oneLine(new IllegalArgumentException("first\n  second"))).isEqualTo("first second");
    }

    @Test
    void aMessageAlreadyContainedIsNotRepeated() {
        Exception e = new RuntimeException("start failed: Connection refused", new ConnectException("Connection refused"));
        assertThat(Causes.oneLine(e)).isEqualTo("start failed: Connection refused");
    }
}
