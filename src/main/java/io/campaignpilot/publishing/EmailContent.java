package io.campaignpilot.publishing;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two bodies of a campaign email, built from the variant's copy after the merge tags are filled: plain text as
 * written, and HTML with every character of copy and customer data escaped, a paragraph per blank-line-separated
 * block, and links (copy may only carry approved https links) made clickable. Both end with the recipient's own
 * unsubscribe link. String building rather than a template engine: the markup is a dozen fixed lines, and escaping in
 * one visible place is easier to trust than a template's defaults.
 */
final class EmailContent {
    private static final Pattern PARAGRAPHS = Pattern.compile("\\n[ \\t]*\\n\\s*");
    private static final Pattern LINK = Pattern.compile("https://[^\\s<>\"'`]+");
    private static final String TRAILING = ".,;:!?)'\"";
    private static final String FONT = "font-family:Arial,Helvetica,sans-serif;";

    private EmailContent() {
    }

    static String text(String body, String unsubscribeLink, String sender) {
        return normalise(body).strip() + "\n\n-- \n" + "You receive this email because you agreed to hear from " + sender
                + ".\nUnsubscribe: " + unsubscribeLink + "\n";
    }

    static String html(String locale, String subject, String preheader, String body, String unsubscribeLink, String sender) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html")
                .append(locale == null || locale.isBlank() ? "" : " lang=\"" + escape(locale) + "\"").append(">\n<head>\n")
                .append("<meta charset=\"UTF-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(subject)).append("</title>\n</head>\n")
                .append("<body style=\"margin:0;padding:0;background:#ffffff;\">\n");
        if (preheader != null && !preheader.isBlank()) {
            // the line inboxes show next to the subject; hidden in the message itself
            html.append("<div style=\"display:none;max-height:0;overflow:hidden;\">").append(escape(preheader.strip()))
                    .append("</div>\n");
        }
        html.append("<div style=\"max-width:600px;margin:0 auto;padding:24px;").append(FONT)
                .append("font-size:16px;line-height:1.5;color:#222222;\">\n");
        for (String paragraph : PARAGRAPHS.split(normalise(body).strip())) {
            if (!paragraph.isBlank()) {
                html.append("<p style=\"margin:0 0 16px;\">").append(withLinks(paragraph.strip()).replace("\n", "<br>\n"))
                        .append("</p>\n");
            }
        }
        html.append("<p style=\"margin:32px 0 0;padding-top:16px;border-top:1px solid #dddddd;font-size:12px;color:#666666;\">")
                .append("You receive this email because you agreed to hear from ").append(escape(sender)).append(". ")
                .append("<a href=\"").append(escape(unsubscribeLink)).append("\" style=\"color:#666666;\">Unsubscribe</a>")
                .append("</p>\n</div>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The display name of a From address ("Harbor & Pine"), or the address when it has none. */
    static String senderName(String from) {
        try {
            InternetAddress address = new InternetAddress(from);
            return address.getPersonal() != null && !address.getPersonal().isBlank() ? address.getPersonal() : address.getAddress();
        } catch (AddressException e) {
            throw new IllegalStateException("campaignpilot.publishing.email-from is not an email address: " + e.getMessage(), e);
        }
    }

    /** Text as HTML text or attribute value (double or single quoted). */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes the paragraph and turns each https link in it into an anchor; punctuation after a link stays text. */
    private static String withLinks(String paragraph) {
        StringBuilder out = new StringBuilder();
        Matcher link = LINK.matcher(paragraph);
        int at = 0;
        while (link.find()) {
            String url = link.group();
            int end = url.length();
            while (end > "https://".length() && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
                end--;
            }
            url = url.substring(0, end);
            out.append(escape(paragraph.substring(at, link.start())))
                    .append("<a href=\"").append(escape(url)).append("\">").append(escape(url)).append("</a>");
            at = link.start() + end;
        }
        return out.append(escape(paragraph.substring(at))).toString();
    }

    private static String normalise(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
