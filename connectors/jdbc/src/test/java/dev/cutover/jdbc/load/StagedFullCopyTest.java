package dev.cutover.jdbc.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StagedFullCopyTest {

    @Test
    void stagingNamesAreIdentifierSafeFitPostgresAndLongNamesStayApart() {
        String a = StagedFullCopy.stagingName("a".repeat(70) + "x");
        String b = StagedFullCopy.stagingName("a".repeat(70) + "y");

        assertThat(StagedFullCopy.stagingName("Orders-Batch")).isEqualTo("cutover_stage_orders_batch");
        assertThat(a).hasSize(63).startsWith("cutover_stage_aaa").isNotEqualTo(b);
        assertThat(b).hasSize(63);
    }
}
