package io.campaignpilot.load;

import io.campaignpilot.dev.Figures;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two engine nodes of the packaged jar on one PostgreSQL, under load and faults (see {@link LoadRun}): no campaign is
 * lost, none is sent twice, none is started twice for one event, and every incident says why; and the two nodes,
 * started at once on an empty database, set everything up exactly once between them. In {@code ./mvnw verify}
 * it runs small ({@link LoadPlan#small()}: 50 campaigns, every fault once at a smaller scale) so CI keeps the
 * invariants true; {@code ./mvnw -Pload verify} runs it full size ({@link LoadPlan#full()}) and prints the figures,
 * the {@code LOAD RESULT} line last. The figures are printed, never asserted: the machines are shared.
 */
class ClusterLoadIT {

    @Test
    void twoNodesUnderLoadAndFaultsLoseNothingAndSendNothingTwice() throws Exception {
        LoadPlan plan = LoadPlan.fromSystemProperties();
        LoadResult result = new LoadRun(plan, TestDatabases.postgresName("load_" + plan.name()), LoadRun.logs(plan.name()))
                .run();
        Figures.report("load-" + plan.name(), result.report() + result.line());

        assertThat(result.seedingProblems()).as("two fresh nodes started at once: everything seeded exactly once")
                .isEmpty();
        assertThat(result.lostCampaigns()).as("campaigns neither in a named end state nor waiting as a task or incident")
                .isEmpty();
        assertThat(result.duplicateSends()).as("messages sent twice (same campaign, channel, customer)").isZero();
        assertThat(result.duplicateCampaigns()).as("campaigns started twice for one event").isZero();
        assertThat(result.incidentsWithoutCause()).as("incidents that do not say why").isEmpty();
        assertThat(result.campaigns())
                .isEqualTo(plan.campaigns() + plan.lowCampaigns() + plan.roundCampaigns() + result.warmUpCampaigns());
    }
}
