package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The paid social audience file: hashed as the platforms match, each recipient once, written whole or not at all. */
class SocialAudienceChannelTest {
    /** SHA-256 of "amelia.17@customers.example" and of "+447700900017", as computed outside Java. */
    private static final String AMELIA_EMAIL = "a8c31464b44f8caeb957cfe345270669836f39f3d49a6dbd65ca31247b037224";
    private static final String AMELIA_PHONE = "cf4bc8949a51522e9cd1703548f81b8f6bdc2a3dbd501df1c78ea5a69c6ec6d1";

    private static final Customer AMELIA = customer(17, "  Amelia.17@Customers.Example ", "07700 900017", true);
    private static final Customer OLIVER = customer(18, "oliver.18@customers.example", null, true);
    private static final Customer ISLA = customer(19, "isla.19@customers.example", "+447700900019", false);
    private static final Customer NOBODY = customer(20, null, null, true);

    @TempDir
    Path folder;

    @Test
    void consentingRecipientsAreExportedHashedAndNothingElse() throws IOException {
        AudienceFiles files = files();
        SocialAudienceChannel social = new SocialAudienceChannel(files);

        ChannelAdapter.Result result = social.send("c-1", claims(AMELIA, OLIVER, ISLA, NOBODY),
                customers(AMELIA, OLIVER, ISLA, NOBODY), Map.of());

        Map<Long, Outcome> byId = result.outcomes().stream().collect(Collectors.toMap(Outcome::id, Function.identity()));
        assertThat(byId.get(17L)).isEqualTo(new Outcome(17, "SENT", "exported to audience file audience-c-1.csv"));
        assertThat(byId.get(18L).status()).isEqualTo("SENT");
        assertThat(byId.get(19L)).isEqualTo(new Outcome(19, "SKIPPED", "customer 19 no longer consents to social"));
        assertThat(byId.get(20L)).isEqualTo(new Outcome(20, "SKIPPED",
                "customer 20 has no email address or phone number to match on"));
        assertThat(result.channelFailure()).isNull();

        String file = Files.readString(folder.resolve("exports/audience-c-1.csv"));
        assertThat(file.lines().toList()).containsExactly("Email,Phone", AMELIA_EMAIL + "," + AMELIA_PHONE,
                AudienceFiles.sha256("oliver.18@customers.example") + ",");
        assertThat(file).doesNotContain("@", "7700", "amelia", "oliver", "isla", AudienceFiles.sha256("isla.19@customers.example"));
        assertThat(Files.getPosixFilePermissions(folder.resolve("exports/audience-c-1.csv")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(files.read("c-1")).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(file));
        assertThat(files.read("c-2")).isEmpty();
    }

    @Test
    void aBatchExportedAgainAddsNobodyTwiceAndLaterBatchesAppend() throws IOException {
        SocialAudienceChannel social = new SocialAudienceChannel(files());

        social.send("c-1", claims(AMELIA), customers(AMELIA), Map.of());
        social.send("c-1", claims(AMELIA, OLIVER), customers(AMELIA, OLIVER), Map.of());
        ChannelAdapter.Result again = social.send("c-1", claims(AMELIA, OLIVER), customers(AMELIA, OLIVER), Map.of());

        assertThat(again.outcomes()).extracting(Outcome::status).containsOnly("SENT");
        assertThat(Files.readAllLines(folder.resolve("exports/audience-c-1.csv"))).containsExactly("Email,Phone",
                AMELIA_EMAIL + "," + AMELIA_PHONE, AudienceFiles.sha256("oliver.18@customers.example") + ",");
        assertThat(Files.list(folder.resolve("exports")).map(p -> p.getFileName().toString()))
                .as("no temporary file left behind").containsExactly("audience-c-1.csv");
    }

    @Test
    void aFileThatCannotBeWrittenFailsTheChannelAndTheRecipientsWait() throws IOException {
        Files.writeString(folder.resolve("exports"), "a file where the folder should be");
        SocialAudienceChannel social = new SocialAudienceChannel(files());

        ChannelAdapter.Result result = social.send("c-1", claims(AMELIA, ISLA), customers(AMELIA, ISLA), Map.of());

        assertThat(result.outcomes()).extracting(Outcome::status).containsExactly("SKIPPED");
        assertThat(result.retry()).containsExactly(17L);
        assertThat(result.channelFailure()).isInstanceOf(IOException.class);
    }

    @Test
    void anErasedCustomerLeavesTheFilesOfTheirCampaigns() throws IOException {
        AudienceFiles files = files();
        SocialAudienceChannel social = new SocialAudienceChannel(files);
        social.send("c-1", claims(AMELIA, OLIVER), customers(AMELIA, OLIVER), Map.of());
        social.send("c-2", claims(OLIVER), customers(OLIVER), Map.of());

        // matched by either hash: her email has changed since the export, her number has not
        int removed = files.erase(17, "amelia.new@customers.example", "+44 7700 900017", List.of("c-1", "c-2", "c-3"));

        assertThat(removed).isEqualTo(1);
        assertThat(Files.readAllLines(folder.resolve("exports/audience-c-1.csv"))).containsExactly("Email,Phone",
                AudienceFiles.sha256("oliver.18@customers.example") + ",");
        assertThat(Files.readAllLines(folder.resolve("exports/audience-c-2.csv"))).hasSize(2);
        assertThat(Files.exists(folder.resolve("exports/audience-c-3.csv"))).isFalse();
    }

    @Test
    void onlyACampaignIdCanNameAFile() {
        assertThat(AudienceFiles.fileName("6f1c2e0a-93b1-4c1e-9a51-0b6d0f0e2a11"))
                .isEqualTo("audience-6f1c2e0a-93b1-4c1e-9a51-0b6d0f0e2a11.csv");
        for (String forged : List.of("../../etc/passwd", "a/b", "c-1.csv", "")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AudienceFiles.fileName(forged))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private AudienceFiles files() {
        return new AudienceFiles(new AudienceExportProperties(folder.resolve("exports")), new PhoneNumbers("44"));
    }

    private static List<Claimed> claims(Customer... customers) {
        return Arrays.stream(customers).map(c -> new Claimed(c.id(), c.id(), 1, "c-1:social:" + c.id())).toList();
    }

    private static Map<Long, Customer> customers(Customer... customers) {
        return Arrays.stream(customers).collect(Collectors.toMap(Customer::id, Function.identity()));
    }

    private static Customer customer(long id, String email, String phone, boolean social) {
        return new Customer(id, email, phone, "Someone", "south", "en-GB", "foodies", "gold", true, false, false, false,
                social);
    }
}
