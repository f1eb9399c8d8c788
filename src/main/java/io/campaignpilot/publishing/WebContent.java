package io.campaignpilot.publishing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the storefront shows a customer in a slot: the web variant of the newest campaign whose web delivery to them
 * went live (SENT), merge tags filled. Web variants (headline, body, callToAction) fill one slot today, the home
 * page's hero banner; a campaign that chose its placement would add the slot to the campaign.
 * <p>
 * Read with one indexed query per request, not from a cache: every condition (campaign withdrawn or its run over,
 * consent withdrawn, personal data erased) is then true the moment it is written, on every node of a cluster, with
 * no invalidation to get wrong. Holdout customers have no delivery, so they see nothing. The benchmark
 * (WebContentBenchmarkTest) measures it against the 20 ms p99 the storefront needs.
 */
@Component
class WebContent {
    static final String HOME_HERO = "home-hero";
    static final List<String> SLOTS = List.of(HOME_HERO);

    /** The copy a customer sees; fields are plain text, which the storefront escapes like any text it renders. */
    record Live(String campaignId, String slot, int variantNo, String locale, Map<String, String> content) {
    }

    // a campaign runs until withdrawn or until its measurement window closes (no window yet: still publishing)
    private static final String LIVE_FOR_CUSTOMER = """
            select d.campaign_id, d.variant_no, v.locale, v.content, c.first_name
            from delivery d
            join campaign k on k.id = d.campaign_id
            join customer c on c.id = d.customer_id
            join campaign_variant v on v.campaign_id = d.campaign_id and v.channel = d.channel and v.variant_no = d.variant_no
                and v.round = (select max(r.round) from campaign_variant r where r.campaign_id = d.campaign_id)
            left join measurement m on m.campaign_id = d.campaign_id
            where d.customer_id = ? and d.channel = 'web' and d.status = 'SENT'
              and k.status in ('RUNNING', 'PUBLISHED')
              and c.consent_web = true and c.erased_at is null
              and (m.window_ends_at is null or m.window_ends_at > ?)
            order by d.sent_at desc, d.id desc
            limit 1""";
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    WebContent(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Empty when there is nothing to show: no live campaign, holdout, no web consent, or no such customer. */
    Optional<Live> live(long customerId, String slot) {
        return jdbc.sql(LIVE_FOR_CUSTOMER).params(customerId, Timestamp.from(Instant.now()))
                .query((rs, i) -> {
                    String firstName = rs.getString("first_name");
                    Map<String, String> content = new LinkedHashMap<>();
                    read(rs.getString("content")).forEach((field, text) -> content.put(field, Publishing.merge(text, firstName)));
                    return new Live(rs.getString("campaign_id"), slot, rs.getInt("variant_no"), rs.getString("locale"), content);
                })
                .optional();
    }

    private Map<String, String> read(String content) {
        try {
            return json.readValue(content, FIELDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
