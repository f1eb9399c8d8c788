package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and auditors read when an email cannot go out: the customer's id and the reason, never the address. */
class DeliveryFailedExceptionTest {
    private static final Customer AMELIA = new Customer(17, "amelia.17@customers.example", "+447700900017", "Amelia",
            "south", "en-GB", "foodies", "gold", true, true, false, false, false);

    @Test
    void aRelayThatRejectsTheRecipientIsReportedByCustomerId() throws Exception {
        // what Spring reports when the relay answers RCPT TO with 550 quoting the address
        SMTPAddressFailedException rejected = new SMTPAddressFailedException(new InternetAddress(AMELIA.email()),
                "RCPT TO:<" + AMELIA.email() + ">", 550, "550 5.1.1 <" + AMELIA.email() + ">: Recipient address rejected");
        SendFailedException invalid = new SendFailedException("Invalid Addresses", rejected);
        MailSendException failure = new MailSendException(Map.of(new Object(), invalid));
        assertThat(failure.getMessage()).contains(AMELIA.email());

        DeliveryFailedException reported = DeliveryFailedException.email(AMELIA, failure);

        assertThat(reported.getMessage()).isEqualTo("email to customer 17 was not sent: SMTPAddressFailedException: "
                + "550 5.1.1 <[removed]>: Recipient address rejected");
        assertThat(reported.getCause()).as("the original names the recipient").isNull();
        assertThat(stackTrace(reported)).doesNotContain("amelia", "Amelia", "7700900017");
    }

    @Test
    void aMalformedAddressIsNotQuotedEvenThroughTheStackTrace() {
        AddressException malformed = new AddressException("Domain contains dot-dot", "amelia.17@customers..example");
        Customer typo = new Customer(17, "amelia.17@customers..example", null, "Amelia", "south", "en-GB", "foodies",
                "gold", true, false, false, false, false);

        DeliveryFailedException reported = DeliveryFailedException.email(typo, malformed);

        assertThat(reported.getMessage()).isEqualTo("email to customer 17 was not sent: AddressException: Domain contains dot-dot");
        assertThat(stackTrace(reported)).doesNotContain("amelia");
    }

    @Test
    void aFailureWithoutPersonalDataKeepsItsCauseForDiagnosis() {
        MailSendException down = new MailSendException("Mail server connection failed",
                new jakarta.mail.MessagingException("Couldn't connect to host, port: 127.0.0.1, 3025; timeout -1"));

        DeliveryFailedException reported = DeliveryFailedException.email(AMELIA, down);

        assertThat(reported.getMessage()).isEqualTo("email to customer 17 was not sent: MessagingException: "
                + "Couldn't connect to host, port: 127.0.0.1, 3025; timeout -1");
        assertThat(reported.getCause()).isSameAs(down);
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
