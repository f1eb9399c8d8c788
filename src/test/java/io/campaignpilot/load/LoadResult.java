package io.campaignpilot.load;

import java.util.List;
import java.util.Locale;

/**
 * What the load and fault run found: the invariants (each must be 0) with the campaigns or rows behind any that is
 * not, and the figures. {@link #line()} is the one line for machines, printed last.
 */
record LoadResult(long campaigns, int warmUpCampaigns, List<String> seedingProblems, List<String> lostCampaigns, long duplicateSends, long duplicateCampaigns,
                  List<String> incidentsWithoutCause, double lowPerSecond, double noopPerSecond, double emailsPerSecond,
                  double apiP99Ms, double heapMaxMb, String report) {

    long lost() {
        return lostCampaigns.size();
    }

    String line() {
        return String.format(Locale.ROOT, "LOAD RESULT campaigns=%d lost=%d duplicateSends=%d duplicateCampaigns=%d "
                        + "lowPerSecond=%.2f noopPerSecond=%.2f emailsPerSecond=%.1f apiP99Ms=%.1f heapMaxMb=%.0f",
                campaigns, lost(), duplicateSends, duplicateCampaigns, lowPerSecond, noopPerSecond, emailsPerSecond,
                apiP99Ms, heapMaxMb);
    }
}
