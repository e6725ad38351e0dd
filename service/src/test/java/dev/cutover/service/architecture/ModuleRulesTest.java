package dev.cutover.service.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules, checked on the compiled classes of every module (this module's class path
 * holds them all): arrows point one way, core ← connectors/config ← service, and no module reaches
 * into another's {@code internal} package. A rule broken here is a design decision to make on
 * purpose, not by an import that slipped in.
 */
class ModuleRulesTest {

    private static final List<String> CONNECTORS = List.of("jdbc", "kafka", "debezium");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cutover");
    }

    @Test
    void coreUsesNoIoLibraryAndNoOtherModule() {
        noClasses().that().resideInAPackage("dev.cutover.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.debezium..", "java.sql..",
                        "javax.sql..", "io.micrometer..", "org.apache.avro..", "com.fasterxml.jackson..")
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.cutover.config..", "dev.cutover.jdbc..",
                        "dev.cutover.kafka..", "dev.cutover.debezium..", "dev.cutover.service..")
                .because("the domain must be testable and reasoned about alone")
                .check(classes);
    }

    @Test
    void configKnowsNoConnectorNorTheService() {
        noClasses().that().resideInAPackage("dev.cutover.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutover.jdbc..", "dev.cutover.kafka..",
                        "dev.cutover.debezium..", "dev.cutover.service..")
                .because("configuration is read and validated before any connector exists")
                .check(classes);
    }

    @Test
    void connectorsKnowNeitherTheServiceNorEachOthersInternals() {
        noClasses().that().resideInAnyPackage("dev.cutover.jdbc..", "dev.cutover.kafka..", "dev.cutover.debezium..")
                .should().dependOnClassesThat().resideInAPackage("dev.cutover.service..")
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
    void theServiceUsesNoConnectorsInternals() {
        noClasses().that().resideInAPackage("dev.cutover.service..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutover.jdbc.internal..", "dev.cutover.kafka.internal..",
                        "dev.cutover.debezium.internal..")
                .check(classes);
    }

    @Test
    void theRuntimeKnowsNeitherTheCommandLineNorTheTools() {
        noClasses().that().resideInAnyPackage("dev.cutover.service.runtime..", "dev.cutover.service.http..",
                        "dev.cutover.service.metrics..", "dev.cutover.service.batch..", "dev.cutover.service.conflict..",
                        "dev.cutover.service.deadletter..", "dev.cutover.service.verify..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutover.service.command..", "dev.cutover.service.demo..",
                        "dev.cutover.service.bench..", "dev.cutover.service.check..")
                .because("the bridge runs embedded without its command line, demo or benchmark")
                .check(classes);
    }
}
