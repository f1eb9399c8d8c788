package io.campaignpilot.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 401, 403 and 429 for /api in the API's error shape: {"status", "message", "errors": []}. */
@Component
class ApiErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {
    static final String REALM = "CampaignPilot";

    private final ObjectMapper json;

    ApiErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, "too many failed logins from your address: try again in "
                    + throttled.retryAfterSeconds() + " s");
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        write(response, HttpStatus.UNAUTHORIZED, e instanceof ApiTokenAuthenticationProvider.InvalidApiTokenException
                ? "invalid or revoked API token"
                : "authentication required: HTTP Basic with a CampaignPilot user, or an API token (Authorization: Bearer cp_...);"
                        + " to read, also a browser logged into Cockpit or Tasklist");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "user " + ApiUser.current() + " may not " + request.getMethod() + " " + request.getRequestURI());
    }

    private void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("message", message);
        body.put("errors", List.of());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
