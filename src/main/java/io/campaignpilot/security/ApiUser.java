package io.campaignpilot.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated caller of the current /api request: a Camunda user, or {@code token:<name>} for an API token. */
public final class ApiUser {
    private static final String SYSTEM = "system";

    private ApiUser() {
    }

    /** The caller's name; "system" outside a request (jobs, start-up). */
    public static String current() {
        Authentication caller = caller();
        return caller == null ? SYSTEM : caller.getName();
    }

    /** Whether the caller belongs to a Camunda group (an API token to its one group); see {@link Groups}. */
    public static boolean hasGroup(String group) {
        Authentication caller = caller();
        return caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(group::equals);
    }

    private static Authentication caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean real = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        return real ? authentication : null;
    }
}
