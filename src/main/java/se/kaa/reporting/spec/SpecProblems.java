package se.kaa.reporting.spec;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** Everything wrong with a spec file, each problem with its line, so an administrator can fix all at once. */
public final class SpecProblems extends Exception {

    /**
     * @param line    1-based line in the file (of the faulty value, or of the object missing a field)
     * @param field   the field's path, e.g. {@code columns[3].type} (positions count from 1)
     * @param message Swedish: which field, what was wrong and what is expected
     */
    public record Problem(int line, String field, String message) implements Serializable {
    }

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public SpecProblems(List<Problem> problems) {
        super("Specifikationen har " + problems.size() + " fel.");
        this.problems = problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
    }

    /** The problems in line order. */
    public List<Problem> problems() {
        return problems;
    }
}
