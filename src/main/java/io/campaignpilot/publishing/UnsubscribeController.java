package io.campaignpilot.publishing;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.publishing.UnsubscribeLinks.InvalidTokenException;
import io.campaignpilot.publishing.UnsubscribeLinks.Subject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /api/unsubscribe?token=…}, reached from a mailbox without logging in (the signed token is the authority).
 * POST unsubscribes: a mail client's one-click request (body {@code List-Unsubscribe=One-Click}, RFC 8058) or the
 * button on the confirmation page; doing it again changes nothing and answers the same. GET only shows that page:
 * link scanners and mail clients fetch links on their own, and a fetch must not unsubscribe anyone. A changed or
 * cut-short token is refused with 400. The pages show no personal data: whoever holds the link may open it.
 */
@Controller
class UnsubscribeController {
    // the pages load nothing and their only form posts back here; the token in the URL goes nowhere else
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final UnsubscribeLinks links;
    private final Unsubscribes unsubscribes;
    private final String sender;

    UnsubscribeController(UnsubscribeLinks links, Unsubscribes unsubscribes, PublishingProperties properties) {
        this.links = links;
        this.unsubscribes = unsubscribes;
        this.sender = EmailContent.senderName(properties.emailFrom());
    }

    @GetMapping(UnsubscribeLinks.PATH)
    ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        Subject subject = links.verify(token);
        return page(HttpStatus.OK, "Unsubscribe from " + sender + " " + what(subject.channel()) + "?", """
                <p>You will no longer receive %s from %s.</p>
                <form method="post" action="unsubscribe?token=%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Unsubscribe</button>
                </form>""".formatted(e(what(subject.channel())), e(sender), e(token)));
    }

    @PostMapping(UnsubscribeLinks.PATH)
    ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
        Subject subject = links.verify(token);
        unsubscribes.optOut(subject);
        return page(HttpStatus.OK, "You are unsubscribed", "<p>%s will send you no more %s. This applies at once.</p>"
                .formatted(e(sender), e(what(subject.channel()))));
    }

    @ExceptionHandler(InvalidTokenException.class)
    ResponseEntity<String> invalid(InvalidTokenException e) {
        return page(HttpStatus.BAD_REQUEST, "This unsubscribe link is not valid", """
                <p>The link was changed or cut short on its way here (%s). Please open it exactly as it appears in \
                the email, or use the unsubscribe button of your mail program.</p>""".formatted(e(e.getMessage())));
    }

    private static String what(Channel channel) {
        return switch (channel) {
            case EMAIL -> "marketing emails";
            case SMS -> "marketing text messages";
            case PUSH -> "marketing notifications";
            case WEB -> "personalised offers on our website";
            case SOCIAL -> "personalised offers on social media";
        };
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String content) {
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%1$s</title>
                <style>body{font-family:Arial,Helvetica,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;\
                line-height:1.5;color:#222}button{font-size:1em;padding:.6em 1.4em;cursor:pointer}</style>
                </head>
                <body>
                <main>
                <h1>%1$s</h1>
                %2$s
                </main>
                </body>
                </html>
                """.formatted(e(title), content);
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }

    private static String e(String text) {
        return EmailContent.escape(text);
    }
}
