package io.campaignpilot.process;

import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.learning.CampaignLearnings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** After the measurement: drafts what the campaign teaches, for a marketing lead to approve (none without a verdict). */
@Component("draftCampaignLearning")
public class DraftCampaignLearning implements JavaDelegate {
    private final CampaignLearnings learnings;
    private final CampaignRepository campaigns;

    public DraftCampaignLearning(CampaignLearnings learnings, CampaignRepository campaigns) {
        this.learnings = learnings;
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        Optional<CampaignLearnings.Draft> draft = learnings.draft(id);
        execution.setVariable(ProcessNames.LEARNING_DRAFTED, draft.isPresent());
        draft.ifPresent(d -> {
            execution.setVariable(ProcessNames.CAMPAIGN_TITLE, campaigns.find(id).orElseThrow().title());
            execution.setVariable(ProcessNames.LEARNING_DOC_ID, d.docId());
            execution.setVariable(ProcessNames.LEARNING_VERSION, d.version());
            execution.setVariable(ProcessNames.LEARNING_TEXT, d.text());
        });
    }
}
