package se.kaa.retention.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

import se.kaa.retention.RetentionPolicy;
import se.kaa.shared.MunicipalityCode;

/**
 * When a person's data falls due. Her anchor is the later of her 20th birthday and the end of her
 * last membership episode: the activity responsibility (skollagen 29 kap. 9 §) ends on the 20th
 * birthday, and the register may be kept only while needed for it and for the reporting that follows
 * it (förordning 2006:39, 3 §). While an episode is open nothing is due.
 */
final class RetentionSchedule {

    /** The policy deciding a person's removal and the day it falls due. */
    record Due(RetentionPolicy policy, LocalDate anchor, LocalDate dueOn) {
    }

    private RetentionSchedule() {
    }

    static Optional<LocalDate> anchor(LocalDate birthDate, LocalDate lastExit, boolean openEpisode) {
        return se.kaa.retention.RetentionAnchor.of(birthDate, lastExit, openEpisode);
    }

    /**
     * The latest due date over the municipalities she belonged to: a person is removed only when
     * every municipality that held her is past its time. Ties go to the lowest municipality code.
     */
    static Optional<Due> due(LocalDate birthDate, LocalDate lastExit, boolean openEpisode,
                             Collection<MunicipalityCode> municipalities,
                             Function<MunicipalityCode, RetentionPolicy> policyOf) {
        Optional<LocalDate> anchor = anchor(birthDate, lastExit, openEpisode);
        if (anchor.isEmpty() || municipalities.isEmpty()) {
            return Optional.empty();
        }
        return municipalities.stream().sorted()
                .map(m -> {
                    RetentionPolicy p = policyOf.apply(m);
                    return new Due(p, anchor.get(), p.dueOn(anchor.get()));
                })
                .max(Comparator.comparing(Due::dueOn)
                        .thenComparing(d -> d.policy().municipality(), Comparator.reverseOrder()));
    }
}
