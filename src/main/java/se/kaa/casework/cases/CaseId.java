package se.kaa.casework.cases;

/**
 * A case's id as it arrives in a path ({@code /arenden/{id}}, {@code /api/v1/cases/{id}}): a
 * positive number, converted by Spring from the path ({@link #of(String)}); anything else is no
 * case at all, which the web edge answers {@code 404} like an unknown one.
 */
public record CaseId(long value) {

    public CaseId {
        if (value <= 0) {
            throw new IllegalArgumentException("A case id is positive");
        }
    }

    /** Used by Spring's conversion of a path variable; throws for anything but a positive number. */
    public static CaseId of(String text) {
        return new CaseId(Long.parseLong(text.strip()));
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
