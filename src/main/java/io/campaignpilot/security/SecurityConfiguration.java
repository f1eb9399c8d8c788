package io.campaignpilot.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static io.campaignpilot.security.Groups.ADMINS;
import static io.campaignpilot.security.Groups.AUDITORS;
import static io.campaignpilot.security.Groups.INTEGRATORS;
import static io.campaignpilot.security.Groups.LEGAL_LEADS;
import static io.campaignpilot.security.Groups.LEGAL_REVIEWERS;
import static io.campaignpilot.security.Groups.MARKETING_LEADS;
import static io.campaignpilot.security.Groups.MARKETING_MANAGERS;
import static io.campaignpilot.security.Groups.METRICS_READERS;
import static io.campaignpilot.security.Groups.PROCESS_OWNERS;
import static io.campaignpilot.security.Groups.STOREFRONT;

/**
 * Nothing under /api, /engine-rest or /actuator (but health) answers without credentials. /api is Spring Security's: HTTP Basic against
 * Camunda's users or an API token (to read, also the webapps' login: {@link WebappSessionAuthenticationFilter}), then a
 * role rule per endpoint matched on the decoded, normalised path (the firewall answers 400 to encoded dots and slashes, semicolons and double slashes before any rule is read).
 * /engine-rest and the webapps keep Camunda's own authentication, sessions and CSRF protection.
 */
@Configuration
class SecurityConfiguration {
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    private static final String[] READERS = {MARKETING_MANAGERS, MARKETING_LEADS, LEGAL_REVIEWERS, LEGAL_LEADS, PROCESS_OWNERS,
            AUDITORS, INTEGRATORS, ADMINS};
    /** Campaign results and the scorecard: those who act on them, run the process or audit it; not integrations. */
    private static final String[] RESULT_READERS = {MARKETING_MANAGERS, MARKETING_LEADS, PROCESS_OWNERS, AUDITORS, ADMINS};

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setName("engine-rest-authentication");
        return registration;
    }

    /**
     * The one way into /api: Camunda users (HTTP Basic, throttled per address) and API tokens. Publishing it as a
     * bean also keeps Spring Boot from creating its in-memory user with a generated password.
     */
    @Bean
    AuthenticationManager apiAuthenticationManager(IdentityService identity, LoginThrottle throttle, ApiTokens tokens) {
        return new ProviderManager(new CamundaUserAuthenticationProvider(identity, throttle),
                new ApiTokenAuthenticationProvider(tokens));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager apiAuthenticationManager, ApiErrorResponses errors,
                            IdentityService identity, ProcessEngine engine) throws Exception {
        AuthenticationFilter bearer = new AuthenticationFilter(apiAuthenticationManager, ApiTokenAuthenticationProvider::fromHeader);
        bearer.setSuccessHandler((request, response, authentication) -> { /* continue to the endpoint */ });
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(errors));
        return http
                .securityMatcher(PATHS.matcher("/api/**"))
                .authenticationManager(apiAuthenticationManager)
                .httpBasic(basic -> basic.realmName(ApiErrorResponses.REALM).authenticationEntryPoint(errors))
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                // a read may also come from a browser logged into the webapps; it only reads that login
                .addFilterAfter(new WebappSessionAuthenticationFilter(identity, engine.getName()), BasicAuthenticationFilter.class)
                // every change carries its credentials: Spring Security keeps no session, and a webapp login only reads,
                // so there is no CSRF to forge. Nor does it touch the webapps' session: its default fixation protection
                // would give the session a new id under Cockpit's feet, and Cockpit's next requests would be logged out
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .authorizeHttpRequests(SecurityConfiguration::apiRules)
                .build();
    }

    /** Who may call what; the first matching rule decides. */
    static void apiRules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        // clicked from a mailbox: the signed token in the link is the authority (see publishing.UnsubscribeController)
        rules.requestMatchers(read("/api/unsubscribe"), PATHS.matcher(HttpMethod.POST, "/api/unsubscribe")).permitAll()
                // a customer's first name is in the answer: the storefront's server only, with its API token
                .requestMatchers(read("/api/web-content")).hasAnyAuthority(STOREFRONT, ADMINS)
                // what /api offers (OpenAPI, Swagger UI): for everyone who uses it, people and integrations
                .requestMatchers(read("/api/openapi"), read("/api/openapi/**"), read("/api/docs/**")).hasAnyAuthority(READERS)
                .requestMatchers(any("/api/triggers/**"), any("/api/outcomes/**"), any("/api/catalog/**"))
                .hasAnyAuthority(INTEGRATORS, ADMINS)
                // what the broker delivered and set aside: for those who send it and those who run the processes
                .requestMatchers(read("/api/intake/**")).hasAnyAuthority(INTEGRATORS, PROCESS_OWNERS, ADMINS)
                .requestMatchers(any("/api/intake/**")).hasAnyAuthority(PROCESS_OWNERS, ADMINS)
                .requestMatchers(read("/api/rules/**"), read("/api/detection/**")).hasAnyAuthority(PROCESS_OWNERS, AUDITORS, ADMINS)
                // a pass starts campaigns: for those who own the process
                .requestMatchers(any("/api/detection/**")).hasAnyAuthority(PROCESS_OWNERS, ADMINS)
                .requestMatchers(any("/api/rules/**")).hasAnyAuthority(PROCESS_OWNERS, ADMINS)
                .requestMatchers(any("/api/knowledge/reindex/**")).hasAnyAuthority(PROCESS_OWNERS, ADMINS)
                // brand owners (marketing leads) and legal own the knowledge; everyone who reviews may read it
                .requestMatchers(read("/api/knowledge/**")).hasAnyAuthority(READERS)
                .requestMatchers(any("/api/knowledge/**")).hasAnyAuthority(MARKETING_LEADS, LEGAL_REVIEWERS, PROCESS_OWNERS, ADMINS)
                // a social audience file is hashed contact details, still personal data: for those who upload it
                .requestMatchers(read("/api/campaigns/*/audience-export")).hasAnyAuthority(MARKETING_MANAGERS, MARKETING_LEADS, ADMINS)
                // the evidence to take away (prompts, reviewers' comments, the whole trail): for those who audit or own the process
                .requestMatchers(read("/api/campaigns/*/audit-package")).hasAnyAuthority(AUDITORS, PROCESS_OWNERS, ADMINS)
                .requestMatchers(read("/api/scorecard"), read("/api/results/**")).hasAnyAuthority(RESULT_READERS)
                // propensity models (versions, holdout AUC, features, weights): for those who act on results or audit them
                .requestMatchers(read("/api/targeting/**")).hasAnyAuthority(RESULT_READERS)
                .requestMatchers(any("/api/targeting/models/train")).hasAnyAuthority(PROCESS_OWNERS, ADMINS)
                .requestMatchers(read("/api/campaigns/**")).hasAnyAuthority(READERS)
                .requestMatchers(any("/api/campaigns/**")).hasAnyAuthority(MARKETING_MANAGERS, MARKETING_LEADS, ADMINS)
                // personal data (erasure requests): legal decides, admins operate
                .requestMatchers(any("/api/customers/**")).hasAnyAuthority(LEGAL_REVIEWERS, ADMINS)
                .requestMatchers(any("/api/integration-tokens/**")).hasAuthority(ADMINS)
                .anyRequest().hasAuthority(ADMINS);
    }

    /**
     * The metrics: Prometheus's scrape user (a Camunda user in {@code metrics-readers}) or an admin, by HTTP Basic
     * through the same provider and throttle as /api. Health is left to the chain below, as it always was.
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, AuthenticationManager apiAuthenticationManager, ApiErrorResponses errors)
            throws Exception {
        RequestMatcher health = new OrRequestMatcher(PATHS.matcher("/actuator/health"), PATHS.matcher("/actuator/health/**"));
        return http
                .securityMatcher(new AndRequestMatcher(PATHS.matcher("/actuator/**"), new NegatedRequestMatcher(health)))
                .authenticationManager(apiAuthenticationManager)
                .httpBasic(basic -> basic.realmName(ApiErrorResponses.REALM).authenticationEntryPoint(errors))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(read("/actuator/prometheus")).hasAnyAuthority(METRICS_READERS, ADMINS)
                        .anyRequest().hasAuthority(ADMINS))
                .build();
    }

    /**
     * Everything that is not /api or the metrics: Camunda's REST API (its own Basic filter above), the webapps (their own session
     * login, CSRF filter and security headers) and /actuator/health. Spring Security authenticates nothing here and
     * adds no login form, no generated user, no session, and none of its CSRF tokens, headers or request wrappers
     * that would collide with Camunda's. A permit-all chain rather than {@code web.ignoring()}: ignoring is meant for
     * static resources and Spring Security warns against it at every start; a chain states the intent, and still
     * keeps session ids out of URLs.
     */
    @Bean
    @Order(3)
    SecurityFilterChain camundaAndActuator(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .build();
    }

    private static RequestMatcher any(String pattern) {
        return PATHS.matcher(pattern);
    }

    private static RequestMatcher read(String pattern) {
        return new OrRequestMatcher(PATHS.matcher(HttpMethod.GET, pattern), PATHS.matcher(HttpMethod.HEAD, pattern));
    }
}
