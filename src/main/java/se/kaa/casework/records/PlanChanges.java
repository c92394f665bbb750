package se.kaa.casework.records;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;


/**
 * What a revision of the plan changed against the one before it, in Swedish sentences: the goal (from
 * what to what), each measure added or no longer in the plan, and each field of a measure that changed.
 * The first revision is compared with an empty plan.
 */
@Component
class PlanChanges {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final MessageSource texts;

    PlanChanges(MessageSource texts) {
        this.texts = texts;
    }

    List<String> between(CaseDetails.RevisionSnapshot previous, CaseDetails.RevisionSnapshot current) {
        List<String> lines = new ArrayList<>();
        String before = previous == null ? null : previous.goal();
        if (!Objects.equals(blankToNull(before), blankToNull(current.goal()))) {
            lines.add(current.goal() == null || current.goal().isBlank()
                    ? text("caserecords.revision.change.goalRemoved")
                    : before == null || before.isBlank() ? text("caserecords.revision.change.goalSet", current.goal())
                    : text("caserecords.revision.change.goal", before, current.goal()));
        }
        Map<Long, CaseDetails.Measure> old = new LinkedHashMap<>();
        if (previous != null) {
            previous.measures().forEach(m -> old.put(m.id(), m));
        }
        for (CaseDetails.Measure m : current.measures()) {
            CaseDetails.Measure was = old.remove(m.id());
            if (was == null) {
                lines.add(text("caserecords.revision.change.added", m.type(), m.offeredOn(), status(m)));
                continue;
            }
            fields().forEach((field, value) -> {
                String a = value.apply(was);
                String b = value.apply(m);
                if (!Objects.equals(a, b)) {
                    lines.add(text("caserecords.revision.change.field", m.type(), text("caserecords.field." + field),
                            a == null ? text("caserecords.revision.change.empty") : a,
                            b == null ? text("caserecords.revision.change.empty") : b));
                }
            });
        }
        old.values().forEach(m -> lines.add(text("caserecords.revision.change.removed", m.type(), m.offeredOn())));
        return lines;
    }

    /** The fields of a measure compared, by their label key under {@code caserecords.field.}, as shown. */
    private Map<String, Function<CaseDetails.Measure, String>> fields() {
        Map<String, Function<CaseDetails.Measure, String>> f = new LinkedHashMap<>();
        f.put("status", this::status);
        f.put("responsible", m -> "OTHER".equals(m.responsible()) ? m.responsibleActor()
                : m.responsible() == null ? null : text("caserecords.responsible." + m.responsible()));
        f.put("decidedOn", m -> s(m.decidedOn()));
        f.put("starts", m -> s(m.starts()));
        f.put("ends", m -> s(m.ends()));
        f.put("endReason", m -> blankToNull(m.endReason()));
        f.put("followUp", m -> s(m.followUp()));
        f.put("note", m -> blankToNull(m.note()));
        return f;
    }

    private String status(CaseDetails.Measure m) {
        return m.status() == null ? null : text("caserecords.measureStatus." + m.status());
    }

    private static String s(Object o) {
        return o == null ? null : o.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private String text(String key, Object... args) {
        return texts.getMessage(key, args, SWEDISH);
    }
}
