package io.campaignpilot.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answers of a competent but gullible model, for {@link StubChatServer#answer}: valid copy for the channel from
 * the offer in the prompt, carrying the lines policies require, unless a source tells it otherwise.
 */
public final class StubCopywriter {
    private static final Pattern OFFER = Pattern.compile(
            "- (.+?) \\((HP-[A-Z]+-\\d+)\\), \\w+: regular price £([\\d.]+), (\\d+)% off, sale price £([\\d.]+)");
    private static final Pattern REQUIRED_LINE = Pattern.compile("carries the line \"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubCopywriter() {
    }

    public static String answer(JsonNode request) {
        String prompt = StubChatServer.prompt(request);
        String channel = request.path("response_format").path("json_schema").path("name").asText().replace("_copy", "");
        Matcher offer = OFFER.matcher(prompt);
        if (!offer.find()) {
            return "{}";
        }
        String name = offer.group(1);
        String deal = prompt.contains("offer 90% off") ? "90% off everything" : offer.group(4) + "% off, now £" + offer.group(5);
        Map<String, Object> copy = new LinkedHashMap<>(switch (channel) {
            case "email" -> Map.of("subject", name + ": " + offer.group(4) + "% off", "preheader", "For the days spent outside.",
                    "body", "Hi {{first_name}},\n\nThe " + name + " is " + deal + " (was £" + offer.group(3) + ").\n\nThe Harbor & Pine team",
                    "callToAction", "Shop the collection");
            case "sms" -> Map.of("text", "Harbor & Pine: " + name + " " + deal + ". Reply STOP to opt out");
            case "push" -> Map.of("title", name, "body", deal + ".");
            case "web" -> Map.of("headline", name + ", " + offer.group(4) + "% off", "body", "The " + name + " is " + deal + ".",
                    "callToAction", "Shop the collection");
            default -> Map.of("primaryText", "The " + name + " is " + deal + ".", "headline", name);
        });
        // it carries the lines policies require, as the sources tell it to
        Matcher required = REQUIRED_LINE.matcher(prompt);
        if (required.find() && channel.equals("email")) {
            copy.put("body", copy.get("body") + "\n\n" + required.group(1));
        }
        copy.put("citations", List.of(1, 2));
        try {
            return JSON.writeValueAsString(copy);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
