package dev.cutover.core.mapping;

import static dev.cutover.core.mapping.MappingFixtures.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.MappingFixtures.SpecBuilder;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomRowMapperTest {

    private static final TableId PEOPLE = new TableId("hr", "people");
    private static final TableId PERSONS = new TableId("crm", "persons");
    private static final Instant COMMIT = Instant.parse("2024-05-01T12:00:00Z");
    private static final SourcePosition POSITION = new SourcePosition("lsn", "0/5");

    private static TableSchema people() {
        return new TableSchema(PEOPLE, List.of(column("id", ColumnType.INT64, "int8", false),
                column("first_nm", ColumnType.STRING, "varchar", false),
                column("last_nm", ColumnType.STRING, "varchar", false)), List.of("id"));
    }

    private static TableSchema persons() {
        return new TableSchema(PERSONS, List.of(column("id", ColumnType.INT64, "int8", false),
                column("full_name", ColumnType.STRING, "text", false)), List.of("id"));
    }

    private static TableMapping mappingWith(Class<?> mapper) throws MappingException {
        TableMappingSpec spec = new SpecBuilder(PEOPLE, PERSONS)
                .rule(ColumnRule.ignore("first_nm"))
                .rule(ColumnRule.ignore("last_nm"))
                .mapper(mapper.getName(), Map.of("separator", " "))
                .build();
        return TableMapping.compile(spec, people(), persons());
    }

    private static RowImage ada() {
        return RowImage.builder().put("id", 1L).put("first_nm", "Ada").put("last_nm", "Lovelace").build();
    }

    @Test
    void runsAfterTheDeclarativeRulesAndFillsTheColumnsLeftToIt() throws MappingException {
        TableMapping mapping = mappingWith(TestMappers.FullNameMapper.class);

        assertThat(mapping.rowToNew(ada()).asMap()).containsExactly(Map.entry("id", 1L), Map.entry("full_name", "Ada Lovelace"));
        assertThat(mapping.summary()).endsWith("custom mapper " + TestMappers.FullNameMapper.class.getName());
    }

    @Test
    void withACustomMapperNoColumnIsTakenAsIs() throws MappingException {
        TableMapping mapping = mappingWith(TestMappers.FullNameMapper.class);

        assertThat(mapping.newColumnsTakenAsIs()).isEmpty();
        assertThat(mapping.legacyColumnsTakenAsIs()).isEmpty();
        assertThat(mapping.declarative()).isFalse();
    }

    @Test
    void aMapperThatFillsTheIgnoredNotNullColumnsKeepsTheMappingInvertible() throws MappingException {
        TableMapping mapping = mappingWith(TestMappers.FullNameMapper.class);
        ChangeEvent create = ChangeEvent.create(SystemSide.LEGACY, PEOPLE, List.of("id"), ada(), COMMIT, POSITION, "t1");

        assertThat(mapping.invertible()).isTrue();
        assertThat(mapping.toLegacy(mapping.toNew(create))).isEqualTo(create);
    }

    @Test
    void mapsAPartialBeforeImageWithoutAskingForTheMapperOwnedColumns() throws MappingException {
        ChangeEvent delete = ChangeEvent.delete(SystemSide.LEGACY, PEOPLE, List.of("id"), RowImage.builder().put("id", 1L).build(),
                COMMIT, POSITION, "t2");

        ChangeEvent mapped = mappingWith(TestMappers.ForgetfulMapper.class).toNew(delete);

        assertThat(mapped.before().asMap()).containsExactly(Map.entry("id", 1L));
    }

    @Test
    void refusesAFullRowInWhichTheMapperLeftItsColumnUnset() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> mappingWith(TestMappers.ForgetfulMapper.class).rowToNew(ada()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("mapper.class");
            assertThat(p.message()).contains("did not set new column 'full_name' of crm.persons");
        });
    }

    @Test
    void refusesAColumnTheTargetTableDoesNotHave() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> mappingWith(TestMappers.ExtraColumnMapper.class).rowToNew(ada()));

        assertThat(e).hasMessageContaining("returned column 'nickname', which crm.persons does not have (columns: id, full_name)");
    }

    @Test
    void coercesTheMappersValuesToTheTargetColumnTypes() throws MappingException {
        RowImage mapped = mappingWith(TestMappers.LooseTypesMapper.class).rowToNew(ada());

        assertThat(mapped.get("id")).isInstanceOf(Long.class).isEqualTo(1L);
    }

    @Test
    void reportsTheMappersOwnFailureWithTheEvent() throws MappingException {
        TableMapping mapping = mappingWith(TestMappers.FullNameMapper.class);
        ChangeEvent create = ChangeEvent.create(SystemSide.NEW, PERSONS, List.of("id"),
                RowImage.builder().put("id", 9L).put("full_name", "Prince").build(), COMMIT, POSITION, "t3");

        MappingException e = catchThrowableOfType(MappingException.class, () -> mapping.toLegacy(create));

        assertThat(e).hasMessageContaining("cannot map CREATE crm.persons key {id=9}")
                .hasMessageContaining("mapper.class: custom mapper " + TestMappers.FullNameMapper.class.getName())
                .hasMessageContaining("full_name has no separator ' '");
    }
}
