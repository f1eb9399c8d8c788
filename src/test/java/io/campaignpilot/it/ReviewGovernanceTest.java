package io.campaignpilot.it;

import io.campaignpilot.engine.ProcessNames;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route around review, tried through Camunda's own REST API as the people who would try it: each is refused
 * with a 4xx and a reason a person can read, and the campaign stays where it was.
 */
class ReviewGovernanceTest extends ApiTestBase {
    @Autowired
    IdentityService identity;

    /** Someone in both marketing and legal: the one person four eyes must stop. */
    @BeforeEach
    void marketingAndLegalInOnePerson() {
        if (identity.createUserQuery().userId("max").count() == 0) {
            User max = identity.newUser("max");
            max.setFirstName("Max");
            max.setLastName("Both-Hats");
            max.setPassword(PASSWORD);
            identity.saveUser(max);
            identity.createMembership("max", "marketing-managers");
            identity.createMembership("max", "legal-reviewers");
        }
    }

    @Test
    void forgedVariablesAreRefusedAndAHighRiskCampaignStillWaitsForLegal() throws Exception {
        String campaignId = triggerHighRisk();
        String taskId = awaitTask("mary", campaignId).path("id").asText();
        claim(taskId, "mary");

        // the attack that shipped 370 emails: approve and lower the tier in the same request
        HttpResponse<String> forged = complete(taskId, "mary", """
                {"marketingDecision": {"value": "approve"}, "riskTier": {"value": "MEDIUM"}}""");
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
        assertThat(message(forged)).contains("may set only", "riskTier").doesNotContain("ENGINE-");
        for (String variable : new String[]{ProcessNames.CAMPAIGN_ID, ProcessNames.GENERATION_ROUND,
                ProcessNames.MAX_GENERATION_ROUNDS, ProcessNames.REVIEW_OUTCOME, ProcessNames.LEGAL_DECISION,
                ProcessNames.APPROVED_CHANNELS}) {
            HttpResponse<String> other = complete(taskId, "mary", """
                    {"marketingDecision": {"value": "approve"}, "%s": {"value": "x"}}""".formatted(variable));
            assertThat(other.statusCode()).as(variable + ": " + other.body()).isEqualTo(400);
            assertThat(message(other)).contains(variable);
        }
        HttpResponse<String> viaForm = post("/engine-rest/task/" + taskId + "/submit-form", "mary", """
                {"variables": {"marketingDecision": {"value": "approve"}, "riskTier": {"value": "LOW"}}}""");
        assertThat(viaForm.statusCode()).as(viaForm.body()).isEqualTo(400);
        // nor can the variables be set beside the completion
        HttpResponse<String> sideDoor = post("/engine-rest/task/" + taskId + "/variables", "mary", """
                {"modifications": {"riskTier": {"value": "LOW"}}}""");
        assertThat(sideDoor.statusCode()).as(sideDoor.body()).isEqualTo(403);
        assertThat(put("/engine-rest/task/" + taskId + "/variables/riskTier", "mary", "{\"value\": \"LOW\"}").statusCode())
                .isEqualTo(403);

        // decisions and comments are checked on the server
        HttpResponse<String> unknownDecision = complete(taskId, "mary", "{\"marketingDecision\": {\"value\": \"approved\"}}");
        assertThat(unknownDecision.statusCode()).isEqualTo(400);
        assertThat(message(unknownDecision)).contains("approve, requestChanges or reject", "\"approved\"");
        HttpResponse<String> silentReject = complete(taskId, "mary", "{\"marketingDecision\": {\"value\": \"reject\"}}");
        assertThat(silentReject.statusCode()).isEqualTo(400);
        assertThat(message(silentReject)).contains("Write a comment");
        assertThat(complete(taskId, "mary", "{}").statusCode()).isEqualTo(400);

        // nothing moved: the same task is open and nothing was published
        assertThat(get("/engine-rest/task/" + taskId, "mary").statusCode()).isEqualTo(200);
        assertThat(campaign(campaignId).path("reviewDecisions")).isEmpty();

        // the honest approval goes on to legal, which marketing can neither see nor skip
        assertThat(complete(taskId, "mary", "{\"marketingDecision\": {\"value\": \"approve\"}}").statusCode()).isEqualTo(204);
        JsonNode legal = awaitTask("lena", campaignId);
        assertThat(legal.path("taskDefinitionKey").asText()).isEqualTo(ProcessNames.LEGAL_REVIEW_TASK);
        assertThat(read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "mary").body())).isEmpty();
        assertThat(campaign(campaignId).path("campaign").path("status").asText()).isEqualTo("RUNNING");
        assertThat(campaign(campaignId).path("reviewDecisions").get(0).path("reviewer").asText()).isEqualTo("mary");

        // no copy edits while legal reviews: legal requests changes instead
        HttpResponse<String> lateEdit = put("/api/campaigns/" + campaignId + "/variants", "mary", """
                {"edits": [{"channel": "email", "variantNo": 1, "field": "subject", "value": "Vitamin D, now"}]}""");
        assertThat(lateEdit.statusCode()).as(lateEdit.body()).isEqualTo(409);
        assertThat(message(lateEdit)).contains("legal review");

        // an overdue legal review escalates to the legal leads, never to marketing
        Job sla = engine.getManagementService().createJobQuery().processInstanceId(legal.path("processInstanceId").asText())
                .timers().singleResult();
        // the SLA is a day: bring the timer due now and let the job executor fire it, as it would tomorrow
        engine.getManagementService().setJobDuedate(sla.getId(), new java.util.Date());
        CampaignPilotTestSupport.await("the overdue legal review escalated", Duration.ofSeconds(60),
                () -> read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "lucas").body()).size() == 1);
        assertThat(engine.getTaskService().getIdentityLinksForTask(legal.path("id").asText()))
                .extracting(link -> link.getGroupId()).contains("legal-leads").doesNotContain("marketing-leads");
        assertThat(read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "leo").body())).isEmpty();

        claim(legal.path("id").asText(), "lena");
        assertThat(complete(legal.path("id").asText(), "lena", "{\"legalDecision\": {\"value\": \"approve\"}}").statusCode())
                .isEqualTo(204);
        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofSeconds(90),
                () -> "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText()));
        assertThat(campaign(campaignId).path("reviewDecisions").findValuesAsText("reviewer")).containsExactly("mary", "lena");
    }

    @Test
    void fourEyesTheAuthorNeverApprovesAndMarketingNeverAlsoApprovesAsLegal() throws Exception {
        // mary's own brief, submitted through the start form's REST door
        HttpResponse<String> started = post("/engine-rest/process-definition/key/campaign-lifecycle/submit-form", "mary", """
                {"variables": {"title": {"value": "Winter vitamins for the east"}, "skus": {"value": "HP-SUP-001"},
                 "region": {"value": "east"}, "segment": {"value": "all"}, "discountPercent": {"value": 10, "type": "Long"},
                 "channelEmail": {"value": true}, "objective": {"value": "Lift supplement sales"}}}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String instanceId = read(started.body()).path("id").asText();
        String campaignId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId)
                .singleResult().getBusinessKey();
        assertThat(campaign(campaignId).path("campaign").path("createdBy").asText()).isEqualTo("mary");

        String taskId = awaitTask("mary", campaignId).path("id").asText();
        HttpResponse<String> ownApproval = complete(taskId, "mary", "{\"marketingDecision\": {\"value\": \"approve\"}}");
        assertThat(ownApproval.statusCode()).as(ownApproval.body()).isEqualTo(403);
        assertThat(message(ownApproval)).contains("wrote this campaign's brief", "four eyes");
        claim(taskId, "max");
        assertThat(complete(taskId, "max", "{\"marketingDecision\": {\"value\": \"approve\"}}").statusCode()).isEqualTo(204);
        JsonNode legal = awaitTask("lena", campaignId);
        claim(legal.path("id").asText(), "max");
        HttpResponse<String> secondHat = complete(legal.path("id").asText(), "max", "{\"legalDecision\": {\"value\": \"approve\"}}");
        assertThat(secondHat.statusCode()).as(secondHat.body()).isEqualTo(403);
        assertThat(message(secondHat)).contains("marketing approval", "four eyes");
        assertThat(get("/engine-rest/task/" + legal.path("id").asText(), "lena").statusCode()).isEqualTo(200);
    }

    @Test
    void theStartFormTakesTheRetailersOwnRegionsSegmentsAndCategoriesAndNamesThemWhenOneIsUnknown() throws Exception {
        // the form hard-codes none of them: the brief is judged against configuration and data, and the refusal lists them
        HttpResponse<String> refused = post("/engine-rest/process-definition/key/campaign-lifecycle/submit-form", "mary", """
                {"variables": {"title": {"value": "Nowhere"}, "category": {"value": "spaceships"},
                 "region": {"value": "atlantis"}, "segment": {"value": "moon-walkers"}, "channelEmail": {"value": true}}}""");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(message(refused)).contains("unknown region atlantis: the retailer trades in east, north, south, west",
                "unknown segment moon-walkers", "foodies", "unknown category spaceships", "kitchen");
        String form = get("/engine-rest/process-definition/key/campaign-lifecycle/deployed-start-form", "mary").body();
        assertThat(form).doesNotContain("\"values\"", "outdoor-enthusiasts", "\"north\"");
    }

    @Test
    void aBriefTheFormGotWrongIsRefusedNamingEachFieldAndNothingStarts() throws Exception {
        long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("campaign-lifecycle").count();
        // every box clear, half a percent, and a category that is not the product's: each named in one answer
        HttpResponse<String> refused = post("/engine-rest/process-definition/key/campaign-lifecycle/submit-form", "mary", """
                {"variables": {"title": {"value": "Blankets"}, "skus": {"value": "HP-OUT-004"}, "category": {"value": "toys"},
                 "region": {"value": "south"}, "discountPercent": {"value": 12.5, "type": "Double"},
                 "channelEmail": {"value": false}, "channelSms": {"value": false}}}""");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(message(refused)).contains("channels: choose at least one channel",
                "discountPercent: must be a whole number of percent, not 12.5",
                "category: HP-OUT-004 is in outdoor, not toys");
        // the same through the start resource, which answers only authorization refusals with a 4xx
        HttpResponse<String> started = post("/engine-rest/process-definition/key/campaign-lifecycle/start", "mary", """
                {"variables": {"title": {"value": "Blankets"}, "skus": {"value": "HP-OUT-004"}, "region": {"value": "south"},
                 "discountPercent": {"value": 10}}}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(403);
        assertThat(message(started)).contains("channels: choose at least one channel");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("campaign-lifecycle").count())
                .isEqualTo(before);
    }

    @Test
    void commentsAndAttachmentsComeOnlyFromTheTasksReviewersAndStay() throws Exception {
        String campaignId = triggerHighRisk();
        String taskId = awaitTask("mary", campaignId).path("id").asText();
        String comment = "/engine-rest/task/" + taskId + "/comment";

        // the engine checks no permission on comments and attachments: an auditor or a process owner would write
        // into the live review's record
        for (String outsider : new String[]{"ada", "owen"}) {
            HttpResponse<String> added = post(comment + "/create", outsider, "{\"message\": \"noted\"}");
            assertThat(added.statusCode()).as(outsider + ": " + added.body()).isEqualTo(403);
            assertThat(message(added)).contains("Only members of marketing-managers");
        }
        // legal does not even see marketing's task
        assertThat(post(comment + "/create", "lena", "{\"message\": \"noted\"}").statusCode()).isEqualTo(400);
        String boundary = "cp" + UUID.randomUUID();
        HttpResponse<String> attached = send(HttpRequest.newBuilder(uri("/engine-rest/task/" + taskId + "/attachment/create"))
                .header("Authorization", basic("ada")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                        + "name=\"attachment-name\"\r\n\r\nnote\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                        + "name=\"url\"\r\n\r\nhttp://127.0.0.1/x\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8))
                .build());
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(403);
        assertThat(engine.getTaskService().getTaskAttachments(taskId)).isEmpty();

        // a comment on the review stays as written: nobody who reads it rewrites or deletes it
        String commentId = engine.getTaskService().createComment(taskId, null, "checking the claim").getId();
        HttpResponse<String> rewritten = put(comment, "owen", "{\"id\": \"" + commentId + "\", \"message\": \"nothing\"}");
        assertThat(rewritten.statusCode()).as(rewritten.body()).isEqualTo(403);
        assertThat(message(rewritten)).contains("never changed or deleted");
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri(comment + "/" + commentId))
                .header("Authorization", basic("owen")).DELETE().build());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(403);
        assertThat(engine.getTaskService().getTaskComments(taskId)).singleElement()
                .satisfies(c -> assertThat(c.getFullMessage()).isEqualTo("checking the claim"));
    }

    @Test
    void aDecisionOrEditThatIsNotTextIsRefusedNamingTheField() throws Exception {
        String campaignId = triggerHighRisk();
        String taskId = awaitTask("mary", campaignId).path("id").asText();
        claim(taskId, "mary");
        // a serialized Java object, which the engine would not read back: a 400 naming it, not a 500
        HttpResponse<String> serialized = complete(taskId, "mary", """
                {"marketingDecision": {"value": "rO0ABXQAB2FwcHJvdmU=", "type": "Object",
                 "valueInfo": {"objectTypeName": "java.lang.String",
                               "serializationDataFormat": "application/x-java-serialized-object"}}}""");
        assertThat(serialized.statusCode()).as(serialized.body()).isEqualTo(400);
        assertThat(message(serialized)).contains("marketingDecision", "plain value");
        HttpResponse<String> number = complete(taskId, "mary", """
                {"marketingDecision": {"value": "approve"}, "editEmailSubject": {"value": 123, "type": "Integer"}}""");
        assertThat(number.statusCode()).as(number.body()).isEqualTo(400);
        assertThat(message(number)).contains("editEmailSubject must be text");
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isOne();
    }

    @Test
    void peopleStartCampaignsOnlyFromABriefAndSendNoEngineMessages() throws Exception {
        String brief = """
                "title": {"value": "Tents"}, "skus": {"value": "HP-OUT-003"}, "region": {"value": "west"},
                "channelEmail": {"value": true}""";
        HttpResponse<String> forgedAuthor = post("/engine-rest/process-definition/key/campaign-lifecycle/submit-form", "mary",
                "{\"variables\": {" + brief + ", \"briefAuthor\": {\"value\": \"leo\"}}}");
        assertThat(forgedAuthor.statusCode()).as(forgedAuthor.body()).isEqualTo(400);
        assertThat(message(forgedAuthor)).contains("briefAuthor");
        HttpResponse<String> existingCampaign = post("/engine-rest/process-definition/key/campaign-lifecycle/start", "mary",
                "{\"variables\": {\"campaignId\": {\"value\": \"" + UUID.randomUUID() + "\"}}}");
        assertThat(existingCampaign.statusCode()).as(existingCampaign.body()).isEqualTo(403);
        assertThat(message(existingCampaign)).contains("campaignId");
        HttpResponse<String> skipAhead = post("/engine-rest/process-definition/key/campaign-lifecycle/start", "mary", """
                {"startInstructions": [{"type": "startBeforeActivity", "activityId": "PublishChannels"}]}""");
        assertThat(skipAhead.statusCode()).as(skipAhead.body()).isEqualTo(403);
        HttpResponse<String> message = post("/engine-rest/message", "mary", """
                {"messageName": "CampaignTriggered", "processVariables": {"campaignId": {"value": "x"}}}""");
        assertThat(message.statusCode()).as(message.body()).isEqualTo(403);
        HttpResponse<String> withdraw = post("/engine-rest/message", "owen", "{\"messageName\": \"CampaignWithdrawn\", \"all\": true}");
        assertThat(withdraw.statusCode()).as(withdraw.body()).isEqualTo(403);
        // nor do people work the application's external tasks (sending, search, model calls)
        HttpResponse<String> fetch = post("/engine-rest/external-task/fetchAndLock", "owen", """
                {"workerId": "owen", "maxTasks": 10, "topics": [{"topicName": "channel-dispatch", "lockDuration": 60000},
                 {"topicName": "grounding-retrieval", "lockDuration": 60000},
                 {"topicName": "copy-generation", "lockDuration": 60000}]}""");
        assertThat(fetch.statusCode()).as(fetch.body()).isEqualTo(403);
    }

    @Test
    void processOwnersOperateButCannotDeployOrMoveInstances() throws Exception {
        String campaignId = triggerHighRisk();
        JsonNode task = awaitTask("mary", campaignId);
        String instanceId = task.path("processInstanceId").asText();

        String boundary = "cp" + UUID.randomUUID();
        String bpmn = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">"
                + "<process id=\"skip-review\" isExecutable=\"true\"/></definitions>";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nskip\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"skip.bpmn\"\r\nContent-Type: text/xml\r\n\r\n"
                + bpmn + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> deploy = send(HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
                .header("Authorization", basic("owen")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(403);

        HttpResponse<String> modify = post("/engine-rest/process-instance/" + instanceId + "/modification", "owen", """
                {"instructions": [{"type": "cancel", "activityId": "MarketingReview"}, {"type": "startBeforeActivity",
                 "activityId": "ApprovedByMarketing"}]}""");
        assertThat(modify.statusCode()).as(modify.body()).isEqualTo(403);
        HttpResponse<String> variables = post("/engine-rest/process-instance/" + instanceId + "/variables", "owen",
                "{\"modifications\": {\"marketingDecision\": {\"value\": \"approve\"}}}");
        assertThat(variables.statusCode()).as(variables.body()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/process-instance/" + instanceId))
                .header("Authorization", basic("owen")).DELETE().build()).statusCode()).isEqualTo(403);
        // ...but they read everything, to operate
        assertThat(get("/engine-rest/process-instance/" + instanceId, "owen").statusCode()).isEqualTo(200);
        assertThat(get("/engine-rest/process-instance/" + instanceId, "ada").statusCode()).isEqualTo(200);
        // auditors change nothing
        assertThat(complete(task.path("id").asText(), "ada", "{\"marketingDecision\": {\"value\": \"approve\"}}").statusCode())
                .isEqualTo(403);
        assertThat(post("/engine-rest/task/" + task.path("id").asText() + "/claim", "ada", "{\"userId\": \"ada\"}").statusCode())
                .isEqualTo(403);
        assertThat(get("/engine-rest/task/" + task.path("id").asText(), "mary").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheReviewerHoldingTheMarketingReviewEditsTheCopy() throws Exception {
        String campaignId = triggerHighRisk();
        String taskId = awaitTask("mary", campaignId).path("id").asText();
        String edit = """
                {"edits": [{"channel": "email", "variantNo": 1, "field": "subject", "value": "Vitamin D for darker days"}]}""";
        HttpResponse<String> unclaimed = put("/api/campaigns/" + campaignId + "/variants", "mary", edit);
        assertThat(unclaimed.statusCode()).as(unclaimed.body()).isEqualTo(403);
        assertThat(message(unclaimed)).contains("claim the task first");
        claim(taskId, "mary");
        HttpResponse<String> someoneElse = put("/api/campaigns/" + campaignId + "/variants", "leo", edit);
        assertThat(someoneElse.statusCode()).as(someoneElse.body()).isEqualTo(403);
        assertThat(message(someoneElse)).contains("held by mary");
        HttpResponse<String> holder = put("/api/campaigns/" + campaignId + "/variants", "mary", edit);
        assertThat(holder.statusCode()).as(holder.body()).isEqualTo(200);
        // an edit meets the copy checks generated copy meets: a link hiding its host is refused, naming the variant
        HttpResponse<String> hiddenHost = put("/api/campaigns/" + campaignId + "/variants", "mary", """
                {"edits": [{"channel": "email", "variantNo": 1, "field": "subject",
                            "value": "Vitamin D: https://harborandpine.example@evil.example/d"}]}""");
        assertThat(hiddenHost.statusCode()).as(hiddenHost.body()).isEqualTo(400);
        assertThat(read(hiddenHost.body()).path("errors").findValuesAsText("field")).contains("email #1");
        assertThat(hiddenHost.body()).contains("user info");
        // the form path too: an edit from someone who does not hold the task is refused
        HttpResponse<String> formEdit = complete(taskId, "max", """
                {"marketingDecision": {"value": "approve"}, "editEmailSubject": {"value": "Vitamin D"}}""");
        assertThat(formEdit.statusCode()).as(formEdit.body()).isEqualTo(403);
        assertThat(message(formEdit)).contains("Claim the task");
    }

    @Test
    void noSideDoorEndsOrHandsOverAReview() throws Exception {
        String campaignId = triggerHighRisk();
        String taskId = awaitTask("mary", campaignId).path("id").asText();

        // a BPMN error with the outcome it wants: refused, and nothing could publish without recorded decisions anyway
        HttpResponse<String> bpmnError = post("/engine-rest/task/" + taskId + "/bpmnError", "mary", """
                {"errorCode": "skip", "variables": {"reviewOutcome": {"value": "APPROVED"}}}""");
        assertThat(bpmnError.statusCode()).as(bpmnError.body()).isEqualTo(403);
        HttpResponse<String> escalation = post("/engine-rest/task/" + taskId + "/bpmnEscalation", "mary", """
                {"escalationCode": "skip"}""");
        assertThat(escalation.statusCode()).as(escalation.body()).isEqualTo(403);

        // claiming is for oneself; handing back is for the holder
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"ada\"}").statusCode()).isEqualTo(403);
        claim(taskId, "max");
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": null}").statusCode()).isEqualTo(403);
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "max", "{\"userId\": null}").statusCode()).isEqualTo(204);

        // being made the assignee (here by an administrator) does not make an auditor a marketing reviewer
        assertThat(post("/engine-rest/task/" + taskId + "/assignee", "admin", "{\"userId\": \"ada\"}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> auditorDecides = complete(taskId, "ada", "{\"marketingDecision\": {\"value\": \"approve\"}}");
        assertThat(auditorDecides.statusCode()).as(auditorDecides.body()).isEqualTo(403);
        assertThat(message(auditorDecides)).contains("Only members of marketing-managers");

        // a variable that does not exist yet is still a variable the review may not set
        assertThat(post("/engine-rest/task/" + taskId + "/assignee", "admin", "{\"userId\": null}").statusCode())
                .isEqualTo(204);
        claim(taskId, "mary");
        HttpResponse<String> newNull = complete(taskId, "mary", """
                {"marketingDecision": {"value": "approve"}, "zzz": {"value": null}}""");
        assertThat(newNull.statusCode()).as(newNull.body()).isEqualTo(400);

        // an edit through the API refreshes what the form shows, so the next reader sees the copy that will go out
        HttpResponse<String> edit = put("/api/campaigns/" + campaignId + "/variants", "mary", """
                {"edits": [{"channel": "email", "variantNo": 1, "field": "subject", "value": "Vitamin D for the darker days"}]}""");
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
        JsonNode shown = read(get("/engine-rest/task/" + taskId + "/form-variables", "mary").body());
        assertThat(shown.path("reviewVariants").path("value").asText()).contains("**Subject:** Vitamin D for the darker days");
        assertThat(shown.path("editEmailSubject").path("value").asText()).isEqualTo("Vitamin D for the darker days");

        // process owners retry failed jobs; they cannot stop a healthy one
        String timer = engine.getManagementService().createJobQuery().processInstanceId(
                awaitTask("mary", campaignId).path("processInstanceId").asText()).timers().singleResult().getId();
        HttpResponse<String> stop = put("/engine-rest/job/" + timer + "/retries", "owen", "{\"retries\": 0}");
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(403);
    }

    private String triggerHighRisk() throws Exception {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-gov-%s", "type": "CONVERSION_DROP", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-SUP-001"], "region": "east", "discountPercent": 15, "channels": ["email"]}"""
                .formatted(UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("campaignId").asText();
    }

    private void claim(String taskId, String user) {
        HttpResponse<String> claimed = post("/engine-rest/task/" + taskId + "/claim", user, "{\"userId\": \"" + user + "\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    }

    private HttpResponse<String> complete(String taskId, String user, String variables) {
        return post("/engine-rest/task/" + taskId + "/complete", user, "{\"variables\": " + variables + "}");
    }

    private String message(HttpResponse<String> response) {
        return read(response.body()).path("message").asText();
    }
}
