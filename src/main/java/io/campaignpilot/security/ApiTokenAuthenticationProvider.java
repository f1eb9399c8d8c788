package io.campaignpilot.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/** {@code Authorization: Bearer cp_...}: an API token, authenticated as {@code token:<name>} with its group. */
class ApiTokenAuthenticationProvider implements AuthenticationProvider {
    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    ApiTokenAuthenticationProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** The token a request presents, or null when it presents none (then HTTP Basic may still apply). */
    static Authentication fromHeader(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return new TokenAuthentication(header.substring(BEARER.length()).trim());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = (String) authentication.getCredentials();
        return tokens.authenticate(secret)
                .map(token -> new TokenAuthentication("token:" + token.name(), token.group()))
                .orElseThrow(InvalidApiTokenException::new);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return TokenAuthentication.class.isAssignableFrom(authentication);
    }

    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final String name;
        private String secret;

        /** As presented, not yet checked. */
        TokenAuthentication(String secret) {
            super(List.of());
            this.name = "token";
            this.secret = secret;
        }

        /** Checked: the token's principal name and its one group. */
        TokenAuthentication(String name, String group) {
            super(List.of(new SimpleGrantedAuthority(group)));
            this.name = name;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return secret;
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public void eraseCredentials() {
            super.eraseCredentials();
            secret = null;
        }
    }

    static final class InvalidApiTokenException extends AuthenticationException {
        InvalidApiTokenException() {
            super("invalid or revoked API token");
        }
    }
}
