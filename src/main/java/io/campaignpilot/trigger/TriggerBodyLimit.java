package io.campaignpilot.trigger;

import io.campaignpilot.web.InvalidInputException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

/** A trigger event is small: a larger body is refused before Jackson reads it, whatever its Content-Length says. */
@ControllerAdvice(assignableTypes = TriggerController.class)
class TriggerBodyLimit extends RequestBodyAdviceAdapter {
    static final int MAX_BODY_BYTES = 32 * 1024;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converter) throws IOException {
        long declared = input.getHeaders().getContentLength();
        byte[] body = declared > MAX_BODY_BYTES ? null : input.getBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body == null || body.length > MAX_BODY_BYTES) {
            throw new InvalidInputException("body", (declared > 0 ? "is " + declared + " bytes, larger" : "is larger")
                    + " than the limit of " + MAX_BODY_BYTES);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }
}
