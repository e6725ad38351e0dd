package dev.cutover.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain stays free of I/O libraries, so it can be tested and reasoned about alone. */
class CoreIndependenceTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(org\\.apache\\.kafka|io\\.debezium|java\\.sql|javax\\.sql|io\\.micrometer|org\\.apache\\.avro)\\.",
            Pattern.MULTILINE);

    @Test
    void coreSourcesImportNoKafkaDebeziumJdbcMicrometerOrAvro() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(CoreIndependenceTest::importsForbidden)
                    .map(Path::toString)
                    .toList();
            assertThat(offenders).as("bridge-core files importing I/O libraries").isEmpty();
        }
    }

    private static boolean importsForbidden(Path file) {
        try {
            return FORBIDDEN.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
