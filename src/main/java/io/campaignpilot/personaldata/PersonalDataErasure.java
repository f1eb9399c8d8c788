package io.campaignpilot.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.campaignpilot.audit.AuditChain;
import io.campaignpilot.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's right to erasure. Their contact details and profile leave the customer row, every delivery, outbox
 * message, audit detail, free-text field, engine record and {@link PersonalDataStore} (audience files); consent is withdrawn on every channel, so no campaign
 * reaches or selects them again. The customer id stays everywhere, which keeps every campaign's audience, delivery
 * and measurement counts as they were; it no longer leads to a person. All of it happens in one transaction.
 */
@Service
public class PersonalDataErasure {
    /** Payload fields that identify the customer whose id the same JSON object carries. */
    private static final Set<String> PERSONAL_FIELDS = Set.of("address", "to", "email", "phone", "firstName", "first_name",
            "name");

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final EngineRecords engine;
    private final List<PersonalDataStore> stores;

    PersonalDataErasure(JdbcClient jdbc, ObjectMapper json, AuditLog audit, EngineRecords engine,
                        List<PersonalDataStore> stores) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.engine = engine;
        this.stores = List.copyOf(stores);
    }

    /** Empty when there is no such customer; a repeated request changes nothing and says so. */
    @Transactional
    public Optional<Erasure> erase(long customerId, String requestedBy) {
        // the lock makes two simultaneous requests one erasure and one "already erased"
        record Found(String email, String phone, Timestamp erasedAt) {
        }
        Optional<Found> found = jdbc.sql("select email, phone, erased_at from customer where id = ? for update")
                .param(customerId)
                .query((rs, i) -> new Found(rs.getString(1), rs.getString(2), rs.getTimestamp(3))).optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().erasedAt() != null) {
            return Optional.of(new Erasure(customerId, Erasure.Status.ALREADY_ERASED, found.get().erasedAt().toInstant(),
                    Map.of(), Map.of()));
        }
        List<String> values = personalValues(found.get().email(), found.get().phone());
        TextScrubber scrubber = new TextScrubber(jdbc, values);
        // as the database keeps it, so a repeated request answers the same time
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        List<String> campaigns = jdbc.sql("select distinct campaign_id from delivery where customer_id = ?")
                .param(customerId).query(String.class).list();
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("customer", jdbc.sql("""
                update customer set email = null, phone = null, first_name = null, locale = null, segment = null,
                    loyalty_tier = null, time_zone = null, consent_email = false, consent_sms = false, consent_push = false,
                    consent_web = false, consent_social = false, erased_at = ?
                where id = ?""").params(Timestamp.from(now), customerId).update());
        rows.put("delivery", jdbc.sql("update delivery set address = ? where customer_id = ?")
                .params(Addresses.ERASED, customerId).update());
        rows.put("outbox_message", outbox(customerId, campaigns, scrubber));
        // the audit trails are hash chains: the erasure's own entries name what it redacted, so a check of the chain
        // tells a redaction from tampering
        Map<String, List<Long>> redacted = new LinkedHashMap<>();
        for (Long entry : scrubber.rowsContaining("audit_event", "id", "detail").keySet()) {
            String chain = jdbc.sql("select campaign_id from audit_event where id = ?").param(entry).query(String.class).single();
            redacted.computeIfAbsent(chain, c -> new ArrayList<>()).add(entry);
        }
        rows.put("audit_event", scrubber.scrub("audit_event", "detail"));
        // text people typed (review comments, objectives, withdrawal reasons) may quote an address too
        rows.put("review_decision", scrubber.scrub("review_decision", "comment"));
        rows.put("campaign", scrubber.scrub("campaign", "objective", "end_reason"));
        for (PersonalDataStore store : stores) {
            rows.put(store.name(), store.erase(customerId, found.get().email(), found.get().phone(), campaigns));
        }
        Map<String, Integer> engineRecords = engine.erase(scrubber, values);

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("customerId", customerId);
        detail.put("rows", rows);
        detail.put("engineRecords", engineRecords);
        detail.put("campaigns", campaigns.size());
        detail.put("redactedEntries", redacted.getOrDefault(AuditLog.SYSTEM, List.of()));
        audit.record(AuditLog.SYSTEM, requestedBy, AuditChain.ERASURE_KIND, detail);
        // each campaign's own trail says why one of its deliveries now reads "erased", and which of its entries it redacted
        Set<String> trails = new LinkedHashSet<>(campaigns);
        trails.addAll(redacted.keySet());
        trails.remove(AuditLog.SYSTEM);
        for (String campaignId : trails) {
            audit.record(campaignId, requestedBy, AuditChain.ERASURE_KIND, Map.of("customerId", customerId,
                    "redactedEntries", redacted.getOrDefault(campaignId, List.of())));
        }
        return Optional.of(new Erasure(customerId, Erasure.Status.ERASED, now, rows, engineRecords));
    }

    /**
     * Outbox messages of the customer's campaigns, and any other that quotes one of the values: inside JSON, an object
     * carrying the customer's id loses its personal fields, and the values go wherever else they appear.
     */
    private int outbox(long customerId, List<String> campaigns, TextScrubber scrubber) {
        Map<Long, String> candidates = new LinkedHashMap<>();
        for (String campaignId : campaigns) {
            jdbc.sql("select id, payload from outbox_message where campaign_id = ?").param(campaignId)
                    .query(rs -> {
                        candidates.put(rs.getLong(1), rs.getString(2));
                    });
        }
        candidates.putAll(scrubber.rowsContaining("outbox_message", "id", "payload"));
        int changed = 0;
        for (Map.Entry<Long, String> message : candidates.entrySet()) {
            String redacted = redactPayload(message.getValue(), customerId, scrubber);
            if (!redacted.equals(message.getValue())) {
                changed += jdbc.sql("update outbox_message set payload = ? where id = ?")
                        .params(redacted, message.getKey()).update();
            }
        }
        return changed;
    }

    private String redactPayload(String payload, long customerId, TextScrubber scrubber) {
        try {
            JsonNode tree = json.readTree(payload);
            return redact(tree, customerId, scrubber) ? json.writeValueAsString(tree) : payload;
        } catch (Exception notJson) {
            return scrubber.replaceAll(payload);
        }
    }

    private static boolean redact(JsonNode node, long customerId, TextScrubber scrubber) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            JsonNode id = object.get("customerId");
            boolean theirs = id != null && id.asText().equals(Long.toString(customerId));
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (theirs && PERSONAL_FIELDS.contains(field.getKey()) && !field.getValue().isNull()
                        && !Addresses.ERASED.equals(field.getValue().asText())) {
                    field.setValue(TextNode.valueOf(Addresses.ERASED));
                    changed = true;
                } else if (field.getValue().isTextual() && scrubber.containsAny(field.getValue().asText())) {
                    field.setValue(TextNode.valueOf(scrubber.replaceAll(field.getValue().asText())));
                    changed = true;
                } else {
                    changed |= redact(field.getValue(), customerId, scrubber);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isTextual() && scrubber.containsAny(element.asText())) {
                    array.set(i, TextNode.valueOf(scrubber.replaceAll(element.asText())));
                    changed = true;
                } else {
                    changed |= redact(element, customerId, scrubber);
                }
            }
        }
        return changed;
    }

    /** The exact strings to hunt for: addresses as stored, and e-mail as mail systems often lower-case it. */
    private static List<String> personalValues(String email, String phone) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : new String[]{email, email == null ? null : email.toLowerCase(java.util.Locale.ROOT), phone}) {
            // too short a value would match unrelated text
            if (value != null && value.strip().length() >= 5) {
                values.add(value.strip());
            }
        }
        return new ArrayList<>(values);
    }

}
