package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.debezium.internal.MariaDbBinlogRetention;
import dev.cutover.debezium.internal.PostgresSlotRetention;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CaptureKindTest {

    @Test
    void eachKindIsThePartOfTheFamilyPlugInWithItsKey() {
        for (CaptureKind kind : CaptureKind.values()) {
            assertThat(kind.support().family()).isEqualTo(kind.family());
            assertThat(kind.support().dialect().accepts(kind.urlForm())).as(kind.urlForm()).isTrue();
            assertThat(CaptureKind.ofJdbcUrl(kind.urlForm())).isEqualTo(kind);
        }
    }

    @Test
    void urlFormsAreTheFamiliesOwn() {
        assertThat(CaptureKind.POSTGRESQL.urlForm()).isEqualTo("jdbc:postgresql://host[:port]/database");
        assertThat(CaptureKind.MARIADB.urlForm()).isEqualTo("jdbc:mariadb://host[:port]/database");
    }

    @Test
    void eachKindReadsItsOwnUrlsAndMakesItsOwnSource() {
        assertThat(CaptureKind.MARIADB.endpoint("jdbc:mariadb://db:3307/shop").port()).isEqualTo(3307);
        assertThat(CaptureKind.POSTGRESQL.endpoint("jdbc:postgresql://db/shop").database()).isEqualTo("shop");
        assertThat(CaptureKind.POSTGRESQL.retention("slot", Path.of("offsets"))).isInstanceOf(PostgresSlotRetention.class);
        assertThat(CaptureKind.MARIADB.retention("slot", Path.of("offsets"))).isInstanceOf(MariaDbBinlogRetention.class);
    }
}
