package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.generation.StubChatServer;
import io.campaignpilot.generation.StubCopywriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which model writes, in which language, how many A/B variants, and what happens when the campaign's token budget
 * runs out — through the running application against a local OpenAI-compatible stub that reports a fixed
 * 2,000 prompt tokens a call, so the budget arithmetic is exact.
 */
class GenerationRoutingTest extends ApiTestBase {
    private static final StubChatServer model = start();

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void openAi(DynamicPropertyRegistry registry) {
        registry.add("campaignpilot.generation.provider", () -> "openai");
        registry.add("campaignpilot.generation.openai.base-url", model::baseUrl);
        registry.add("campaignpilot.generation.openai.model", () -> "small-model");
        registry.add("campaignpilot.generation.routing.regulated-model", () -> "careful-model");
        registry.add("campaignpilot.generation.variants-per-channel", () -> "2");
        // 2,060 tokens a call: three calls fit in 5,000 (the third starts at 4,120), the fourth finds the budget spent
        registry.add("campaignpilot.generation.token-budget", () -> "5000");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:campaignpilot-routing;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void theWestGetsTwoArmsInEnglishAndWelshUntilTheBudgetIsSpentAndEachCustomerReadsTheirLocale() throws Exception {
        String campaignId = trigger("west", "HP-OUT-004", 20);
        JsonNode variants = awaitVariants(campaignId, 4);

        assertThat(variants.findValuesAsText("variantNo")).containsExactly("1", "2", "3", "4");
        JsonNode english = variants.get(0);
        assertThat(english.path("locale").asText()).isEqualTo("en-GB");
        assertThat(english.path("model").asText()).isEqualTo("small-model");
        assertThat(variants.get(1).path("locale").asText()).isEqualTo("en-GB");
        assertThat(variants.get(2).path("generator").asText()).isEqualTo("openai");
        assertThat(variants.get(2).path("locale").asText()).isEqualTo("cy-GB");
        // the fourth call would have started at 6,180 tokens: the grounded generator wrote it, in English, and says so
        JsonNode overBudget = variants.get(3);
        assertThat(overBudget.path("generator").asText()).isEqualTo("fallback");
        assertThat(overBudget.path("locale").asText()).isEqualTo("en-GB");
        assertThat(overBudget.path("fallbackReason").asText())
                .contains("token budget of 5000 is spent (6180 used)")
                .contains("written in en-GB: the grounded generator has no cy-GB phrases");

        JsonNode summary = campaign(campaignId).path("generation");
        assertThat(summary.path("modelCalls").asInt()).isEqualTo(3);
        assertThat(summary.path("fallbackVariants").asInt()).isEqualTo(1);
        assertThat(summary.path("promptTokens").asLong()).isEqualTo(6000);
        // two arms per locale, written from different angles; the Welsh prompt names the language, not just the tag
        JsonNode calls = campaign(campaignId).path("generationCalls");
        List<String> campaignPrompts = calls.findValuesAsText("prompt");
        assertThat(campaignPrompts.get(0)).contains("in English (locale en-GB)").contains("variant 1 of 2");
        assertThat(campaignPrompts.get(1)).contains("variant 2 of 2");
        assertThat(campaignPrompts.get(2)).contains("in Welsh (locale cy-GB)");

        approveIfAsked(campaignId);
        Map<String, Set<Integer>> armsByLocale = jdbc.sql("""
                        select c.locale, d.variant_no from delivery d join customer c on c.id = d.customer_id
                        where d.campaign_id = ?""").param(campaignId)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
        assertThat(armsByLocale.get("cy-GB")).as("Welsh readers get the Welsh copy").containsExactly(3);
        assertThat(armsByLocale.get("en-GB")).as("English readers are split over the English arms").containsExactlyInAnyOrder(1, 2, 4);
    }

    @Test
    void aRegulatedProductIsWrittenByTheCarefulModel() throws Exception {
        String campaignId = trigger("north", "HP-SUP-001", 15);
        JsonNode variants = awaitVariants(campaignId, 2);
        assertThat(variants).allSatisfy(v -> assertThat(v.path("locale").asText()).isEqualTo("en-GB"));
        assertThat(variants).allSatisfy(v -> assertThat(v.path("model").asText()).isEqualTo("careful-model"));
        List<JsonNode> modelCalls = new java.util.ArrayList<>();
        campaign(campaignId).path("generationCalls").forEach(c -> {
            if ("openai".equals(c.path("call").path("generator").asText())) {
                modelCalls.add(c);
            }
        });
        assertThat(modelCalls).isNotEmpty().allSatisfy(c ->
                assertThat(c.path("call").path("parameters").path("model").asText()).isEqualTo("careful-model"));
    }

    private JsonNode awaitVariants(String campaignId, int count) {
        CampaignPilotTestSupport.await(count + " variants for " + campaignId, Duration.ofSeconds(90),
                () -> campaign(campaignId).path("variants").size() >= count);
        return campaign(campaignId).path("variants");
    }

    /** Approves the marketing review when the tier asks for one; a LOW tier may publish on its own. */
    private void approveIfAsked(String campaignId) throws Exception {
        CampaignPilotTestSupport.await("a review task or publication of " + campaignId, Duration.ofSeconds(90), () ->
                "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText())
                        || !read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "mary").body()).isEmpty());
        JsonNode tasks = read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "mary").body());
        if (!tasks.isEmpty()) {
            String taskId = tasks.get(0).path("id").asText();
            assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);
            HttpResponse<String> done = post("/engine-rest/task/" + taskId + "/submit-form", "mary",
                    "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}, \"marketingComment\": {\"value\": \"ok\"}}}");
            assertThat(done.statusCode()).as(done.body()).isIn(200, 204);
        }
        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofSeconds(90),
                () -> "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText()));
    }

    private String trigger(String region, String sku, int discount) throws IOException {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-routing-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["%s"], "region": "%s", "discountPercent": %d, "channels": ["email"]}"""
                .formatted(UUID.randomUUID(), sku, region, discount));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("campaignId").asText();
    }

    private static StubChatServer start() {
        try {
            StubChatServer stub = new StubChatServer();
            stub.promptTokens = 2000;
            stub.answer = StubCopywriter::answer;
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
