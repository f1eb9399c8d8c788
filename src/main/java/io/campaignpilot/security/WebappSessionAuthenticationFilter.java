package io.campaignpilot.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Reads on /api with the login of the Camunda webapps, so the results view in Cockpit (and a link from Tasklist) needs
 * no second login. A GET or HEAD without an Authorization header, from a browser whose session is logged into
 * Cockpit, Tasklist or Admin, acts as that user; the user's groups are read from Camunda now, as HTTP Basic reads them,
 * not taken from the session. Only reads: a request that changes something still needs HTTP Basic or a token, so a
 * page on another site cannot make a logged-in browser change anything here (no CSRF). Nor can it have the browser read
 * in the user's name: a request a browser marks as coming from another site ({@code Sec-Fetch-Site}) is not taken as
 * the user's. The session is only ever read, never created, and the webapps' own session handling, CSRF protection
 * and logout stay as they are.
 */
final class WebappSessionAuthenticationFilter extends OncePerRequestFilter {
    /** Where the webapps keep their logins in the session: {@code AuthenticationUtil.CAM_AUTH_SESSION_KEY}. */
    static final String WEBAPP_LOGINS = "authenticatedUser";

    private final IdentityService identity;
    private final String engineName;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    WebappSessionAuthenticationFilter(IdentityService identity, String engineName) {
        this.identity = identity;
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        // same-origin: the results view's own requests; none: the user opened the address themselves
        String site = request.getHeader("Sec-Fetch-Site");
        boolean ownSite = site == null || "same-origin".equals(site) || "none".equals(site);
        if (read && ownSite && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && contexts.getContext().getAuthentication() == null) {
            String user = webappUser(request.getSession(false));
            if (user != null && identity.createUserQuery().userId(user).count() == 1) {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                        CamundaUserAuthenticationProvider.authorities(identity, user)));
                contexts.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    private String webappUser(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            Object logins = session.getAttribute(WEBAPP_LOGINS);
            Authentication login = logins instanceof Authentications all ? all.getAuthenticationForProcessEngine(engineName) : null;
            return login == null ? null : login.getIdentityId();
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
