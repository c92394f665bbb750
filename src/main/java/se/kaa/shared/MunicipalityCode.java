package se.kaa.shared;

/** A kommunkod: four digits, the first two naming the county (län). */
public record MunicipalityCode(String value) implements Comparable<MunicipalityCode> {

    public MunicipalityCode {
        if (value == null || !value.matches("\\d{4}")) {
            throw new IllegalArgumentException("A municipality code is four digits");
        }
    }

    public static MunicipalityCode of(String value) {
        return new MunicipalityCode(value == null ? null : value.strip());
    }

    public static boolean isValid(String value) {
        return value != null && value.strip().matches("\\d{4}");
    }

    @Override
    public int compareTo(MunicipalityCode o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
