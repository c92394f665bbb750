package se.kaa.platform;

import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.convert.ConversionService;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * Every wrong field of a typed form at once ({@link InputProblems#invalid(BindingResult, Class, Map,
 * jakarta.validation.Validator, ConversionService)}), with the web's own validator and conversions.
 */
@Component
public class FormProblems {

    private final jakarta.validation.Validator validator;
    private final ConversionService conversion;

    FormProblems(jakarta.validation.Validator validator, @Qualifier("mvcConversionService") ConversionService conversion) {
        this.validator = validator;
        this.conversion = conversion;
    }

    /** The {@code 400} for a form of record {@code type} that did not bind or validate; {@code submitted}: as she typed it. */
    public ProblemException of(BindingResult binding, Class<?> type, Map<String, String> submitted) {
        return InputProblems.invalid(binding, type, submitted, validator, conversion);
    }
}
