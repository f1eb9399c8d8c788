package io.campaignpilot.publishing;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.security.ApiUser;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.util.Map;

/**
 * A campaign's paid social audience file, for the marketing people who upload it to the ad platform (the security
 * configuration allows marketing managers, marketing leads and admins only: hashed contact details are still personal
 * data, and nobody else's work needs them). Every download is in the campaign's audit trail.
 */
@RestController
class AudienceExportController {
    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final CampaignRepository campaigns;
    private final AudienceFiles files;
    private final AuditLog audit;

    AudienceExportController(CampaignRepository campaigns, AudienceFiles files, AuditLog audit) {
        this.campaigns = campaigns;
        this.files = files;
        this.audit = audit;
    }

    @GetMapping("/api/campaigns/{id}/audience-export")
    ResponseEntity<byte[]> audienceExport(@PathVariable String id) throws IOException {
        campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id));
        byte[] file = files.read(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "campaign " + id
                + " has no audience export yet: it is written as the campaign is published to social"));
        int rows = 0;
        for (byte b : file) {
            rows += b == '\n' ? 1 : 0;
        }
        audit.record(id, ApiUser.current(), "AUDIENCE_EXPORT_DOWNLOADED", Map.of("recipients", Math.max(rows - 1, 0)));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(AudienceFiles.fileName(id)).build().toString())
                .cacheControl(CacheControl.noStore())
                .body(file);
    }
}
