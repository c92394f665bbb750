package se.kaa.targetgroup;

import java.time.LocalDate;
import java.util.Objects;

import se.kaa.shared.MunicipalityCode;

/**
 * One uninterrupted membership of a municipality's target group.
 *
 * @param entered        first day as a member
 * @param reason         reason for registration, decided on {@code entered}
 * @param entryKind      how the episode began
 * @param ruleSetAtEntry the rule set in force on {@code entered}
 * @param exited         first day no longer a member; {@code null} while the episode is open
 * @param exitReason     why it ended; {@code null} while open
 */
public record Episode(
        MunicipalityCode municipality,
        LocalDate entered,
        ReasonForRegistration reason,
        EntryKind entryKind,
        RuleSetVersion ruleSetAtEntry,
        LocalDate exited,
        ExitReason exitReason) {

    public Episode {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(entered, "entered");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(entryKind, "entryKind");
        Objects.requireNonNull(ruleSetAtEntry, "ruleSetAtEntry");
        if ((exited == null) != (exitReason == null)) {
            throw new IllegalArgumentException("exited and exitReason are set together");
        }
        if (exited != null && !exited.isAfter(entered)) {
            throw new IllegalArgumentException("an episode lasts at least one day");
        }
    }

    public boolean isOpen() {
        return exited == null;
    }

    /** True when {@code date} is a day of the episode. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(entered) && (exited == null || date.isBefore(exited));
    }

    /** A copy that is closed on {@code exitDate}. */
    public Episode closed(LocalDate exitDate, ExitReason why) {
        return new Episode(municipality, entered, reason, entryKind, ruleSetAtEntry, exitDate, why);
    }
}
