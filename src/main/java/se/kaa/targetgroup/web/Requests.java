package se.kaa.targetgroup.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import se.kaa.platform.ProblemException;
import se.kaa.security.GrantedMunicipalities;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.shared.MunicipalityCode;

/** Parses and checks request parameters, collecting every problem before refusing. */
final class Requests {

    private final List<FieldProblem> problems = new ArrayList<>();

    /** A served municipality the user is granted ({@link GrantedMunicipalities#forApi}). */
    MunicipalityCode municipality(String value, GrantedMunicipalities municipalities) {
        return municipalities.forApi(value, problems);
    }

    LocalDate date(String name, String value, LocalDate defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "problem.field.date", name));
            return null;
        }
    }

    int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                problems.add(new FieldProblem(name, "problem.field.range", name, min, max));
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(name, "problem.field.range", name, min, max));
            return defaultValue;
        }
    }

    void check() {
        if (!problems.isEmpty()) {
            throw ProblemException.invalidFields(problems);
        }
    }
}
