package se.kaa.targetgroup;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The law versions of skollagen 29 kap. 9 § the register applies, each to the dates in its range
 * (both ends inclusive). No rule set applies before 2015-01-01: the register's history starts there.
 */
public enum RuleSetVersion {
    /** skollagen (2010:800) 29 kap. 9 § as in force until 2018-06-30 */
    V2015("2015", LocalDate.of(2015, 1, 1), LocalDate.of(2018, 6, 30)),
    /** as amended by SFS 2018:608, in force 2018-07-01 */
    V2018("2018", LocalDate.of(2018, 7, 1), LocalDate.of(2023, 7, 1)),
    /** gymnasiesärskola renamed anpassad gymnasieskola; same logic as 2018 */
    V2023("2023", LocalDate.of(2023, 7, 2), null);

    private final String code;
    private final LocalDate validFrom;
    private final LocalDate validTo;

    RuleSetVersion(String code, LocalDate validFrom, LocalDate validTo) {
        this.code = code;
        this.validFrom = validFrom;
        this.validTo = validTo;
    }

    /** "2015", "2018" or "2023". */
    public String code() {
        return code;
    }

    /** First day the rule set applies. */
    public LocalDate validFrom() {
        return validFrom;
    }

    /** Last day the rule set applies (inclusive), {@code null} while it is the current one. */
    public LocalDate validTo() {
        return validTo;
    }

    public boolean appliesOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    /** The rule set that applies on {@code date}; empty before 2015-01-01. */
    public static Optional<RuleSetVersion> on(LocalDate date) {
        if (date.isBefore(V2015.validFrom)) {
            return Optional.empty();
        }
        if (date.isBefore(V2018.validFrom)) {
            return Optional.of(V2015);
        }
        if (date.isBefore(V2023.validFrom)) {
            return Optional.of(V2018);
        }
        return Optional.of(V2023);
    }
}
