package io.campaignpilot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The capability packages are the application's modules: none depends on another in a cycle, and none reaches into
 * another's sub-packages (its internals). Capabilities reach the process engine only through engine/. Fails with the
 * offending types named.
 */
class ModuleStructureTest {
    private static final ApplicationModules MODULES = ApplicationModules.of(CampaignPilotApplication.class);
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.campaignpilot");

    @Test
    void modulesFormNoCycleAndUseOnlyEachOthersPublicApi() {
        MODULES.verify();
    }

    @Test
    void onlyTheEngineGatewayProcessAndSecurityUseCamundasEngine() {
        // the delegate and variable API stay in process/ too: capabilities get plain values, never an execution
        noClasses().that().resideInAPackage("io.campaignpilot..")
                .and().resideOutsideOfPackages("io.campaignpilot.engine..", "io.campaignpilot.process..",
                        "io.campaignpilot.security..")
                // an engine plugin: it must hold the cluster's start-up lock before the engine builds its schema
                .and().doNotHaveFullyQualifiedName("io.campaignpilot.cluster.StartupLock")
                .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine..")
                .because("capabilities use the process engine through engine.CampaignEngine")
                .check(MAIN_CLASSES);
    }
}
