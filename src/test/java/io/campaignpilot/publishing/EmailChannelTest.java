package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.EmbeddedSmtp;
import io.campaignpilot.dev.SmtpSink;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** One batch over SMTP: a refused recipient fails alone, a relay that is down sends the whole batch back to wait. */
class EmailChannelTest {
    private static final Customer AMELIA = customer(17, "amelia.17@customers.example");
    private static final Customer OLIVER = customer(18, "oliver.18@customers.example");
    private static final Customer TYPO = customer(19, "isla.19@@customers.example");
    private static final ChannelVariant VARIANT = new ChannelVariant(Channel.EMAIL, 1,
            Map.of("subject", "Hi {{first_name}}", "body", "Hello {{first_name}}"), List.of(), "grounded", null, null,
            List.of(), "en-GB");

    static final PublishingProperties PROPERTIES = new PublishingProperties("Shop & Co <news@shop.example>",
            "https://shop.example/", new PublishingProperties.Unsubscribe("a test secret of at least 32 characters"), 1, 4, 50,
            null, null, null, null, 3, null, null, null, "Europe/London");
    static final UnsubscribeLinks LINKS = new UnsubscribeLinks(PROPERTIES);

    private final JavaMailSender mail = mock(JavaMailSender.class);
    private final EmailChannel channel = new EmailChannel(mail, PROPERTIES, LINKS);

    @Test
    void aRefusedRecipientIsBouncedAndTheOthersAreSent() throws Exception {
        List<MimeMessage> sent = new ArrayList<>();
        when(mail.createMimeMessage()).thenAnswer(i -> new MimeMessage(Session.getInstance(new Properties())));
        doAnswer(i -> {
            MimeMessage[] batch = java.util.Arrays.copyOf(i.getArguments(), i.getArguments().length, MimeMessage[].class);
            sent.addAll(List.of(batch));
            SMTPAddressFailedException refused = new SMTPAddressFailedException(new InternetAddress(OLIVER.email()),
                    "RCPT TO:<" + OLIVER.email() + ">", 550, "550 5.1.1 <" + OLIVER.email() + ">: Recipient address rejected");
            throw new MailSendException(Map.of(batch[1], new SendFailedException("Invalid Addresses",
                    refused, new jakarta.mail.Address[0], new jakarta.mail.Address[0],
                    new jakarta.mail.Address[]{new InternetAddress(OLIVER.email())})));
        }).when(mail).send(any(MimeMessage[].class));

        EmailChannel.Result result = channel.send("c-1", claims(AMELIA, OLIVER, TYPO), customers(AMELIA, OLIVER, TYPO),
                Map.of(1, VARIANT));

        Map<Long, Outcome> byId = result.outcomes().stream().collect(Collectors.toMap(Outcome::id, Function.identity()));
        assertThat(byId.get(17L).status()).isEqualTo("SENT");
        assertThat(byId.get(18L).status()).isEqualTo("BOUNCED");
        assertThat(byId.get(18L).reason()).startsWith("email to customer 18 was not sent: SMTPAddressFailedException")
                .doesNotContain("oliver");
        assertThat(byId.get(19L).status()).isEqualTo("SKIPPED");
        assertThat(byId.get(19L).reason()).startsWith("email to customer 19 was not sent: AddressException").doesNotContain("isla");
        assertThat(result.retry()).isEmpty();
        assertThat(result.channelFailure()).isNull();

        MimeMessage first = sent.getFirst();
        assertThat(first.getHeader("Message-ID")[0]).isEqualTo("<c-1.email.17@campaignpilot>");
        String link = first.getHeader("List-Unsubscribe")[0];
        assertThat(link).startsWith("<https://shop.example/api/unsubscribe?token=").endsWith(">");
        UnsubscribeLinks.Subject subject = LINKS.verify(link.substring(link.indexOf("token=") + 6, link.length() - 1));
        assertThat(subject.campaignId()).isEqualTo("c-1");
        assertThat(subject.channel()).isEqualTo(Channel.EMAIL);
        assertThat(subject.customerId()).isEqualTo(17);
        assertThat(first.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(first.getSubject()).isEqualTo("Hi Amelia");
    }

    @Test
    void aMailboxTheRelayRejectsWith550IsBouncedAloneOverRealSmtp() {
        try (SmtpSink relay = SmtpSink.start()) {
            relay.rejectRecipient(OLIVER.email());
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(relay.port());
            EmailChannel smtpChannel = new EmailChannel(sender, PROPERTIES, LINKS);
            Customer isla = new Customer(20, "isla.20@customers.example", null, "Isla", "south", "en-GB", "foodies",
                    "gold", true, false, false, false, false);

            EmailChannel.Result result = smtpChannel.send("c-2", claims(AMELIA, OLIVER, isla),
                    customers(AMELIA, OLIVER, isla), Map.of(1, VARIANT));

            Map<Long, Outcome> byId = result.outcomes().stream().collect(Collectors.toMap(Outcome::id, Function.identity()));
            assertThat(byId.get(17L).status()).isEqualTo("SENT");
            assertThat(byId.get(20L).status()).isEqualTo("SENT");
            assertThat(byId.get(18L).status()).isEqualTo("BOUNCED");
            assertThat(byId.get(18L).reason()).startsWith("email to customer 18 was not sent: ").contains("550")
                    .doesNotContain("oliver");
            assertThat(result.retry()).isEmpty();
            assertThat(result.channelFailure()).isNull();
            assertThat(relay.rejectedRecipients()).isEqualTo(1);
            assertThat(relay.messages()).as("the two other messages reached the relay").isEqualTo(2);
        }
    }

    @Test
    void aRelayThatIsDownSendsTheWholeBatchBackToWait() {
        when(mail.createMimeMessage()).thenAnswer(i -> new MimeMessage(Session.getInstance(new Properties())));
        doAnswer(i -> {
            MimeMessage[] batch = java.util.Arrays.copyOf(i.getArguments(), i.getArguments().length, MimeMessage[].class);
            MessagingException down = new MessagingException("Couldn't connect to host", new ConnectException("Connection refused"));
            throw new MailSendException("Mail server connection failed", down,
                    Map.of(batch[0], down, batch[1], down));
        }).when(mail).send(any(MimeMessage[].class));

        EmailChannel.Result result = channel.send("c-1", claims(AMELIA, OLIVER), customers(AMELIA, OLIVER), Map.of(1, VARIANT));

        assertThat(result.outcomes()).isEmpty();
        assertThat(result.retry()).containsExactlyInAnyOrder(17L, 18L);
        assertThat(ChannelUnavailableException.of(Channel.EMAIL, result.channelFailure(), List.of(AMELIA, OLIVER))
                .getMessage()).isEqualTo("email could not be sent, the deliveries wait for a retry: ConnectException: "
                + "Connection refused");
    }

    @Test
    void eachMessageIsTextAndEscapedHtmlWithTheRecipientsOwnUnsubscribeLink() throws Exception {
        EmbeddedSmtp smtp = EmbeddedSmtp.shared();
        JavaMailSenderImpl relay = new JavaMailSenderImpl();
        relay.setHost("127.0.0.1");
        relay.setPort(smtp.port());
        EmailChannel smtpChannel = new EmailChannel(relay, PROPERTIES, LINKS);
        Customer script = new Customer(31, "script.31@customers.example", null, "<script>alert(1)</script>", "south",
                "en-GB", "foodies", "gold", true, false, false, false, false);
        Customer quoted = new Customer(32, "ann.32@customers.example", null, "Ann & \"Bo\"", "south", "en-GB", "foodies",
                "gold", true, false, false, false, false);
        ChannelVariant variant = new ChannelVariant(Channel.EMAIL, 1, Map.of("subject", "For you, {{first_name}}",
                "preheader", "Fresh picks & more", "body", """
                        Hi {{first_name}},

                        The Cast Iron Skillet, now £44.10.
                        Oven safe to 260 °C.

                        See it at https://harborandpine.example/skillet.

                        The Harbor & Pine team"""), List.of(), "grounded", null, null, List.of(), "en-GB");
        String campaignId = "c-" + UUID.randomUUID();

        EmailChannel.Result result = smtpChannel.send(campaignId, List.of(new Claimed(1, 31, 1, campaignId + ":email:31"),
                new Claimed(2, 32, 1, campaignId + ":email:32")), customers(script, quoted), Map.of(1, variant));

        assertThat(result.outcomes()).extracting(Outcome::status).containsExactly("SENT", "SENT");
        Map<String, MimeMessage> received = java.util.Arrays.stream(smtp.server().getReceivedMessages())
                .filter(m -> campaignId.equals(header(m, "X-Campaign-Id")))
                .collect(Collectors.toMap(m -> header(m, "Message-ID"), Function.identity()));
        assertThat(received).hasSize(2);

        MimeMessage toScript = received.get("<" + campaignId + ".email.31@campaignpilot>");
        assertThat(toScript.getSubject()).isEqualTo("For you, <script>alert(1)</script>");
        assertThat(toScript.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) toScript.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        String text = content(parts, 0);
        String html = content(parts, 1);
        // text as written, the name raw; HTML with the name (and every other character of copy) escaped
        assertThat(text).startsWith("Hi <script>alert(1)</script>,\n\nThe Cast Iron Skillet, now £44.10.\nOven safe")
                .contains("The Harbor & Pine team");
        assertThat(html).doesNotContain("<script>").contains("<p style=\"margin:0 0 16px;\">Hi &lt;script&gt;alert(1)&lt;/script&gt;,</p>")
                .contains("The Cast Iron Skillet, now £44.10.<br>\nOven safe to 260 °C.</p>")
                .contains("See it at <a href=\"https://harborandpine.example/skillet\">https://harborandpine.example/skillet</a>.</p>")
                .contains("The Harbor &amp; Pine team</p>")
                .contains(">Fresh picks &amp; more</div>")
                .contains("<html lang=\"en-GB\">")
                .contains("<title>For you, &lt;script&gt;alert(1)&lt;/script&gt;</title>")
                .contains("agreed to hear from Shop &amp; Co.");
        assertThat(html.split("<p ", -1)).as("four paragraphs of copy and the footer").hasSize(6);

        // one link per recipient, the same in the header and both bodies, naming this campaign and customer
        String header = header(toScript, "List-Unsubscribe");
        assertThat(header).matches("<https://shop\\.example/api/unsubscribe\\?token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>");
        String link = header.substring(1, header.length() - 1);
        assertThat(header(toScript, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(text).endsWith("Unsubscribe: " + link + "\n");
        assertThat(html).contains("<a href=\"" + link + "\" style=\"color:#666666;\">Unsubscribe</a>");
        UnsubscribeLinks.Subject subject = LINKS.verify(link.substring(link.indexOf("token=") + 6));
        assertThat(subject).extracting(UnsubscribeLinks.Subject::campaignId, UnsubscribeLinks.Subject::channel,
                UnsubscribeLinks.Subject::customerId).containsExactly(campaignId, Channel.EMAIL, 31L);

        MimeMessage toQuoted = received.get("<" + campaignId + ".email.32@campaignpilot>");
        MimeMultipart quotedParts = (MimeMultipart) toQuoted.getContent();
        assertThat(content(quotedParts, 0)).startsWith("Hi Ann & \"Bo\",\n");
        assertThat(content(quotedParts, 1)).contains(">Hi Ann &amp; &quot;Bo&quot;,</p>");
        assertThat(header(toQuoted, "List-Unsubscribe")).isNotEqualTo(header);
        assertThat(LINKS.verify(header(toQuoted, "List-Unsubscribe").replaceAll(".*token=|>$", "")).customerId()).isEqualTo(32);
    }

    /** A part's text as written: SMTP carries line ends as CRLF. */
    private static String content(MimeMultipart parts, int index) throws Exception {
        return ((String) parts.getBodyPart(index).getContent()).replace("\r\n", "\n");
    }

    private static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Claimed> claims(Customer... customers) {
        return java.util.Arrays.stream(customers).map(c -> new Claimed(c.id(), c.id(), 1, "c-1:email:" + c.id())).toList();
    }

    private static Map<Long, Customer> customers(Customer... customers) {
        return java.util.Arrays.stream(customers).collect(Collectors.toMap(Customer::id, Function.identity()));
    }

    private static Customer customer(long id, String email) {
        return new Customer(id, email, null, email.substring(0, 1).toUpperCase() + email.substring(1, email.indexOf('.')),
                "south", "en-GB", "foodies", "gold", true, false, false, false, false);
    }
}
