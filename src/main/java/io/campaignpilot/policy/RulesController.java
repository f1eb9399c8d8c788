package io.campaignpilot.policy;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.security.ApiUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy rules for process owners: which version serves on this node and where each file came from, the cluster's
 * active version and whether this node runs it (and if not, why); a reload that validates this node's files and makes
 * them the active rule set of every node (or answers 422 with every error as file:line and keeps the old rules
 * serving everywhere), and the history of reloads for auditors.
 */
@RestController
@RequestMapping("/api/rules")
class RulesController {
    private final ClusterRules rules;
    private final AuditLog audit;

    RulesController(ClusterRules rules, AuditLog audit) {
        this.rules = rules;
        this.audit = audit;
    }

    @GetMapping
    Map<String, Object> current() {
        return describe(rules.status());
    }

    /** Every reload, accepted or refused, with who asked and the versions before and after. */
    @GetMapping("/history")
    List<AuditLog.Entry> history() {
        return audit.trail(AuditLog.SYSTEM).stream().filter(e -> e.kind().startsWith("RULES_")).toList();
    }

    @PostMapping("/reload")
    ResponseEntity<Map<String, Object>> reload() {
        String before = rules.status().serving().version();
        String by = ApiUser.current() == null ? "unknown" : ApiUser.current();
        try {
            PolicyEngine.RuleSet next = rules.reload(by);
            audit.record(AuditLog.SYSTEM, by, "RULES_RELOADED", Map.of("from", before, "to", next.version(),
                    "files", next.files().keySet()));
            return ResponseEntity.ok(describe(rules.status()));
        } catch (RuleSetException e) {
            audit.record(AuditLog.SYSTEM, by, "RULES_RELOAD_REFUSED", Map.of("serving", before, "errors", e.errors()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 422);
            body.put("message", "the rules do not compile; version " + before + " keeps serving on every node");
            body.put("errors", e.errors());
            body.put("serving", before);
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(body);
        }
    }

    /** What serves on this node (version, files), the cluster's active version, and why this node lags if it does. */
    private static Map<String, Object> describe(ClusterRules.Status status) {
        PolicyEngine.RuleSet serving = status.serving();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", serving.version());
        body.put("activeVersion", status.activeVersion());
        body.put("runsActiveVersion", status.runsActiveVersion());
        if (status.failedVersion() != null) {
            body.put("problem", "this node cannot compile the active rule set " + status.failedVersion()
                    + " and keeps serving " + serving.version());
            body.put("errors", status.errors());
        }
        body.put("loadedAt", serving.loadedAt());
        body.put("buildMillis", serving.buildMillis());
        body.put("checkedAt", status.checkedAt());
        body.put("files", serving.files());
        return body;
    }
}
