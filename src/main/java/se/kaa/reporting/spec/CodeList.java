package se.kaa.reporting.spec;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A code list of the period spec: the codes SCB accepts for a variable, each with its validity (code
 * lists change between periods – "H2 2017 removed codes").
 */
public record CodeList(String name, String label, List<Code> codes) {

    /** A code; {@code validFrom}/{@code validTo} are inclusive and null means open. */
    public record Code(String code, String label, LocalDate validFrom, LocalDate validTo) {

        public Code {
            Objects.requireNonNull(code, "code");
        }

        /** Whether the code's validity overlaps {@code first..last} (both inclusive). */
        public boolean validDuring(LocalDate first, LocalDate last) {
            return (validFrom == null || !validFrom.isAfter(last)) && (validTo == null || !validTo.isBefore(first));
        }
    }

    public CodeList {
        Objects.requireNonNull(name, "name");
        codes = List.copyOf(codes);
    }

    /** The code with this value, whatever its validity. */
    public Optional<Code> code(String code) {
        return codes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The code with this value if its validity overlaps the period {@code periodFirst..periodLast}. */
    public Optional<Code> valid(String code, LocalDate periodFirst, LocalDate periodLast) {
        return code(code).filter(c -> c.validDuring(periodFirst, periodLast));
    }
}
