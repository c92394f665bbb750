package se.kaa.shared;

/** A skolenhetskod: eight digits from Skolverket's school unit register. */
public record SchoolUnitCode(String value) {

    public SchoolUnitCode {
        if (value == null || !value.matches("\\d{8}")) {
            throw new IllegalArgumentException("A school unit code is eight digits");
        }
    }

    public static boolean isValid(String value) {
        return value != null && value.strip().matches("\\d{8}");
    }

    @Override
    public String toString() {
        return value;
    }
}
