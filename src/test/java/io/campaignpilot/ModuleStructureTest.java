package io.campaignpilot;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The capability packages are the application's modules: none depends on another in a cycle, and none reaches into
 * another's sub-packages (its internals). Fails with the offending types named.
 */
class ModuleStructureTest {
    private static final ApplicationModules MODULES = ApplicationModules.of(CampaignPilotApplication.class);

    @Test
    void modulesFormNoCycleAndUseOnlyEachOthersPublicApi() {
        MODULES.verify();
    }
}
