package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

    private final JavaMailSender mail = mock(JavaMailSender.class);
    private final EmailChannel channel = new EmailChannel(mail, new PublishingProperties("Shop <news@shop.example>",
            "https://shop.example/preferences", "https://shop.example/unsubscribe", 1, 50, null, null, null, null, 3,
            null, null, null, "Europe/London"));

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
        assertThat(first.getHeader("List-Unsubscribe")[0]).isEqualTo("<https://shop.example/unsubscribe?d=c-1%3Aemail%3A17>");
        assertThat(first.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(first.getSubject()).isEqualTo("Hi Amelia");
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
