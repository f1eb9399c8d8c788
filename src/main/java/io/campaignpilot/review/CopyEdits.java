package io.campaignpilot.review;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.CopyCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The marketing review form's per-field edit inputs: one input per field of variant #1 of each channel (keyed
 * {@code editEmailSubject}, {@code editSmsText}, ...), prefilled with the current copy. A value that differs from the
 * copy is an edit; an unchanged one is none. Further variants are edited through {@code PUT /api/campaigns/{id}/variants}.
 */
public final class CopyEdits {
    /** The variant the form's inputs edit. */
    public static final int FORM_VARIANT = 1;

    /** Every input key, in the order the form shows them, with the channel and field it edits. */
    private static final Map<String, Target> INPUTS = new LinkedHashMap<>();

    private record Target(Channel channel, String field) {
    }

    static {
        for (Channel channel : Channel.values()) {
            for (String field : CopyCheck.FIELDS.get(channel)) {
                INPUTS.put(inputKey(channel, field), new Target(channel, field));
            }
        }
    }

    private CopyEdits() {
    }

    /** The form input's key for a field of a channel: email + callToAction gives editEmailCallToAction. */
    public static String inputKey(Channel channel, String field) {
        return "edit" + capitalised(channel.key()) + capitalised(field);
    }

    /** Every edit input's key: the variables a marketing reviewer may submit besides decision and comment. */
    public static List<String> inputKeys() {
        return List.copyOf(INPUTS.keySet());
    }

    /**
     * The inputs prefilled with the copy as it stands, for the channels the campaign has, and those channels
     * ({@code reviewChannels}, "email,push"), by which the form shows only their inputs.
     */
    public static Map<String, Object> prefill(List<ChannelVariant> variants) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(ProcessNames.REVIEW_CHANNELS, String.join(",", variants.stream().filter(v -> v.variantNo() == FORM_VARIANT)
                .map(v -> v.channel().key()).distinct().toList()));
        for (ChannelVariant v : variants) {
            if (v.variantNo() == FORM_VARIANT) {
                v.fields().forEach((field, value) -> {
                    if (INPUTS.containsKey(inputKey(v.channel(), field))) {
                        values.put(inputKey(v.channel(), field), value);
                    }
                });
            }
        }
        return values;
    }

    /**
     * The edits among a completion's variables: every edit input whose value differs from the copy shown (the
     * {@code shown} variables, prefilled by {@link #prefill}); an input with no copy shown is an edit too, which the
     * edit's checks then refuse as a variant the campaign does not have.
     */
    public static List<ReviewEdits.Edit> fromForm(Map<String, ?> submitted, Map<String, ?> shown) {
        List<ReviewEdits.Edit> edits = new ArrayList<>();
        INPUTS.forEach((key, target) -> {
            if (submitted.containsKey(key)) {
                String value = text(submitted.get(key));
                if (!Objects.equals(strip(value), strip(text(shown.get(key))))) {
                    edits.add(new ReviewEdits.Edit(target.channel(), FORM_VARIANT, target.field(), value));
                }
            }
        });
        return edits;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
