package se.kaa.platform;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import se.kaa.platform.ProblemException.FieldProblem;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one translation of a typed form's or API body's errors into Swedish field problems: a value
 * that could not be converted to the field's type ({@code typeMismatch} from a form, a mismatched
 * JSON value from the API) and a Bean Validation constraint. Forms and the API call it alike, so a
 * wrong date says the same in both. A constraint whose {@code message} is one of our keys (it has no
 * braces, e.g. {@code @Pattern(message = "caserecords.field.phone")}) uses that key.
 */
public final class InputProblems {

    private InputProblems() {
    }

    /** Every field error of a bound form or body, one problem per field, in the order they were found. */
    public static List<FieldProblem> of(BindingResult result) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : result.getFieldErrors()) {
            if (problems.stream().anyMatch(p -> p.field().equals(error.getField()))) {
                continue;
            }
            problems.add(of(error, result.getFieldType(error.getField())));
        }
        return problems;
    }

    /**
     * A form whose binding failed for some fields (a date that is no date) is not validated by Spring
     * MVC, so her other mistakes (an empty required field) would show only after she fixed the first.
     * The other fields of the record {@code type} are converted from what she {@code submitted} and
     * checked against their constraints here, so that every field's problem is shown at once.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ProblemException invalid(BindingResult result, Class<?> type, Map<String, String> submitted,
                                           jakarta.validation.Validator validator, ConversionService conversion) {
        List<FieldProblem> problems = new ArrayList<>(of(result));
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                String field = c.getName();
                if (problems.stream().anyMatch(p -> p.field().equals(field))) {
                    continue;
                }
                String raw = submitted.get(field);
                Object value;
                try {
                    value = raw == null || raw.isBlank() ? null : conversion.convert(raw.strip(), c.getType());
                } catch (ConversionException notThisType) {
                    problems.add(typeMismatch(field, c.getType()));
                    continue;
                }
                Set<ConstraintViolation<?>> violations = (Set) validator.validateValue((Class) type, field, value);
                violations.stream().findFirst().ifPresent(v -> problems.add(of(field,
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(),
                        v.getConstraintDescriptor().getAttributes())));
            }
        }
        return ProblemException.invalidFields(problems);
    }

    /** {@link #of(BindingResult)} as the {@code 400} to throw. */
    public static ProblemException invalid(BindingResult result) {
        return ProblemException.invalidFields(of(result));
    }

    /**
     * The problem of a JSON value the field's type could not take ({@code "channel": "PIGEON"}), or
     * empty when Jackson cannot say which field (the body is no object of fields at all).
     */
    public static java.util.Optional<FieldProblem> of(MismatchedInputException mismatch) {
        if (mismatch.getPath().isEmpty()) {
            return java.util.Optional.empty();
        }
        String field = mismatch.getPath().get(mismatch.getPath().size() - 1).getPropertyName();
        return java.util.Optional.ofNullable(field).map(f -> typeMismatch(f, mismatch.getTargetType()));
    }

    /** The problem of a value the field's type could not take. */
    public static FieldProblem typeMismatch(String field, Class<?> type) {
        return new FieldProblem(field, keyOfType(type));
    }

    static FieldProblem of(FieldError error, Class<?> type) {
        String field = error.getField();
        if (error.isBindingFailure()) {
            return typeMismatch(field, type != null ? type : typeOfCodes(error));
        }
        Map<String, Object> attributes = new java.util.HashMap<>(attributes(error));
        if (error.getDefaultMessage() != null) {
            attributes.putIfAbsent("message", error.getDefaultMessage());
        }
        return of(field, error.getCode() == null ? "" : error.getCode(), attributes);
    }

    private static FieldProblem of(String field, String code, Map<String, Object> attributes) {
        Object message = attributes.get("message");
        if (message instanceof String m && !m.isBlank() && !m.contains("{") && !m.contains(" ")) {
            return new FieldProblem(field, m);
        }
        return switch (code) {
            case "NotNull", "NotBlank", "NotEmpty" -> new FieldProblem(field, "input.required");
            case "Size" -> new FieldProblem(field, "input.tooLong", attributes.getOrDefault("max", ""));
            case "Min", "Max", "Positive", "PositiveOrZero", "Range" -> new FieldProblem(field, "input.number");
            default -> new FieldProblem(field, "input.format");
        };
    }

    /** A record bound by its constructor names the type only in its codes ({@code typeMismatch.java.time.LocalDate}). */
    private static Class<?> typeOfCodes(FieldError error) {
        if (error.getCodes() == null) {
            return null;
        }
        for (String code : error.getCodes()) {
            if (code.startsWith("typeMismatch.") && code.indexOf('.', "typeMismatch.".length()) > 0) {
                try {
                    return Class.forName(code.substring("typeMismatch.".length()), false, InputProblems.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError notAType) {
                    // the code names a field path, not a type
                }
            }
        }
        return null;
    }

    private static Map<String, Object> attributes(FieldError error) {
        try {
            ConstraintViolation<?> violation = error.unwrap(ConstraintViolation.class);
            return violation.getConstraintDescriptor().getAttributes();
        } catch (IllegalArgumentException notAViolation) {
            return Map.of();
        }
    }

    private static String keyOfType(Class<?> type) {
        if (type == null) {
            return "input.format";
        }
        if (type == se.kaa.shared.HalfYear.class) {
            return "input.period";
        }
        if (type == se.kaa.shared.MunicipalityCode.class) {
            return "input.municipality";
        }
        if (type == se.kaa.shared.SchoolUnitCode.class) {
            return "input.schoolUnit";
        }
        if (type == se.kaa.shared.PersonalIdentityNumber.class) {
            return "input.personnummer";
        }
        if (type == LocalDateTime.class) {
            return "input.dateTime";
        }
        if (type == LocalDate.class || Temporal.class.isAssignableFrom(type)) {
            return "input.date";
        }
        if (type.isEnum()) {
            return "input.choice";
        }
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return "input.number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "input.boolean";
        }
        return "input.format";
    }
}
