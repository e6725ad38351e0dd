package dev.cutover.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogQueriesTest {

    @Test
    void escapesLikeWildcardsAndTheEscapeItselfSoANameMatchesOnlyItself() {
        assertThat(CatalogQueries.pattern("order_items", "\\")).isEqualTo("order\\_items");
        assertThat(CatalogQueries.pattern("100%", "\\")).isEqualTo("100\\%");
        assertThat(CatalogQueries.pattern("a\\b", "\\")).isEqualTo("a\\\\b");
        assertThat(CatalogQueries.pattern("plain", "\\")).isEqualTo("plain");
        assertThat(CatalogQueries.pattern(null, "\\")).isNull();
    }
}
