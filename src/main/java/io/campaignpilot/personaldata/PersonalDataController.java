package io.campaignpilot.personaldata;

import io.campaignpilot.security.ApiUser;
import jakarta.validation.constraints.Positive;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Data subject requests: {@code DELETE /api/customers/{id}/personal-data} erases a customer's personal data. */
@RestController
@RequestMapping("/api/customers")
class PersonalDataController {
    private final PersonalDataErasure erasure;

    PersonalDataController(PersonalDataErasure erasure) {
        this.erasure = erasure;
    }

    /** 200 with what was erased, or with ALREADY_ERASED on a repeat; 404 for an unknown customer. */
    @DeleteMapping("/{id}/personal-data")
    Erasure erase(@PathVariable @Positive(message = "'${validatedValue}' is not a customer id (a positive whole number)")
                  long id) {
        return erasure.erase(id, ApiUser.current())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id));
    }
}
