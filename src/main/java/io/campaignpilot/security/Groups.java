package io.campaignpilot.security;

import java.util.List;

/** The roles CampaignPilot knows, as Camunda groups. */
public final class Groups {
    public static final String MARKETING_MANAGERS = "marketing-managers";
    public static final String MARKETING_LEADS = "marketing-leads";
    public static final String LEGAL_REVIEWERS = "legal-reviewers";
    public static final String LEGAL_LEADS = "legal-leads";
    public static final String PROCESS_OWNERS = "process-owners";
    public static final String AUDITORS = "auditors";
    public static final String INTEGRATORS = "integrators";
    /** The storefront's server: reads customers' live web content, nothing else. */
    public static final String STOREFRONT = "storefront";
    /** Prometheus's scrape user: reads /actuator/prometheus, nothing else. */
    public static final String METRICS_READERS = "metrics-readers";
    public static final String ADMINS = "camunda-admin";

    public static final List<String> ALL = List.of(MARKETING_MANAGERS, MARKETING_LEADS, LEGAL_REVIEWERS, LEGAL_LEADS, PROCESS_OWNERS,
            AUDITORS, INTEGRATORS, STOREFRONT, METRICS_READERS, ADMINS);

    private Groups() {
    }
}
