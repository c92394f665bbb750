package se.kaa.retention.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import se.kaa.retention.RetentionAction;
import se.kaa.retention.RetentionClass;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * What a run on {@code asOf} removes: the persons whose identity data is due, and the rejected
 * import rows past their time. The dry run shows it; the job carries it out.
 */
public record RetentionPlan(LocalDate asOf, List<DuePerson> persons, Map<MunicipalityCode, List<Long>> rejectedRows,
                            List<Count> participantCounts) {

    /**
     * A person due for removal. {@code municipality} is the one whose policy falls due last (she is
     * removed only when every municipality she belonged to is done with her); its action applies.
     */
    public record DuePerson(UUID personId, PersonalIdentityNumber pin, MunicipalityCode municipality,
                            LocalDate anchor, LocalDate dueOn, RetentionAction action) {

        /** Shown in lists: never the clear number. */
        public String maskedPin() {
            return pin.masked();
        }
    }

    /** One line of the counts: what is removed of a class in a municipality, and how. */
    public record Count(MunicipalityCode municipality, RetentionClass dataClass, RetentionAction action, int count)
            implements Comparable<Count> {
        @Override
        public int compareTo(Count o) {
            int c = municipality.compareTo(o.municipality);
            if (c != 0) {
                return c;
            }
            c = dataClass.compareTo(o.dataClass);
            return c != 0 ? c : action.compareTo(o.action);
        }
    }

    public RetentionPlan {
        persons = List.copyOf(persons);
        rejectedRows = Map.copyOf(rejectedRows);
        participantCounts = List.copyOf(participantCounts);
    }

    public List<Count> counts() {
        Map<String, Count> counts = new TreeMap<>();
        for (DuePerson p : persons) {
            String key = p.municipality().value() + RetentionClass.IDENTITY + p.action();
            Count old = counts.get(key);
            counts.put(key, new Count(p.municipality(), RetentionClass.IDENTITY, p.action(),
                    old == null ? 1 : old.count() + 1));
        }
        rejectedRows.forEach((m, ids) -> {
            if (!ids.isEmpty()) {
                counts.put(m.value() + RetentionClass.REJECTED_IMPORT_ROWS + RetentionAction.DELETE,
                        new Count(m, RetentionClass.REJECTED_IMPORT_ROWS, RetentionAction.DELETE, ids.size()));
            }
        });
        for (Count c : participantCounts) {
            if (c.count() > 0) {
                counts.put(c.municipality().value() + c.dataClass() + c.action(), c);
            }
        }
        return counts.values().stream().sorted().toList();
    }

    /**
     * Only what is counted under the given municipalities: persons by the municipality their removal
     * is counted under, rejected rows and participants' counts by their own.
     */
    public RetentionPlan only(java.util.function.Predicate<MunicipalityCode> municipalities) {
        Map<MunicipalityCode, List<Long>> rows = new java.util.HashMap<>();
        rejectedRows.forEach((m, ids) -> {
            if (municipalities.test(m)) {
                rows.put(m, ids);
            }
        });
        return new RetentionPlan(asOf, persons.stream().filter(p -> municipalities.test(p.municipality())).toList(),
                rows, participantCounts.stream().filter(c -> municipalities.test(c.municipality())).toList());
    }

    public int total() {
        return counts().stream().mapToInt(Count::count).sum();
    }
}
