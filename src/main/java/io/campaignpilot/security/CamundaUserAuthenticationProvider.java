package io.campaignpilot.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.List;

/**
 * HTTP Basic against Camunda's users (the same accounts and passwords as Tasklist and Cockpit); the user's Camunda
 * groups become the authorities. An address with too many recent failures is refused before Camunda is asked, so
 * this door cannot be used to run up Camunda's lockout counter quickly.
 */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {
    private final IdentityService identity;
    private final LoginThrottle throttle;

    CamundaUserAuthenticationProvider(IdentityService identity, LoginThrottle throttle) {
        this.identity = identity;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String address = request.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
        long wait = throttle.secondsUntilAllowed(address);
        if (wait > 0) {
            throw new LoginThrottledException(wait);
        }
        String user = request.getName();
        Object password = request.getCredentials();
        if (user == null || user.isEmpty() || password == null || !checkPassword(user, password.toString())) {
            throttle.failed(address);
            throw new BadCredentialsException("bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(identity, user));
    }

    /** The user's Camunda groups as they are now: the authorities the role rules check. */
    static List<SimpleGrantedAuthority> authorities(IdentityService identity, String user) {
        return identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
    }

    private boolean checkPassword(String user, String password) {
        try {
            return identity.checkPassword(user, password);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
