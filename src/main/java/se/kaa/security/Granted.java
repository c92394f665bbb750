package se.kaa.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller parameter of type {@code MunicipalityCode}: the municipality of the path variable or
 * request parameter {@link #value()}, one the installation serves and the signed-in user is granted – the one place
 * that decides it, instead of a check in every controller. With none granted the page is {@code 404}.
 * A page to look at ({@code exactly = false}) falls back to her first granted municipality when the
 * parameter is missing or names another; a change ({@code exactly = true}) must name one of hers, and
 * anything else is {@code 404} – never silently another municipality of hers.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Granted {

    /** The path variable or request parameter that names the municipality. */
    String value() default "municipality";

    /** True for a change: the parameter must name a municipality she is granted. */
    boolean exactly() default false;
}
