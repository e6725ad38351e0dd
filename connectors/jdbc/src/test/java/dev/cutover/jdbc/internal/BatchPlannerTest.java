package dev.cutover.jdbc.internal;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.postgres.PostgresDialect;
import dev.cutover.jdbc.testing.Changes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    private static final TableId ACCOUNTS = new TableId("public", "accounts");
    private static final TableId OWNERS = new TableId("public", "owners");
    private static final TableSchema ACCOUNTS_SCHEMA = new TableSchema(ACCOUNTS, List.of(
            ColumnDef.of("id", ColumnType.INT64, "int8", false),
            ColumnDef.of("name", ColumnType.STRING, "text", false),
            ColumnDef.of("note", ColumnType.STRING, "text", true)), List.of("id"));
    private static final TableSchema OWNERS_SCHEMA = new TableSchema(OWNERS, List.of(
            ColumnDef.of("id", ColumnType.INT32, "int4", false)), List.of("id"));

    private final BatchPlanner planner = new BatchPlanner(Map.of(
            ACCOUNTS, new TableTarget(ACCOUNTS_SCHEMA, new PostgresDialect()),
            OWNERS, new TableTarget(OWNERS_SCHEMA, new PostgresDialect())));
    private final Changes accounts = new Changes(ACCOUNTS, "id");
    private final Changes owners = new Changes(OWNERS, "id");

    @Test
    void collapsesChangesOfOneKeyToTheirNetUpsert() throws Exception {
        List<KeyChanges> rows = planner.plan(List.of(
                accounts.create("id", 1L, "name", "a", "note", "n"),
                accounts.update("id", 1L, "name", "b", "note", "n"),
                accounts.update("id", 1L, "name", "c", "note", "n")));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.writes()).hasSize(3);
            assertThat(row.deletesFirst()).isFalse();
            assertThat(row.upsertImage()).isEqualTo(row("id", 1L, "name", "c", "note", "n"));
        });
    }

    @Test
    void mergesPartialImagesLaterValuesWinning() throws Exception {
        List<KeyChanges> rows = planner.plan(List.of(
                accounts.update("id", 1L, "name", "a"),
                accounts.update("id", 1L, "note", "x"),
                accounts.update("id", 1L, "name", "b")));

        assertThat(rows.get(0).upsertImage()).isEqualTo(row("id", 1L, "name", "b", "note", "x"));
        assertThat(rows.get(0).deletesFirst()).isFalse();
    }

    @Test
    void endsWithADeleteWhenTheLastChangeIsADelete() throws Exception {
        List<KeyChanges> rows = planner.plan(List.of(
                accounts.create("id", 1L, "name", "a", "note", null),
                accounts.delete("id", 1L)));

        assertThat(rows.get(0).deletesFirst()).isTrue();
        assertThat(rows.get(0).upsertImage()).isNull();
    }

    @Test
    void recreatesWithAFullImageByUpsertAloneAndWithAPartialImageByDeleteThenInsert() throws Exception {
        List<KeyChanges> full = planner.plan(List.of(
                accounts.delete("id", 1L), accounts.create("id", 1L, "name", "new", "note", null)));
        List<KeyChanges> partial = planner.plan(List.of(
                accounts.delete("id", 2L), accounts.create("id", 2L, "name", "new")));

        assertThat(full.get(0).deletesFirst()).isFalse();
        assertThat(full.get(0).upsertImage()).isEqualTo(row("id", 1L, "name", "new", "note", null));
        assertThat(partial.get(0).deletesFirst()).isTrue();
        assertThat(partial.get(0).upsertImage()).isEqualTo(row("id", 2L, "name", "new"));
    }

    @Test
    void ignoresImagesBeforeTheLastDeleteWhenMerging() throws Exception {
        List<KeyChanges> rows = planner.plan(List.of(
                accounts.update("id", 1L, "note", "old"),
                accounts.delete("id", 1L),
                accounts.create("id", 1L, "name", "new")));

        assertThat(rows.get(0).upsertImage()).isEqualTo(row("id", 1L, "name", "new"));
    }

    @Test
    void splitsAnUpdateThatMovesTheKeyIntoDeleteOfTheOldAndUpsertOfTheNew() throws Exception {
        ChangeEvent move = accounts.update(row("id", 1L, "name", "a", "note", null), row("id", 2L, "name", "a", "note", null));

        List<KeyChanges> rows = planner.plan(List.of(move));

        assertThat(rows).extracting(KeyChanges::key).containsExactly(row("id", 1L), row("id", 2L));
        assertThat(rows.get(0).upsertImage()).isNull();
        assertThat(rows.get(1).upsertImage()).isEqualTo(row("id", 2L, "name", "a", "note", null));
        assertThat(rows).allSatisfy(r -> assertThat(r.writes()).extracting(RowWrite::source).containsExactly(move));
    }

    @Test
    void ordersRowsByTheirLastChangeInTheBatch() throws Exception {
        List<KeyChanges> rows = planner.plan(List.of(
                accounts.create("id", 1L, "name", "a"),
                owners.create("id", 7),
                accounts.create("id", 2L, "name", "b"),
                accounts.update("id", 1L, "name", "c")));

        assertThat(rows).extracting(KeyChanges::key).containsExactly(row("id", 7), row("id", 2L), row("id", 1L));
    }

    @Test
    void rejectsAChangeOfATableItDoesNotWrite() {
        ChangeEvent stranger = new Changes(new TableId("public", "other"), "id").create("id", 1L);

        assertThatThrownBy(() -> planner.plan(List.of(stranger)))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("public.other")
                .hasMessageContaining("does not write");
    }

    @Test
    void rejectsAColumnTheTableLacksNamingIt() {
        assertThatThrownBy(() -> planner.plan(List.of(accounts.create("id", 1L, "nmae", "typo"))))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("'nmae'")
                .hasMessageContaining("public.accounts")
                .hasMessageNotContaining("typo");
    }

    @Test
    void marksExactlyTheRowsReadAsMissing() throws Exception {
        List<KeyChanges> rows = planner.plan(List.of(
                accounts.create("id", 1L, "name", "a"),
                accounts.create("id", 2L, "name", "b"),
                accounts.update("id", 2L, "name", "c"),
                owners.create("id", 2)),
                Set.of(new RowRef(ACCOUNTS, row("id", 2L)), new RowRef(OWNERS, row("id", 3))));

        assertThat(rows).extracting(r -> r.key().get("id"), KeyChanges::readAbsent)
                .containsExactly(tuple(1L, false), tuple(2L, true), tuple(2, false));
        assertThat(planner.plan(List.of(accounts.create("id", 2L, "name", "b")))).singleElement()
                .satisfies(r -> assertThat(r.readAbsent()).isFalse());
    }

    @Test
    void rejectsAValueOfTheWrongClassWithoutQuotingIt() {
        assertThatThrownBy(() -> planner.plan(List.of(accounts.create("id", 1, "name", "a"))))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("java.lang.Integer in column 'id'")
                .hasMessageContaining("INT64 takes java.lang.Long");
    }

    @Test
    void rejectsADeleteWithoutTheTablesKey() {
        ChangeEvent byOtherKey = new Changes(ACCOUNTS, "name").delete("name", "a");

        assertThatThrownBy(() -> planner.plan(List.of(byOtherKey)))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("lacks key column 'id'");
    }
}
