package io.campaignpilot.generation;

import io.campaignpilot.campaign.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A reviewer's edit is held to the same checks as generated copy, citations aside. */
class CopyCheckEditTest {
    private final GenerationProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("campaignpilot.generation", GenerationProperties.class);
    private final CopyCheck check = new CopyCheck(properties);
    private final GenerationRequest request = OpenAiGeneratorWireTest.request(Channel.SMS, List.of());
    private final CopyCheck.Offer offer = CopyCheck.Offer.of(request);

    @ParameterizedTest
    @EnumSource(Channel.class)
    void groundedCopyPassesAsAnEditOfItself(Channel channel) {
        GenerationRequest r = OpenAiGeneratorWireTest.request(channel, List.of());
        Map<String, String> fields = new GroundedGenerator(properties.limits()).generate(r).variant().fields();

        assertThat(check.editViolations(channel, fields, CopyCheck.Offer.of(r))).isEmpty();
    }

    @Test
    void anEditedSmsIsJudgedLikeGeneratedCopy() {
        Map<String, String> edited = Map.of("text", "Hi {{last_name}}: bottles 30% off, now £19.99 at "
                + "https://good.example@evil.example or harborandpine.example/deal");

        assertThat(check.editViolations(Channel.SMS, edited, offer)).containsExactly(
                "the SMS must end with \"Reply STOP to opt out\"",
                "the link \"https://good.example@evil.example\" hides its host behind \"good.example@\": links may not "
                        + "carry user info",
                "the link \"harborandpine.example/deal\" has no scheme, so apps open it over plain http: write it as "
                        + "\"https://harborandpine.example/deal\"",
                "the merge tag {{last_name}} does not exist; only {{first_name}} may be used",
                "the copy offers 30% off (\"30% off\"), but the campaign's discount is 20%",
                "the amount £19.99 is neither a price of the offer nor stated in a source");
    }

    @Test
    void anEditNeedsEveryFieldButNoCitations() {
        Map<String, String> edited = new LinkedHashMap<>();
        edited.put("title", "Bottles 20% off");
        edited.put("citations", "1");

        assertThat(check.editViolations(Channel.PUSH, edited, offer)).containsExactly(
                "field \"body\" is missing or empty", "field \"citations\" is not part of the push format");
        assertThat(check.editViolations(Channel.PUSH, Map.of("title", "Bottles 20% off",
                "body", "Now £25.60 at https://harborandpine.example/bottles."), offer)).isEmpty();
        assertThat(check.violations(Channel.PUSH, Map.of("title", "Bottles 20% off", "body", "Now £25.60."), request))
                .containsExactly("\"citations\" must list the numbers of the sources used");
    }

    @EnableConfigurationProperties(GenerationProperties.class)
    @Import(CopyCheck.class)
    static class Wiring {
    }

    @Test
    void oneBeanJudgesCopyWithTheConfiguredHostsAndABadHostStopsStartup() {
        ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Wiring.class);
        context.withPropertyValues("campaignpilot.generation.approved-url-hosts=shop.example")
                .run(c -> assertThat(c.getBean(CopyCheck.class).editViolations(Channel.PUSH,
                        Map.of("title", "Bottles", "body", "https://shop.example/x https://harborandpine.example/x"), offer))
                        .singleElement().asString().contains("\"harborandpine.example\", which is not an approved host"));
        context.withPropertyValues("campaignpilot.generation.approved-url-hosts=https://shop.example")
                .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must list host names such as harborandpine.example, not \"https://shop.example\""));
    }
}
