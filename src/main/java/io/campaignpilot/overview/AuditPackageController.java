package io.campaignpilot.overview;

import io.campaignpilot.security.ApiUser;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;

/**
 * A campaign's audit package as a download: JSON (the whole package), or CSV (its timeline, one row per event) with
 * {@code ?format=csv} or {@code Accept: text/csv}. For auditors, process owners and admins (see security/).
 */
@RestController
public class AuditPackageController {
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AuditPackages packages;

    public AuditPackageController(AuditPackages packages) {
        this.packages = packages;
    }

    @GetMapping("/api/campaigns/{id}/audit-package")
    public ResponseEntity<?> auditPackage(@PathVariable String id, @RequestParam(required = false) String format,
                                          @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = wantsCsv(format, accept);
        AuditPackage pack = packages.of(id, ApiUser.current())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("campaign-" + id + "-audit-package." + (csv ? "csv" : "json")).build().toString())
                .cacheControl(org.springframework.http.CacheControl.noStore());
        return csv ? answer.contentType(CSV).body(packages.csv(pack))
                : answer.contentType(MediaType.APPLICATION_JSON).body(pack);
    }

    private static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidInputException("format", "must be json or csv");
            };
        }
        return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    }
}
