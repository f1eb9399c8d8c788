package io.campaignpilot.trigger;

import io.campaignpilot.web.FieldError;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trigger event an integrator may send: its type is a business event (a BRIEF comes from Tasklist only) and its
 * brief passes {@link CampaignRegistration#validate}, which knows the catalog, the regions and the segments. Each
 * problem is reported on its own field, next to the event's other constraint violations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AcceptableEvent.Check.class)
@interface AcceptableEvent {
    String message() default "is not an acceptable trigger event";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A Spring bean (Spring's validator factory injects it): the brief's checks need the catalog. */
    class Check implements ConstraintValidator<AcceptableEvent, TriggerEvent> {
        private static final List<TriggerType> SENT_BY_INTEGRATORS = Arrays.stream(TriggerType.values())
                .filter(t -> t != TriggerType.BRIEF).toList();

        private final CampaignRegistration registration;

        Check(CampaignRegistration registration) {
            this.registration = registration;
        }

        @Override
        public boolean isValid(TriggerEvent event, ConstraintValidatorContext context) {
            if (event == null) {
                return true;
            }
            List<FieldError> errors = new ArrayList<>();
            if (event.type() != null && SENT_BY_INTEGRATORS.stream().noneMatch(t -> t.name().equals(event.type()))) {
                errors.add(new FieldError("type", "unknown type " + event.type() + "; use one of " + SENT_BY_INTEGRATORS));
            }
            errors.addAll(registration.validate(event.brief()));
            context.disableDefaultConstraintViolation();
            errors.forEach(error -> context.buildConstraintViolationWithTemplate(literal(error.reason()))
                    .addPropertyNode(error.field()).addConstraintViolation());
            return errors.isEmpty();
        }

        /** The reason as a message template that says exactly itself: it quotes what the client sent. */
        private static String literal(String reason) {
            return reason.replaceAll("([\\\\{}$])", "\\\\$1");
        }
    }
}
