package dev.cutover.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConditionParserTest {

    /** Quotes as PostgreSQL does in its plainest form: enough to see the structure the renderer gives. */
    static final SqlQuoting DOUBLE_QUOTES = new SqlQuoting() {
        @Override
        public String identifier(String name) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }

        @Override
        public String string(String value) {
            return "'" + value.replace("'", "''") + "'";
        }
    };

    private static final List<String> COLUMNS = List.of("id", "name", "Status", "created at", "in");

    private static String sql(String condition) {
        return ConditionParser.parse(condition, COLUMNS, "public.t").toSql(DOUBLE_QUOTES);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("id = 1", "\"id\" = 1"),
                arguments("id<>1", "\"id\" <> 1"),
                arguments("id != 1", "\"id\" <> 1"),
                arguments("id < 1 and id <= 2 AND id > 0 And id >= 0", "\"id\" < 1 AND \"id\" <= 2 AND \"id\" > 0 AND \"id\" >= 0"),
                arguments("id BETWEEN 100 AND 199", "\"id\" BETWEEN 100 AND 199"),
                arguments("id not between -5 and +5.50", "\"id\" NOT BETWEEN -5 AND 5.50"),
                arguments("name IN ('a', 'b''c')", "\"name\" IN ('a', 'b''c')"),
                arguments("id NOT IN (1)", "\"id\" NOT IN (1)"),
                arguments("name IS NULL", "\"name\" IS NULL"),
                arguments("name is not null", "\"name\" IS NOT NULL"),
                arguments("NOT id = 1", "NOT (\"id\" = 1)"),
                arguments("NOT NOT id = 1", "NOT (NOT (\"id\" = 1))"),
                arguments("id = 1 OR id = 2 AND name = 'x'", "\"id\" = 1 OR (\"id\" = 2 AND \"name\" = 'x')"),
                arguments("(id = 1 OR id = 2) AND name = 'x'", "(\"id\" = 1 OR \"id\" = 2) AND \"name\" = 'x'"),
                arguments("((((id = 1))))", "\"id\" = 1"),
                arguments("1 = id", "1 = \"id\""),
                arguments("id = name", "\"id\" = \"name\""),
                arguments("status = true OR status = FALSE", "\"Status\" = TRUE OR \"Status\" = FALSE"),
                arguments("name = null", "\"name\" = NULL"),
                arguments("\"created at\" > '2024-01-01'", "\"created at\" > '2024-01-01'"),
                arguments("`in` = 007", "\"in\" = 7"),
                arguments("id = .5", "\"id\" = 0.5"),
                arguments("id = 1.", "\"id\" = 1"),
                arguments("name = ''", "\"name\" = ''"),
                arguments("name = 'it''s -- not /* a */ comment; #'", "\"name\" = 'it''s -- not /* a */ comment; #'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsTheGrammarAndRendersItCanonically(String condition, String expected) {
        assertThat(sql(condition)).isEqualTo(expected);
    }

    @Test
    void keepsTheTextAsGivenAndListsTheColumnsItNames() {
        RowCondition c = ConditionParser.parse("  id BETWEEN 1 AND 9 AND name <> 'x' AND id > 0 ", COLUMNS, "public.t");

        assertThat(c.text()).isEqualTo("id BETWEEN 1 AND 9 AND name <> 'x' AND id > 0");
        assertThat(c.columns()).containsExactly("id", "name");
    }

    @Test
    void parsesWithoutColumnsKeepingNamesAsWritten() {
        assertThat(ConditionParser.parse("Whatever = 1 OR \"Other\" IS NULL").columns()).containsExactly("Whatever", "Other");
    }

    @Test
    void resolvesAnUnquotedNameIgnoringCaseOnlyWhenThatPicksOneColumn() {
        assertThat(sql("STATUS = 'x'")).isEqualTo("\"Status\" = 'x'");
        assertThatThrownBy(() -> ConditionParser.parse("ab = 1", List.of("AB", "ab2", "Ab"), "t")).hasMessageContaining("ambiguous")
                .hasMessageContaining("[AB, Ab]");
        assertThatThrownBy(() -> sql("\"status\" = 'x'")).isInstanceOf(ConditionException.class)
                .hasMessageContaining("character 1 ('status')").hasMessageContaining("no column status");
    }

    @Test
    void refusesAnUnknownColumnNamingWhereItIsAndTheTablesColumns() {
        ConditionException e = catchThrowableOfType(() -> sql("id = 1 AND nope > 2"), ConditionException.class);

        assertThat(e.position()).isEqualTo(12);
        assertThat(e.token()).isEqualTo("nope");
        assertThat(e).hasMessageContaining("table public.t has no column nope")
                .hasMessageContaining("[id, name, Status, created at, in]");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("1=1) or lo_import('/etc/passwd') is not null or (1=1", 4, ")", "closes a parenthesis"),
                arguments("pg_sleep(1) IS NULL", 1, "pg_sleep(", "function calls are not allowed"),
                arguments("id = pg_sleep(1)", 6, "pg_sleep(", "function calls are not allowed"),
                arguments("id = 1; DROP TABLE t", 7, ";", "statement separators"),
                arguments("id = 1 -- rest", 8, "--", "comments are not allowed"),
                arguments("id = 1 /* x */", 8, "/*", "comments are not allowed"),
                arguments("id = 1 # x", 8, "#", "comments are not allowed"),
                arguments("id::text = '1'", 3, "::", "casts are not allowed"),
                arguments("name || 'x' = 'ax'", 6, "||", "operator '||' is not allowed"),
                arguments("id + 1 = 2", 4, "+", "operator '+' is not allowed"),
                arguments("id = 2 * 1", 8, "*", "operator '*' is not allowed"),
                arguments("id IN (SELECT id FROM t)", 8, "SELECT", "sub-queries are not allowed"),
                arguments("EXISTS (SELECT 1)", 1, "EXISTS(", "function calls are not allowed"),
                arguments("id = $1", 6, "$", "operator '$' is not allowed"),
                arguments("name = E'\\x'", 9, "'\\x'", "expected AND, OR or the end"),
                arguments("id = 1e3", 6, "1e3", "without exponent"),
                arguments("id = 0x1F", 6, "0x1F", "without exponent"),
                arguments("name LIKE 'a%'", 6, "LIKE", "expected a comparison"),
                arguments("id = 1 id = 2", 8, "id", "expected AND, OR or the end"),
                arguments("id =", 5, "", "ends too early"),
                arguments("(id = 1", 8, "", "ends too early"),
                arguments("id BETWEEN 1 OR 2", 14, "OR", "expected AND between"),
                arguments("id IN ()", 8, ")", "expected a column or a literal"),
                arguments("id IS 1", 7, "1", "expected NULL after IS"),
                arguments("name = 'open", 8, "'open", "unterminated string literal"),
                arguments("\"id = 1", 1, "\"id = 1", "unterminated quoted identifier"),
                arguments("\"\" = 1", 1, "\"\"", "empty quoted identifier"),
                arguments("AND = 1", 1, "AND", "a column named AND is written \"AND\""),
                arguments("id <=> 1", 4, "<=>", "'<=>' is not allowed"),
                arguments("id = 1 ! id = 2", 8, "!", "operator '!' is not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesEverythingElseNamingThePositionAndToken(String condition, int position, String token, String why) {
        ConditionException e = catchThrowableOfType(() -> ConditionParser.parse(condition),
                ConditionException.class);

        assertThat(e).as(condition).isNotNull();
        assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
        assertThat(e.token()).as(e.getMessage()).isEqualTo(token);
        assertThat(e.getMessage()).contains(why).contains(ConditionParser.ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void refusesAnEmptyCondition(String condition) {
        assertThatThrownBy(() -> ConditionParser.parse(condition)).isInstanceOf(ConditionException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ConditionParser.parse(null)).isInstanceOf(ConditionException.class).hasMessageContaining("empty");
    }

    @Test
    void refusesAControlOrForeignCharacterByItsCodePoint() {
        assertThatThrownBy(() -> ConditionParser.parse("id = 1\u0000")).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> ConditionParser.parse("id \u2260 1")).hasMessageContaining("U+2260");
        assertThatThrownBy(() -> ConditionParser.parse("name = 'a\u0000b'")).hasMessageContaining("NUL");
    }

    @Test
    void refusesNestingDeeperThanTheLimitInsteadOfExhaustingTheStack() {
        String deep = "(".repeat(4_000) + "id = 1" + ")".repeat(4_000);
        String nots = "NOT ".repeat(ConditionParser.MAX_DEPTH + 1) + "id = 1";

        assertThatThrownBy(() -> ConditionParser.parse(deep)).isInstanceOf(ConditionException.class).hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> ConditionParser.parse(nots)).isInstanceOf(ConditionException.class).hasMessageContaining("nested deeper");
        assertThat(ConditionParser.parse("(".repeat(50) + "id = 1" + ")".repeat(50)).columns()).containsExactly("id");
    }

    @Test
    void refusesAConditionLongerThanTheLimit() {
        String longest = "id IN (" + "1, ".repeat(4_000) + "1)";

        assertThatThrownBy(() -> ConditionParser.parse(longest)).isInstanceOf(ConditionException.class)
                .hasMessageContaining("longer than " + ConditionParser.MAX_LENGTH);
    }

    @Test
    void rendersEveryNameThroughTheQuotingSoNoNameEndsItsQuotes() {
        List<String> columns = List.of("a\"b", "x`y");

        RowCondition c = ConditionParser.parse("\"a\"\"b\" = 1 AND `x``y` = 2", columns, "t");

        assertThat(c.toSql(DOUBLE_QUOTES)).isEqualTo("\"a\"\"b\" = 1 AND \"x`y\" = 2");
    }

    @Test
    void aStringCannotEscapeItsLiteral() {
        RowCondition c = ConditionParser.parse("name = 'x'' OR ''1''=''1'", COLUMNS, "t");

        assertThat(c.columns()).containsExactly("name");
        assertThat(c.toSql(DOUBLE_QUOTES)).isEqualTo("\"name\" = 'x'' OR ''1''=''1'");
    }
}
