package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.personaldata.Addresses;
import jakarta.mail.MessagingException;
import org.springframework.mail.MailSendException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A message that could not go out. Its text becomes the job's exception, the incident and the job log that operators
 * and auditors read, and those outlive any erasure request: so it names the customer by id, never by address or name.
 * Mail exceptions quote the recipient (the relay's "550 &lt;x@y&gt; rejected", or "in string ``x@y''" in a
 * stack trace), so the original exception is kept as the cause only when nothing in it is personal.
 */
public class DeliveryFailedException extends RuntimeException {

    private DeliveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    static DeliveryFailedException email(Customer customer, Exception failure) {
        List<String> personal = personal(List.of(customer));
        String message = "email to customer " + customer.id() + " was not sent: " + describe(failure, personal);
        return new DeliveryFailedException(message, Addresses.containsPersonal(stackTrace(failure), personal) ? null : failure);
    }

    /**
     * A provider refused this one message (an HTTP 4xx). Its answer may quote the recipient, so the customer's values
     * ({@code personal}: as stored and as sent) and anything address-like are taken out of it.
     */
    static DeliveryFailedException refused(Channel channel, long customerId, int status, String answer,
                                           List<String> personal) {
        return new DeliveryFailedException(channel.key() + " to customer " + customerId + " was refused by the provider: HTTP "
                + status + (answer == null || answer.isBlank() ? "" : " " + Addresses.strip(answer, personal)), null);
    }

    /** The innermost failure's type and message, with the customers' addresses and names taken out. */
    static String describe(Throwable failure, List<String> personal) {
        Throwable reason = innermost(failure);
        return reason.getClass().getSimpleName()
                + (reason.getMessage() == null ? "" : ": " + Addresses.strip(reason.getMessage(), personal));
    }

    /** The original failure, when nothing in it (message or stack trace) names one of the customers. */
    static Throwable keptCause(Throwable failure, List<String> personal) {
        return Addresses.containsPersonal(stackTrace(failure), personal) ? null : failure;
    }

    static List<String> personal(List<Customer> customers) {
        List<String> personal = new ArrayList<>();
        for (Customer customer : customers) {
            for (String value : new String[]{customer.email(), customer.phone(), customer.firstName()}) {
                if (value != null) {
                    personal.add(value);
                }
            }
        }
        return personal;
    }

    /** The failure the relay or the mail library actually reported, under Spring's and Jakarta Mail's wrappers. */
    static Throwable innermost(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 10; depth++) {
            Throwable next = current instanceof MailSendException send && !send.getFailedMessages().isEmpty()
                    ? send.getFailedMessages().values().iterator().next()
                    : current instanceof MessagingException m && m.getNextException() != null ? m.getNextException()
                    : current.getCause();
            if (next == null || next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
