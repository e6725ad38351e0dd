package dev.cutover.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightTest {

    private static final String ONE_BINDING = "- { name: c, legacy: a, new: b, direction: legacy-to-new }";

    private static PreflightCheck check(String title, List<Finding> findings) {
        return new PreflightCheck() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public List<Finding> run(CheckContext context) {
                return findings;
            }
        };
    }

    @Test
    void aCheckThatThrowsBecomesAProblemNamingItAndTheOthersStillRun() throws Exception {
        PreflightCheck broken = new PreflightCheck() {
            @Override
            public String title() {
                return "broken thing";
            }

            @Override
            public List<Finding> run(CheckContext context) {
                throw new IllegalStateException("catalog unreadable");
            }
        };
        Preflight preflight = new Preflight(List.of(broken, check("fine", List.of(Finding.ok("a", "good")))));

        List<Finding> findings = preflight.run(new CheckContext(TestConfigs.shop(ONE_BINDING)));

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).isProblem()).isTrue();
        assertThat(findings.get(0).line()).contains("broken thing").contains("catalog unreadable");
        assertThat(findings.get(1)).isEqualTo(Finding.ok("a", "good"));
    }

    @Test
    void aPasswordInAFindingIsHidden() throws Exception {
        Preflight preflight = new Preflight(List.of(check("leaky", List.of(
                Finding.problem("systems.legacy", "login as erp/s3cret-Pw refused", "do not use s3cret-Pw")))));

        List<Finding> findings = preflight.run(new CheckContext(TestConfigs.shop(ONE_BINDING)));

        assertThat(findings.get(0).line()).doesNotContain("s3cret-Pw").contains("erp/[hidden]");
    }

    @Test
    void aRefusedLoginAnUnknownDatabaseAndNoServerHaveDifferentFixes() {
        assertThat(SystemConnectivityCheck.fix("systems.new", "28P01")).contains("systems.new.user").contains("systems.new.password");
        assertThat(SystemConnectivityCheck.fix("systems.new", "3D000")).contains("create the database");
        assertThat(SystemConnectivityCheck.fix("systems.new", "08001")).contains("start the database server");
    }
}
