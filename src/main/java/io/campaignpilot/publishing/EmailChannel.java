package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.platform.NetworkCall;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a batch of claimed email deliveries over SMTP on one connection, merge tags filled at sending time. Each
 * message is multipart/alternative (plain text, then HTML: see {@link EmailContent}) and carries the recipient's own
 * signed unsubscribe link in both bodies and in {@code List-Unsubscribe}, with {@code List-Unsubscribe-Post} for
 * one-click unsubscribing from the mail client (RFC 8058). A refused recipient fails alone (SKIPPED when the address
 * is malformed or missing, BOUNCED when the relay refuses it); a failure of the relay itself leaves the rest of the
 * batch for a retry.
 */
@Component
class EmailChannel implements ChannelAdapter {

    private final JavaMailSender mail;
    private final PublishingProperties properties;
    private final UnsubscribeLinks unsubscribeLinks;
    private final String sender;

    EmailChannel(JavaMailSender mail, PublishingProperties properties, UnsubscribeLinks unsubscribeLinks) {
        this.mail = mail;
        this.properties = properties;
        this.unsubscribeLinks = unsubscribeLinks;
        this.sender = EmailContent.senderName(properties.emailFrom());
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Result send(String campaignId, List<Claimed> batch, Map<Long, Customer> customers, Map<Integer, ChannelVariant> variants) {
        NetworkCall.outsideTransactions("email over SMTP");
        List<Outcome> outcomes = new ArrayList<>();
        Map<MimeMessage, Claimed> messages = new IdentityHashMap<>();
        List<MimeMessage> ordered = new ArrayList<>();
        for (Claimed delivery : batch) {
            Customer customer = customers.get(delivery.customerId());
            if (customer == null || customer.email() == null || customer.email().isBlank()) {
                outcomes.add(new Outcome(delivery.id(), "SKIPPED",
                        "customer " + delivery.customerId() + " has no email address on record"));
            } else if (!customer.consentEmail()) {
                outcomes.add(new Outcome(delivery.id(), "SKIPPED",
                        "customer " + delivery.customerId() + " no longer consents to email"));
            } else {
                try {
                    MimeMessage message = compose(campaignId, delivery, customer, variants.get(delivery.variantNo()));
                    messages.put(message, delivery);
                    ordered.add(message);
                } catch (MessagingException | MailException e) {
                    outcomes.add(new Outcome(delivery.id(), "SKIPPED", DeliveryFailedException.email(customer, e).getMessage()));
                }
            }
        }
        Map<Object, Exception> failed = Map.of();
        Throwable channelFailure = null;
        try {
            if (!ordered.isEmpty()) {
                mail.send(ordered.toArray(MimeMessage[]::new));
            }
        } catch (MailSendException e) {
            failed = e.getFailedMessages();
            if (failed.isEmpty()) {
                channelFailure = e;
            }
        } catch (MailException e) {
            channelFailure = e;
        }
        List<Long> retry = new ArrayList<>();
        for (MimeMessage message : ordered) {
            Claimed delivery = messages.get(message);
            Exception failure = failed.get(message);
            if (channelFailure != null) {
                retry.add(delivery.id());
            } else if (failure == null) {
                outcomes.add(new Outcome(delivery.id(), "SENT", null));
            } else if (recipientRefused(failure) != null) {
                outcomes.add(new Outcome(delivery.id(), recipientRefused(failure),
                        DeliveryFailedException.email(customers.get(delivery.customerId()), failure).getMessage()));
            } else {
                retry.add(delivery.id());
                channelFailure = channelFailure == null ? failure : channelFailure;
            }
        }
        if (channelFailure == null && !retry.isEmpty()) {
            channelFailure = failed.values().iterator().next();
        }
        return new Result(outcomes, retry, channelFailure);
    }

    private MimeMessage compose(String campaignId, Claimed delivery, Customer customer, ChannelVariant variant)
            throws MessagingException {
        if (variant == null) {
            throw new IllegalStateException("campaign " + campaignId + " has no email variant " + delivery.variantNo());
        }
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(properties.emailFrom());
        helper.setTo(customer.email());
        String subject = Publishing.merge(variant.fields().get("subject"), customer);
        helper.setSubject(subject);
        String body = Publishing.merge(variant.fields().get("body"), customer);
        String unsubscribe = unsubscribeLinks.link(campaignId, Channel.EMAIL, customer.id());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(EmailContent.text(body, unsubscribe, sender), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(EmailContent.html(variant.locale(), subject, Publishing.merge(variant.fields().get("preheader"), customer),
                body, unsubscribe, sender), "UTF-8", "html");
        // the plainest part first: a client shows the last one it can render (RFC 2046)
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.setHeader("X-Campaign-Id", campaignId);
        // the idempotency key as Message-ID: a resend after a lost answer is recognisable as the same message
        // (Spring keeps an explicit Message-ID when it saves the message)
        message.setHeader("Message-ID", messageId(delivery.idempotencyKey()));
        message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return message;
    }

    /** {@code <campaign.channel.customer@campaignpilot>}: a colon may not stand in a Message-ID (RFC 5322 dot-atom). */
    static String messageId(String idempotencyKey) {
        return "<" + idempotencyKey.replace(':', '.') + "@campaignpilot>";
    }

    /** SKIPPED or BOUNCED when only this recipient was refused, null when the relay itself failed. */
    static String recipientRefused(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof AddressException) {
                return "SKIPPED";
            }
            if (current instanceof SendFailedException sent && sent.getInvalidAddresses() != null
                    && sent.getInvalidAddresses().length > 0) {
                return "BOUNCED";
            }
            if (current instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException) {
                return "BOUNCED";
            }
            Throwable next = current instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException() : current.getCause();
            current = next == current ? null : next;
        }
        return null;
    }
}
