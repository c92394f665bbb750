package se.kaa.shared;

/** A kommunkod: four digits, the first two naming the county (län). */
public record MunicipalityCode(String value) implements Comparable<MunicipalityCode> {

    public MunicipalityCode {
        if (!fourDigits(value)) {
            throw new IllegalArgumentException("A municipality code is four digits");
        }
    }

    public static MunicipalityCode of(String value) {
        return new MunicipalityCode(value == null ? null : value.strip());
    }

    public static boolean isValid(String value) {
        return value != null && fourDigits(value.strip());
    }

    /** Four ASCII digits – checked by hand: a regex here was compiled for every code made (issue 11). */
    private static boolean fourDigits(String value) {
        if (value == null || value.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
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
