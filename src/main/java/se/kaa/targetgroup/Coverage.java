package se.kaa.targetgroup;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import se.kaa.shared.MunicipalityCode;

/**
 * A local copy of Skolverket's reconciliation (REPORTING.md, "Coverage check"): on the day of the
 * municipality's latest folkbokföring snapshot, the folkbokförda aged 16–19 minus those in compulsory or
 * upper-secondary school or holding an examen (what a crude count says the group should be), against the
 * group our rules computed. Each difference names the facts behind it. Reads only: the caller audits.
 */
public interface Coverage {

    /** The reconciliation on the latest applied snapshot dated on or before {@code day}; empty without one. */
    java.util.Optional<Result> on(MunicipalityCode municipality, LocalDate day);

    /**
     * {@code population}: folkbokförda 16–19; {@code expected}: of them, not in school and without an examen;
     * {@code members}: our group on the day; {@code matched}: expected and members.
     */
    record Result(LocalDate asOf, int population, int expected, int members, int matched, List<Entry> likelyMisses,
                  List<Entry> likelyFalseMembers) {

        /** Of those a crude count expects, the share our group holds (0–100), null when none is expected. */
        public Double coverage() {
            return expected == 0 ? null : Math.round(1000.0 * matched / expected) / 10.0;
        }
    }

    /** A person the two counts disagree on, with the facts of the day that explain it. */
    record Entry(UUID personId, String pnr, String givenName, String familyName, LocalDate registeredSince,
                 String schoolType, String schoolUnit, String programme, LocalDate enrolledSince, String credential,
                 LocalDate credentialOn, boolean inPopulation) {
    }
}
