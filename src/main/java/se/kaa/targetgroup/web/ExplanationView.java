package se.kaa.targetgroup.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

import se.kaa.intake.Provenance;
import se.kaa.targetgroup.rules.Assessment;
import se.kaa.targetgroup.rules.ConditionOutcome;
import se.kaa.targetgroup.rules.Finding;

/**
 * An assessment rendered for people and API clients: the rule set, each condition with its outcome,
 * and the findings behind it with their sources, in Swedish.
 */
record ExplanationView(
        LocalDate date, String municipality, String ruleSet, String status, boolean member, String reason,
        LocalDate memberSince, String summary, FindingView ruleSetFinding, List<ConditionView> conditions,
        FindingView reasonFinding) {

    record ConditionView(String condition, String label, boolean satisfied, List<FindingView> findings) {
    }

    record FindingView(String key, String text, SourceView source) {
    }

    record SourceView(String type, Long batchId, Long noticeId, Instant receivedAt, String text) {
    }

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final DateTimeFormatter RECEIVED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Stockholm"));

    static ExplanationView of(Assessment a, MessageSource messages) {
        List<ConditionView> conditions = new ArrayList<>();
        for (ConditionOutcome o : a.conditions()) {
            conditions.add(new ConditionView(o.condition().name(),
                    text(messages, "condition." + o.condition().name()), o.satisfied(),
                    o.findings().stream().map(f -> finding(f, messages)).toList()));
        }
        String summary = text(messages, "explanation.status." + a.status().name());
        return new ExplanationView(a.date(), a.municipality().value(),
                a.ruleSet() == null ? null : a.ruleSet().code(), a.status().name(), a.member(),
                a.reason() == null ? null : a.reason().name(),
                a.episode() == null ? null : a.episode().entered(), summary,
                finding(a.ruleSetFinding(), messages), conditions,
                a.reasonFinding() == null ? null : finding(a.reasonFinding(), messages));
    }

    private static final java.util.Set<String> SCHOOL_TYPES = java.util.Arrays.stream(se.kaa.intake.SchoolType.values())
            .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    static FindingView finding(Finding f, MessageSource messages) {
        // a school type is named, not coded ("gymnasieskola", not "GY"); findings hold their arguments as text
        Object[] args = f.args().stream().map(a -> SCHOOL_TYPES.contains(String.valueOf(a))
                ? messages.getMessage("schoolType." + a, null, String.valueOf(a), SWEDISH).toLowerCase(SWEDISH)
                : a == null ? "" : String.valueOf(a)).toArray();
        String text = messages.getMessage(f.messageKey(), args, f.describe(), SWEDISH);
        return new FindingView(f.messageKey(), text, f.source() == null ? null : source(f.source(), messages));
    }

    static SourceView source(Provenance p, MessageSource messages) {
        String received = p.receivedAt() == null ? "" : RECEIVED.format(p.receivedAt());
        String kind = text(messages, "source." + p.source().name());
        String text;
        if (p.batchId() != null) {
            text = messages.getMessage("source.batch", new Object[] {kind, String.valueOf(p.batchId()), received}, SWEDISH);
        } else if (p.noticeId() != null) {
            text = messages.getMessage("source.notice", new Object[] {String.valueOf(p.noticeId()), received}, SWEDISH);
        } else {
            text = messages.getMessage("source.manual", new Object[] {received}, SWEDISH);
        }
        return new SourceView(p.source().name(), p.batchId(), p.noticeId(), p.receivedAt(), text);
    }

    private static String text(MessageSource messages, String key) {
        return messages.getMessage(key, null, key, SWEDISH);
    }
}
