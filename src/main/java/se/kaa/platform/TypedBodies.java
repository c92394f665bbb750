package se.kaa.platform;

import org.springframework.stereotype.Component;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds JSON that a controller had to put together itself (a PATCH merged onto what is stored) to a
 * typed, validated command – with the same Swedish field problems as {@code @Valid @RequestBody}.
 */
@Component
public class TypedBodies {

    private final JsonMapper json;
    private final SpringValidatorAdapter validator;

    TypedBodies(JsonMapper json, jakarta.validation.Validator validator) {
        this.json = json;
        this.validator = new SpringValidatorAdapter(validator);
    }

    public <T> T bind(JsonNode body, Class<T> type) {
        T value;
        try {
            value = json.treeToValue(body, type);
        } catch (MismatchedInputException e) {
            throw InputProblems.of(e).map(p -> ProblemException.invalidFields(java.util.List.of(p))).orElseGet(
                    () -> new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "problem.unreadable",
                            "Unreadable body"));
        } catch (JacksonException e) {
            throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "problem.unreadable",
                    "Unreadable body");
        }
        DirectFieldBindingResult errors = new DirectFieldBindingResult(value, type.getSimpleName());
        validator.validate(value, errors);
        if (errors.hasErrors()) {
            throw InputProblems.invalid(errors);
        }
        return value;
    }
}
