package io.campaignpilot.process;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Some of the engine's REST resources (a task's comments and attachments) turn every engine exception into a 400
 * "Not enough parameters submitted": a refusal of {@link GovernedEngineCommands} would lose its status and its
 * reason. This answers such a refusal as what it is, a 403 that says why; any other error as Camunda would.
 */
@Component
class EngineRestRefusals implements ResourceConfigCustomizer {

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(new Mapper());
    }

    static final class Mapper implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            Throwable answer = e.getCause() instanceof AuthorizationException refusal ? refusal : e;
            return ExceptionHandlerHelper.getInstance().getResponse(answer);
        }
    }
}
