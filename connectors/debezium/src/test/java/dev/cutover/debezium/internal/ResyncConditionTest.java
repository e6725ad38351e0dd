package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResyncConditionTest {

    @Test
    void aSingleExpressionIsTrimmedAndWrappedSoDebeziumsAndBindsAllOfIt() {
        assertThat(ResyncCondition.wrap("  a = 1 OR b = 2 ")).isEqualTo("(a = 1 OR b = 2)");
        assertThat(ResyncCondition.wrap("name IN ('(', ')x') AND (id > 3)")).isEqualTo("(name IN ('(', ')x') AND (id > 3))");
    }

    @Test
    void statementSeparatorsAndCommentsAreRefusedNamingThem() {
        assertThatThrownBy(() -> ResyncCondition.wrap("id = 1; DROP TABLE t")).hasMessageContaining("';'");
        assertThatThrownBy(() -> ResyncCondition.wrap("id = 1 -- rest")).hasMessageContaining("'--'");
        assertThatThrownBy(() -> ResyncCondition.wrap("id = 1 /* x */")).hasMessageContaining("'/*'");
        assertThatThrownBy(() -> ResyncCondition.wrap("id = 1 # x")).hasMessageContaining("'#'");
    }

    @Test
    void parenthesesThatWouldEscapeTheWrappingAreRefused() {
        assertThatThrownBy(() -> ResyncCondition.wrap("id = 1) OR (1 = 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("closes a parenthesis it did not open (at character 7)");
        assertThatThrownBy(() -> ResyncCondition.wrap("(id = 1")).hasMessageContaining("1 parenthesis(es) open");
        assertThatThrownBy(() -> ResyncCondition.wrap("name = 'x")).hasMessageContaining("unterminated string literal");
    }

    @Test
    void anEmptyConditionIsRefused() {
        assertThatThrownBy(() -> ResyncCondition.wrap("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ResyncCondition.wrap(null)).hasMessageContaining("empty");
    }
}
