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
 * The policy rules for process owners: which version serves and where each file came from, a reload that validates
 * the files and swaps them in (or answers 422 with every error as file:line and keeps the old rules serving), and
 * the history of reloads for auditors.
 */
@RestController
@RequestMapping("/api/rules")
class RulesController {
    private final PolicyEngine engine;
    private final AuditLog audit;

    RulesController(PolicyEngine engine, AuditLog audit) {
        this.engine = engine;
        this.audit = audit;
    }

    @GetMapping
    Map<String, Object> current() {
        return describe(engine.current());
    }

    /** Every reload, accepted or refused, with who asked and the versions before and after. */
    @GetMapping("/history")
    List<AuditLog.Entry> history() {
        return audit.trail(AuditLog.SYSTEM).stream().filter(e -> e.kind().startsWith("RULES_")).toList();
    }

    @PostMapping("/reload")
    ResponseEntity<Map<String, Object>> reload() {
        String before = engine.version();
        String by = ApiUser.current() == null ? "unknown" : ApiUser.current();
        try {
            PolicyEngine.RuleSet next = engine.reload();
            audit.record(AuditLog.SYSTEM, by, "RULES_RELOADED", Map.of("from", before, "to", next.version(),
                    "files", next.files().keySet()));
            return ResponseEntity.ok(describe(next));
        } catch (RuleSetException e) {
            audit.record(AuditLog.SYSTEM, by, "RULES_RELOAD_REFUSED", Map.of("serving", before, "errors", e.errors()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 422);
            body.put("message", "the rules do not compile; version " + before + " keeps serving");
            body.put("errors", e.errors());
            body.put("serving", before);
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(body);
        }
    }

    private static Map<String, Object> describe(PolicyEngine.RuleSet rules) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", rules.version());
        body.put("loadedAt", rules.loadedAt());
        body.put("buildMillis", rules.buildMillis());
        body.put("files", rules.files());
        return body;
    }
}
