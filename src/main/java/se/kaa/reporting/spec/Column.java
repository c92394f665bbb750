package se.kaa.reporting.spec;

import java.util.Objects;

/**
 * One column of the return, in output order.
 *
 * @param name      the column name SCB's template uses (header cell and record key)
 * @param label     Swedish label for people
 * @param concept   which fact of ours fills the column ({@link Concepts}); null when none does (the
 *                  column is then written empty)
 * @param index     1..max for a column expanded from a repeat group, null otherwise
 * @param type      the value's form
 * @param length    the maximum number of characters, null for no limit
 * @param mandatory whether every record must have a value
 * @param codeList  the code list the value comes from (CODE, optionally YES_NO), else null
 */
public record Column(String name, String label, String concept, Integer index, Type type, Integer length,
                     boolean mandatory, String codeList) {

    /** The forms a value may take; the validator checks each (docs/reporting-spec.md). */
    public enum Type {
        /** free text; only the length is checked */
        TEXT,
        /** an ISO date, yyyy-MM-dd */
        DATE,
        /** a code of {@link Column#codeList()}, valid during the period */
        CODE,
        /** the spec's yes/no codes: those of {@link Column#codeList()} when set, else J or N */
        YES_NO,
        /** an integer, optionally negative */
        INTEGER,
        /** 12 digits, the last of them a valid Luhn check digit over the last ten */
        PERSONNUMMER,
        /** a kommunkod, four digits */
        MUNICIPALITY,
        /** a half-year, yyyyH1 or yyyyH2, and the one being reported */
        PERIOD
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** Whether this column is one member of an expanded repeat group. */
    public boolean repeated() {
        return index != null;
    }
}
