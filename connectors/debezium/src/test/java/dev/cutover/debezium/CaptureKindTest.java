package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;

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
}
