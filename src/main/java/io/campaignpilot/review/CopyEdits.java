package io.campaignpilot.review;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.web.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the "Edit copy" box of the review form: one field per line as {@code email #1 subject: New subject};
 * lines that do not start a field continue the one above (a multi-line email body).
 */
public final class CopyEdits {
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+)\\s*#(\\d{1,4})\\s+(\\w+)\\s*:\\s?(.*)$");

    private CopyEdits() {
    }

    public static List<ReviewEdits.Edit> parse(String text) {
        List<ReviewEdits.Edit> edits = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return edits;
        }
        String[] lines = text.split("\\R", -1);
        StringBuilder value = null;
        String[] head = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = FIELD.matcher(lines[i]);
            if (m.matches() && isChannel(m.group(1))) {
                if (head != null) {
                    edits.add(edit(head, value));
                }
                head = new String[]{m.group(1), m.group(2), m.group(3), String.valueOf(i + 1)};
                value = new StringBuilder(m.group(4));
            } else if (head != null) {
                value.append('\n').append(lines[i]);
            } else if (!lines[i].isBlank()) {
                throw new InvalidInputException("editedCopy", "line " + (i + 1) + " must start with a channel, variant and "
                        + "field, such as \"email #1 subject: ...\"");
            }
        }
        edits.add(edit(head, value));
        return edits;
    }

    private static ReviewEdits.Edit edit(String[] head, StringBuilder value) {
        return new ReviewEdits.Edit(Channel.of(head[0]), Integer.parseInt(head[1]), head[2], value.toString().strip());
    }

    private static boolean isChannel(String key) {
        return Channel.fromKey(key).isPresent();
    }
}
