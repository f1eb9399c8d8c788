package io.campaignpilot.publishing;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.publishing.UnsubscribeLinks.InvalidTokenException;
import io.campaignpilot.publishing.UnsubscribeLinks.Subject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An unsubscribe token says whom it unsubscribes from what, and any change to it, or another key, makes it invalid. */
class UnsubscribeLinksTest {
    private static final UnsubscribeLinks LINKS = EmailChannelTest.LINKS;
    private static final Subject AMELIA = new Subject("3f1c0a52-campaign:with:colons", Channel.EMAIL, 17,
            Instant.parse("2026-11-20T09:00:00Z"));

    @Test
    void aTokenNamesTheCampaignChannelAndCustomer() {
        assertThat(LINKS.verify(LINKS.token(AMELIA))).isEqualTo(AMELIA);
        assertThat(LINKS.link("c-9", Channel.EMAIL, 18)).startsWith("https://shop.example/api/unsubscribe?token=");
    }

    @Test
    void aChangedTokenIsRefused() {
        String token = LINKS.token(AMELIA);
        int dot = token.indexOf('.');
        // another customer's id in the payload, the MAC kept
        String otherCustomer = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "v1:email:18:1795165200:3f1c0a52-campaign:with:colons".getBytes(StandardCharsets.UTF_8)) + token.substring(dot);
        char last = token.charAt(token.length() - 1);
        for (String forged : new String[]{otherCustomer, token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'),
                token.substring(0, token.length() - 5), token.substring(0, dot), token.substring(dot), token + ".x", "", "...",
                "not base64!.abc"}) {
            assertThatThrownBy(() -> LINKS.verify(forged)).as(forged).isInstanceOf(InvalidTokenException.class)
                    .hasMessage("this unsubscribe link is not valid: it was changed or cut short");
        }
        assertThatThrownBy(() -> LINKS.verify(null)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        UnsubscribeLinks otherKey = new UnsubscribeLinks(new PublishingProperties(null, "https://shop.example",
                new PublishingProperties.Unsubscribe("another secret of at least 32 characters"), 1, 4, 50, null, null, null,
                null, 3, null, null, null, "Europe/London"));
        assertThatThrownBy(() -> LINKS.verify(otherKey.token(AMELIA))).isInstanceOf(InvalidTokenException.class);
    }
}
