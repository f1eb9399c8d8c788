package io.campaignpilot.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class ApiUserTest {
    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void outsideARequestTheCallerIsTheSystem() {
        assertThat(ApiUser.current()).isEqualTo("system");
        assertThat(ApiUser.hasGroup(Groups.ADMINS)).isFalse();
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        assertThat(ApiUser.current()).isEqualTo("system");
    }

    @Test
    void theAuthenticatedUserAndItsGroups() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("lena", null,
                AuthorityUtils.createAuthorityList(Groups.LEGAL_REVIEWERS)));
        assertThat(ApiUser.current()).isEqualTo("lena");
        assertThat(ApiUser.hasGroup(Groups.LEGAL_REVIEWERS)).isTrue();
        assertThat(ApiUser.hasGroup(Groups.ADMINS)).isFalse();
    }

    @Test
    void aTokenIsItsNameAndItsOneGroup() {
        SecurityContextHolder.getContext().setAuthentication(
                new ApiTokenAuthenticationProvider.TokenAuthentication("token:erp", Groups.INTEGRATORS));
        assertThat(ApiUser.current()).isEqualTo("token:erp");
        assertThat(ApiUser.hasGroup(Groups.INTEGRATORS)).isTrue();
    }
}
