package se.kaa.retention;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The day a person's retention times are counted from: the later of her 20th birthday and the end of
 * her last membership episode; none while an episode is open. The activity responsibility
 * (skollagen 29 kap. 9 §) ends on the 20th birthday; see docs/security.md, "Retention".
 */
public final class RetentionAnchor {

    private RetentionAnchor() {
    }

    public static Optional<LocalDate> of(LocalDate birthDate, LocalDate lastEpisodeExit, boolean openEpisode) {
        if (openEpisode) {
            return Optional.empty();
        }
        LocalDate twentieth = birthDate.plusYears(20);
        return Optional.of(lastEpisodeExit != null && lastEpisodeExit.isAfter(twentieth) ? lastEpisodeExit : twentieth);
    }
}
