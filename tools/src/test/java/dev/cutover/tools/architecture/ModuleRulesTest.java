package dev.cutover.tools.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules, checked on the compiled classes of every module (the tools module is last in
 * the chain, so its class path holds them all): arrows point one way, core ← connectors/config ←
 * runtime ← cli ← tools, and no module reaches into another's {@code internal} package. A rule
 * broken here is a design decision to make on purpose, not by an import that slipped in.
 */
class ModuleRulesTest {

    private static final List<String> CONNECTORS = List.of("jdbc", "kafka", "debezium");
    private static final String[] ABOVE_CONNECTORS = {"dev.cutover.runtime..", "dev.cutover.cli..", "dev.cutover.tools.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cutover");
    }

    @Test
    void theImportSeesEveryModule() {
        assertThat(List.of("dev.cutover.core.pipeline.CapturePipeline", "dev.cutover.runtime.BridgeService",
                "dev.cutover.cli.CutoverCli", "dev.cutover.tools.ToolsCli")).allMatch(classes::contain);
    }

    @Test
    void coreUsesNoIoLibraryAndNoOtherModule() {
        noClasses().that().resideInAPackage("dev.cutover.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.debezium..", "java.sql..",
                        "javax.sql..", "io.micrometer..", "org.apache.avro..", "com.fasterxml.jackson..")
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.cutover.config..", "dev.cutover.jdbc..",
                        "dev.cutover.kafka..", "dev.cutover.debezium..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ABOVE_CONNECTORS)
                .because("the domain must be testable and reasoned about alone")
                .check(classes);
    }

    @Test
    void configKnowsNoConnectorNorAnythingAbove() {
        noClasses().that().resideInAPackage("dev.cutover.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutover.jdbc..", "dev.cutover.kafka..",
                        "dev.cutover.debezium..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ABOVE_CONNECTORS)
                .because("configuration is read and validated before any connector exists")
                .check(classes);
    }

    @Test
    void connectorsKnowNeitherWhatIsAboveThemNorEachOthersInternals() {
        noClasses().that().resideInAnyPackage("dev.cutover.jdbc..", "dev.cutover.kafka..", "dev.cutover.debezium..")
                .should().dependOnClassesThat().resideInAnyPackage(ABOVE_CONNECTORS)
                .check(classes);
        for (String connector : CONNECTORS) {
            noClasses().that().resideInAnyPackage(CONNECTORS.stream().filter(c -> !c.equals(connector))
                            .map(c -> "dev.cutover." + c + "..").toArray(String[]::new))
                    .should().dependOnClassesThat().resideInAPackage("dev.cutover." + connector + ".internal..")
                    .because("a connector's internal package is free to change")
                    .check(classes);
        }
    }

    @Test
    void nothingAboveTheConnectorsUsesTheirInternals() {
        noClasses().that().resideInAnyPackage(ABOVE_CONNECTORS)
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutover.jdbc.internal..", "dev.cutover.kafka.internal..",
                        "dev.cutover.debezium.internal..")
                .check(classes);
    }

    @Test
    void theRuntimeKnowsNeitherTheCommandLineNorTheTools() {
        noClasses().that().resideInAPackage("dev.cutover.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutover.cli..", "dev.cutover.tools..")
                .because("the bridge runs embedded without its command line, demo or benchmark")
                .check(classes);
    }

    @Test
    void theCommandLineKnowsNotTheTools() {
        noClasses().that().resideInAPackage("dev.cutover.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.cutover.tools..")
                .because("the product jar does not carry the demo and benchmark, nor their embedded databases")
                .check(classes);
    }
}
