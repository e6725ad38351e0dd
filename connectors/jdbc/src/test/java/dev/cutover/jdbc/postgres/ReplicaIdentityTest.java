package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.RowImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaIdentityTest {

    private final RowImage before = RowImage.builder().put("id", 1).put("tenant", "a").put("name", "").build();

    @Test
    void fullKeepsTheWholeImage() {
        assertThat(ReplicaIdentity.FULL.trim(before)).isSameAs(before);
        assertThat(ReplicaIdentity.FULL.covers(List.of("anything"))).isTrue();
    }

    @Test
    void defaultKeepsThePrimaryKeyColumnsInTableOrder() {
        ReplicaIdentity identity = new ReplicaIdentity(ReplicaIdentity.Kind.DEFAULT, List.of("tenant", "id"));

        assertThat(identity.trim(before).columns()).containsExactly("id", "tenant");
        assertThat(identity.covers(List.of("id"))).isTrue();
        assertThat(identity.covers(List.of("name"))).isFalse();
    }

    @Test
    void nothingLeavesAnEmptyImageAndCoversNoKey() {
        ReplicaIdentity nothing = new ReplicaIdentity(ReplicaIdentity.Kind.NOTHING, List.of());

        assertThat(nothing.trim(before).isEmpty()).isTrue();
        assertThat(nothing.covers(List.of("id"))).isFalse();
        assertThat(nothing.trim(null)).isNull();
    }

    @Test
    void kindsResolveFromCatalogCodes() {
        assertThat(ReplicaIdentity.Kind.fromCode('d')).isEqualTo(ReplicaIdentity.Kind.DEFAULT);
        assertThat(ReplicaIdentity.Kind.fromCode('f')).isEqualTo(ReplicaIdentity.Kind.FULL);
        assertThat(ReplicaIdentity.Kind.fromCode('i')).isEqualTo(ReplicaIdentity.Kind.INDEX);
        assertThat(ReplicaIdentity.Kind.fromCode('n')).isEqualTo(ReplicaIdentity.Kind.NOTHING);
    }

    @Test
    void labelsSayWhatCheckShows() {
        assertThat(ReplicaIdentity.FULL.label()).isEqualTo("FULL");
        assertThat(new ReplicaIdentity(ReplicaIdentity.Kind.DEFAULT, List.of("id")).label()).isEqualTo("DEFAULT (primary key [id])");
        assertThat(new ReplicaIdentity(ReplicaIdentity.Kind.INDEX, List.of("a", "b")).label()).isEqualTo("USING INDEX [a, b]");
        assertThat(new ReplicaIdentity(ReplicaIdentity.Kind.NOTHING, List.of()).label()).isEqualTo("NOTHING");
    }
}
