package io.campaignpilot.audit;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Checks a campaign's audit trail (or the system's, id {@code system}) end to end: intact, or the first entry that
 * breaks it and why. Read by those who may read the campaign.
 */
@RestController
public class AuditController {
    private final AuditChain chain;

    public AuditController(AuditChain chain) {
        this.chain = chain;
    }

    @GetMapping("/api/campaigns/{id}/audit/verification")
    public AuditChain.Verification verify(@PathVariable String id) {
        AuditChain.Verification verification = chain.verify(id);
        if (verification.entries() == 0 && verification.head() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no audit trail for " + id);
        }
        return verification;
    }
}
