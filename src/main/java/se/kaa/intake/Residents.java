package se.kaa.intake;

import java.time.LocalDate;
import java.util.Optional;

import se.kaa.shared.MunicipalityCode;

/** How many live in a municipality, from its latest applied folkbokföring snapshot: the board report's denominator. */
public interface Residents {

    /**
     * Residents aged 16–19 (status NORMAL) in the latest applied snapshot of the municipality dated on or
     * before {@code onOrBefore}; empty when there is none.
     */
    Optional<Count> aged16to19(MunicipalityCode municipality, LocalDate onOrBefore);

    record Count(LocalDate asOf, int residents) {
    }
}
