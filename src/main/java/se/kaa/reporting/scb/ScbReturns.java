package se.kaa.reporting.scb;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import se.kaa.casework.PeriodRecords;
import se.kaa.casework.PeriodRecords.PeriodMeasure;
import se.kaa.casework.PeriodRecords.PeriodRecord;
import se.kaa.reporting.scb.ScbSpecs.StoredSpec;
import se.kaa.reporting.spec.Check.Severity;
import se.kaa.reporting.spec.Column;
import se.kaa.reporting.spec.RecordProblem;
import se.kaa.reporting.spec.ReturnSpec;
import se.kaa.reporting.spec.SpecValidator;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * A half-year's return as it would be exported now: the period population from casework's reported
 * facts ({@link PeriodRecords}), each concept put in the spec's columns through the municipality's code
 * mapping, and validated – the spec's checks and ours. Reads only: the caller audits.
 */
@Component
public class ScbReturns {

    static final Locale SWEDISH = Locale.forLanguageTag("sv");
    /** The measure reporting category that lands in "annan åtgärd". */
    static final String OTHER_MEASURE = "OVRIGT";

    /** One record of the return: whose it is, and its values by column. */
    public record Line(PersonalIdentityNumber pin, java.util.UUID personId, Long caseId, Map<String, String> values) {
    }

    /** A problem of one record: {@code kind} is the spec check's id or ours, for the counts. */
    public record Problem(PersonalIdentityNumber pin, Long caseId, String column, String kind, String message, Severity severity) {
    }

    /** The return of a municipality and half-year. */
    public record Built(MunicipalityCode municipality, HalfYear period, StoredSpec spec, List<Line> lines,
                        List<Problem> problems, int otherMeasures) {

        public long errors() {
            return problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
        }

        public long warnings() {
            return problems.stream().filter(p -> p.severity() == Severity.WARNING).count();
        }

        /** Problems per kind, with its message's first example: the counts on the page. */
        public Map<String, Long> countsByKind() {
            Map<String, Long> counts = new TreeMap<>();
            problems.forEach(p -> counts.merge(p.kind(), 1L, Long::sum));
            return counts;
        }

        public List<Map<String, String>> records() {
            return lines.stream().map(Line::values).toList();
        }
    }

    private final PeriodRecords periodRecords;
    private final ScbSpecs specs;
    private final ScbMappings mappings;
    private final MessageSource messages;

    ScbReturns(PeriodRecords periodRecords, ScbSpecs specs, ScbMappings mappings, MessageSource messages) {
        this.periodRecords = periodRecords;
        this.specs = specs;
        this.mappings = mappings;
        this.messages = messages;
    }

    public Built build(MunicipalityCode m, HalfYear period) {
        StoredSpec stored = specs.forPeriod(period);
        ReturnSpec spec = stored.spec();
        Map<String, Map<String, String>> mapping = mappings.of(m, stored);
        List<PeriodRecord> population = periodRecords.of(m, period.first(), period.last());
        List<Line> lines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int otherMeasures = 0;
        int maxMeasures = (int) spec.columns().stream().filter(c -> c.index() != null).mapToInt(Column::index).max().orElse(0);
        for (PeriodRecord r : population) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Column c : spec.columns()) {
                String ours = value(spec, r, c, m, period);
                if (ours == null) {
                    values.put(c.name(), "");
                } else if (c.type() == Column.Type.CODE) {
                    String code = mapping.getOrDefault(c.codeList(), Map.of()).get(ours);
                    if (code == null) {
                        problems.add(new Problem(r.pin(), r.caseId(), c.name(), "unmapped",
                                message("reporting.check.unmapped", c.label(), label(c, ours), c.codeList()), Severity.ERROR));
                    }
                    values.put(c.name(), code == null ? "" : code);
                } else {
                    values.put(c.name(), ours);
                }
            }
            lines.add(new Line(r.pin(), r.personId(), r.caseId(), values));
            otherMeasures += (int) r.measures().stream().filter(x -> OTHER_MEASURE.equals(x.category())).count();
            ours(r, maxMeasures, problems);
        }
        List<Map<String, String>> records = lines.stream().map(Line::values).toList();
        for (RecordProblem p : SpecValidator.validate(spec, period.first(), period.last(), records)) {
            Line line = lines.get(p.record());
            problems.add(new Problem(line.pin(), line.caseId(), p.column(), "spec:" + (p.column() == null ? "" : p.column()),
                    p.message(), p.severity()));
        }
        problems.sort(java.util.Comparator.comparing((Problem p) -> p.severity()).thenComparing(p -> p.pin().value()));
        return new Built(m, period, stored, lines, problems, otherMeasures);
    }

    /** Our value of a column's concept for this record; null when it has none. */
    private static String value(ReturnSpec spec, PeriodRecord r, Column c, MunicipalityCode m, HalfYear period) {
        if (c.concept().startsWith("measure.")) {
            int i = c.index() == null ? 0 : c.index() - 1;
            if (i >= r.measures().size()) {
                return null;
            }
            PeriodMeasure x = r.measures().get(i);
            return switch (c.concept()) {
                case "measure.type" -> x.category();
                case "measure.start" -> date(x.start());
                case "measure.end" -> date(x.end());
                case "measure.declined" -> spec.yesNo(c, x.declined());
                case "measure.occupationAfter" -> x.occupationAfter();
                default -> throw new IllegalStateException("Unknown concept " + c.concept());
            };
        }
        return switch (c.concept()) {
            case "municipality" -> m.value();
            case "period" -> period.toString();
            case "personnummer" -> r.pin().value();
            case "firstRegistered" -> date(r.firstRegistered());
            case "registered" -> date(r.registered());
            case "reason" -> r.reason();
            case "contactDuringPeriod" -> spec.yesNo(c, r.contactDuringPeriod());
            case "occupationAtLatestContact" -> r.occupationAtLatestContact();
            case "exited" -> date(r.exited());
            case "exitReason" -> r.exitReason();
            default -> throw new IllegalStateException("Unknown concept " + c.concept());
        };
    }

    /** Our checks (REPORTING.md): what the facts show that a spec cannot. */
    private void ours(PeriodRecord r, int maxMeasures, List<Problem> problems) {
        if (!r.registered().isBefore(r.birthDate().plusYears(20))) {
            problems.add(new Problem(r.pin(), r.caseId(), null, "twenty", message("reporting.check.twenty"), Severity.ERROR));
        }
        if (r.caseId() == null) {
            problems.add(new Problem(r.pin(), null, null, "noCase", message("reporting.check.noCase"), Severity.WARNING));
        }
        for (PeriodMeasure x : r.measures()) {
            if (x.start() != null && (x.start().isBefore(r.firstRegistered())
                    || (r.exited() != null && !x.start().isBefore(r.exited())))) {
                problems.add(new Problem(r.pin(), r.caseId(), null, "measureOutside",
                        message("reporting.check.measureOutside", x.start()), Severity.WARNING));
            }
        }
        if (r.measures().size() > maxMeasures) {
            problems.add(new Problem(r.pin(), r.caseId(), null, "tooManyMeasures",
                    message("reporting.check.tooManyMeasures", r.measures().size(), maxMeasures), Severity.WARNING));
        }
    }

    private String label(Column c, String ours) {
        String key = switch (c.concept()) {
            case "reason" -> "reason." + ours;
            case "exitReason" -> "exitReason." + ours;
            case "measure.type" -> "caserecords.category." + ours;
            default -> "caserecords.occupation." + ours;
        };
        return messages.getMessage(key, null, ours, SWEDISH);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
