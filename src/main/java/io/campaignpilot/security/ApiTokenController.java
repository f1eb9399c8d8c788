package io.campaignpilot.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/integration-tokens (admins only): issue, list and revoke API tokens for integrations. */
@RestController
@RequestMapping("/api/integration-tokens")
class ApiTokenController {
    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record NewToken(String name, String group) {
    }

    /** The secret is in this answer only; afterwards only its hash exists. */
    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody NewToken request) {
        String group = request.group() == null ? Groups.INTEGRATORS : request.group();
        ApiTokens.Issued issued = tokens.create(request.name(), group, ApiUser.current());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", issued.token().id());
        body.put("name", issued.token().name());
        body.put("group", issued.token().group());
        body.put("principal", "token:" + issued.token().name());
        body.put("createdBy", issued.token().createdBy());
        body.put("createdAt", issued.token().createdAt());
        body.put("token", issued.secret());
        body.put("note", "store the token now: it is not shown again. Send it as 'Authorization: Bearer <token>'.");
        return ResponseEntity.created(URI.create("/api/integration-tokens/" + issued.token().id())).body(body);
    }

    @GetMapping
    List<ApiTokens.Token> list() {
        return tokens.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        tokens.revoke(id);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
