package io.campaignpilot.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static io.campaignpilot.security.Groups.ADMINS;
import static io.campaignpilot.security.Groups.AUDITORS;
import static io.campaignpilot.security.Groups.INTEGRATORS;
import static io.campaignpilot.security.Groups.LEGAL_REVIEWERS;
import static io.campaignpilot.security.Groups.MARKETING_LEADS;
import static io.campaignpilot.security.Groups.MARKETING_MANAGERS;
import static io.campaignpilot.security.Groups.PROCESS_OWNERS;

/**
 * HTTP Basic authentication for /api against Camunda's identity service (same users, same login
 * throttling as the webapps), then a role check per endpoint: 401 without valid credentials, 403 for the wrong role.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {
    private static final Set<String> READERS = Set.of(MARKETING_MANAGERS, MARKETING_LEADS, LEGAL_REVIEWERS, PROCESS_OWNERS,
            AUDITORS, INTEGRATORS, ADMINS);

    private final IdentityService identity;

    public ApiAuthenticationFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] credentials = credentials(request.getHeader("Authorization"));
        if (credentials == null || !checkPassword(credentials[0], credentials[1])) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"CampaignPilot\"");
            error(response, 401, "authentication required: HTTP Basic with a CampaignPilot user");
            return;
        }
        String user = credentials[0];
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        Set<String> allowed = allowedGroups(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()));
        if (groups.stream().noneMatch(allowed::contains)) {
            error(response, 403, "user " + user + " may not " + request.getMethod() + " " + request.getRequestURI());
            return;
        }
        ApiUser.set(user);
        try {
            chain.doFilter(request, response);
        } finally {
            ApiUser.clear();
        }
    }

    static Set<String> allowedGroups(String method, String path) {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (path.startsWith("/api/triggers") || path.startsWith("/api/outcomes")) {
            return Set.of(INTEGRATORS, ADMINS);
        }
        if (path.startsWith("/api/rules")) {
            return read ? Set.of(PROCESS_OWNERS, AUDITORS, ADMINS) : Set.of(PROCESS_OWNERS, ADMINS);
        }
        if (path.startsWith("/api/knowledge/reindex")) {
            return Set.of(PROCESS_OWNERS, ADMINS);
        }
        if (path.startsWith("/api/knowledge")) {
            // brand owners (marketing leads) and legal own the knowledge; everyone who reviews may read it
            return read ? READERS : Set.of(MARKETING_LEADS, LEGAL_REVIEWERS, PROCESS_OWNERS, ADMINS);
        }
        if (path.startsWith("/api/campaigns")) {
            return read ? READERS : Set.of(MARKETING_MANAGERS, MARKETING_LEADS, ADMINS);
        }
        return Set.of(ADMINS);
    }

    private boolean checkPassword(String user, String password) {
        try {
            return identity.checkPassword(user, password);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String[] credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 1 ? null : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\",\"errors\":[]}");
    }
}
