package se.kaa.casework.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import se.kaa.casework.assignment.AssignmentCandidates;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.letters.LetterService;
import se.kaa.casework.letters.MessageService;
import se.kaa.intake.NoticeLookup;
import se.kaa.intake.SchoolNotice;
import se.kaa.intake.SchoolUnits;
import se.kaa.platform.Installation;

/**
 * The case page's timeline: everything that happened on the case – contact attempts, occupations,
 * measures, plan revisions, letters, messages, notes, openings, closings, assignments, the handover –
 * and the notices her schools sent about her to the case's municipality, newest first, in Swedish.
 * Each entry belongs to one {@link Category}, by which the page filters.
 */
@Component
public class CaseTimeline {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    /** What the filter offers; the parameter value is the Swedish word in the URL ({@code ?visa=kontakter}). */
    public enum Category {
        CONTACTS("kontakter"), OCCUPATIONS("sysselsattning"), MEASURES("insatser"), LETTERS("brev"),
        NOTES("anteckningar"), CASE("arendet"), SCHOOL("skolan");

        final String param;

        Category(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }

        static Category of(String param) {
            for (Category c : values()) {
                if (c.param.equals(param)) {
                    return c;
                }
            }
            return null;
        }
    }

    /**
     * One thing that happened. {@code at}: when – for an occupation the day it was verified, for a
     * measure the day it was offered, so the timeline follows what happened rather than when it was typed
     * in ({@code dateOnly}: only that day is shown); {@code title} the line in bold, {@code details}
     * the lines under it; {@code struck}: a contact attempt struck out; {@code link}/{@code linkText}: where
     * more is shown (a plan revision).
     */
    public record Entry(Instant at, boolean dateOnly, Category category, String title, List<String> details, String actor,
                 boolean struck, String link, String linkText) {

        public String categoryParam() {
            return category.param();
        }
    }

    private final LetterService letters;
    private final MessageService messages;
    private final NoticeLookup notices;
    private final Installation installation;
    private final MessageSource texts;
    private final SchoolUnits schoolUnits;

    CaseTimeline(LetterService letters, MessageService messages, NoticeLookup notices,
                 Installation installation, MessageSource texts, SchoolUnits schoolUnits) {
        this.schoolUnits = schoolUnits;
        this.letters = letters;
        this.messages = messages;
        this.notices = notices;
        this.installation = installation;
        this.texts = texts;
    }

    /** Every entry of the case, newest first; {@code people}: the municipality's staff, to name who did what. */
    List<Entry> of(CaseAccess.CaseRef ref, CaseDetails.Detail detail, List<AssignmentCandidates.Candidate> people) {
        Map<String, String> names = new LinkedHashMap<>();
        people.forEach(c -> names.put(c.username(), c.displayName()));
        names.put("system", text("caserecords.timeline.system"));
        List<Entry> entries = new ArrayList<>();
        for (CaseDetails.Contact c : detail.contacts()) {
            List<String> lines = new ArrayList<>();
            if (c.note() != null && !c.note().isBlank()) {
                lines.add(c.note());
            }
            if (c.nextAttemptDue() != null) {
                lines.add(text("caserecords.timeline.nextAttempt", c.nextAttemptDue()));
            }
            if (c.struck()) {
                lines.add(text("caserecords.timeline.struck", time(c.struckAt()), name(names, c.struckBy()),
                        c.struckReason()));
            }
            entries.add(new Entry(c.attemptedAt().atZone(SWEDEN).toInstant(), false, Category.CONTACTS,
                    text("caserecords.timeline.contact", text("caserecords.channel." + c.channel()),
                            text("caserecords.outcome." + c.outcome())),
                    lines, name(names, c.recordedBy()), c.struck(), null, null));
        }
        for (CaseDetails.Occupation o : detail.occupations()) {
            List<String> lines = new ArrayList<>();
            lines.add(text("caserecords.timeline.occupation.period", period(o.started(), o.ended()), o.verifiedOn(),
                    text("caserecords.source." + o.source())));
            if (o.note() != null && !o.note().isBlank()) {
                lines.add(o.note());
            }
            entries.add(new Entry(day(o.verifiedOn()), true, Category.OCCUPATIONS,
                    text("caserecords.timeline.occupation", text("caserecords.occupation." + o.type())),
                    lines, name(names, o.recordedBy()), false, null, null));
        }
        for (CaseDetails.Measure m : detail.plan().measures()) {
            List<String> lines = new ArrayList<>();
            lines.add(text("caserecords.timeline.measure.offered", m.offeredOn(),
                    m.responsible().equals("OTHER") ? m.responsibleActor()
                            : text("caserecords.responsible." + m.responsible())));
            if (m.starts() != null || m.ends() != null) {
                lines.add(text("caserecords.timeline.measure.period", period(m.starts(), m.ends())));
            }
            if (m.followUp() != null) {
                lines.add(text("caserecords.timeline.measure.followUp", m.followUp()));
            }
            if (m.note() != null && !m.note().isBlank()) {
                lines.add(m.note());
            }
            entries.add(new Entry(day(m.offeredOn()), true, Category.MEASURES,
                    text("caserecords.timeline.measure", m.type(), text("caserecords.measureStatus." + m.status())),
                    lines, name(names, m.recordedBy()), false, null, null));
        }
        for (CaseDetails.Revision r : detail.revisions()) {
            entries.add(new Entry(r.createdAt(), false, Category.MEASURES,
                    text("caserecords.timeline.revision", r.revision()), List.of(), name(names, r.createdBy()), false,
                    "/arenden/" + ref.id() + "/plan/versioner/" + r.revision(),
                    text("caserecords.timeline.revision.link", r.revision())));
        }
        for (LetterService.Letter l : letters.ofCase(ref.id())) {
            String status = l.draft() ? text("letters.letter.DRAFT")
                    : text("letters.letter.SENT", time(l.sentAt()), name(names, l.sentBy()));
            entries.add(new Entry(l.generatedAt(), false, Category.LETTERS,
                    text("caserecords.timeline.letter", text("letters.kind." + l.kind().name())),
                    List.of(status), name(names, l.generatedBy()), false, null, null));
        }
        for (MessageService.Message m : messages.ofCase(ref.id())) {
            List<String> lines = new ArrayList<>();
            if (m.subject() != null && !m.subject().isBlank()) {
                lines.add(m.subject());
            }
            lines.add(m.body());
            lines.add(text("caserecords.timeline.message.status", text("letters.status." + m.status())));
            entries.add(new Entry(m.createdAt(), false, Category.LETTERS,
                    text("caserecords.timeline.message", text("letters.channel." + m.channel().name())),
                    lines, name(names, m.createdBy()), false, null, null));
        }
        for (CaseDetails.Note n : detail.notes()) {
            entries.add(new Entry(n.writtenAt(), false, Category.NOTES, text("caserecords.timeline.note"),
                    List.of(n.text()), name(names, n.writtenBy()), false, null, null));
        }
        for (CaseDetails.Event e : detail.events()) {
            entries.add(new Entry(e.occurredAt(), false, Category.CASE, text("caserecords.event." + e.kind()),
                    eventLines(e, names), name(names, e.actor()), false, null, null));
        }
        for (SchoolNotice n : notices.noticesFor(ref.personId())) {
            if (!n.municipality().equals(ref.municipality())) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            lines.add(text("caserecords.timeline.notice.unit", schoolUnits.label(n.schoolUnitCode())));
            if (n.endReason() != null) {
                lines.add(text("caserecords.timeline.notice.endReason", text("intake.endReason." + n.endReason().name())));
            }
            if (n.absenceFrom() != null) {
                lines.add(text("person.absence", n.absenceFrom(), n.absenceTo(), n.absenceHours()));
            }
            entries.add(new Entry(n.receivedAt(), false, Category.SCHOOL,
                    text("caserecords.timeline.notice", text("notice.type." + n.type().name()), n.date()),
                    lines, n.submittedBy() == null ? null : name(names, n.submittedBy()), false, null, null));
        }
        entries.sort(Comparator.comparing(Entry::at).reversed());
        return entries;
    }

    /** The entries of the chosen categories (none chosen: all). */
    static List<Entry> filter(List<Entry> entries, Set<Category> shown) {
        if (shown.isEmpty()) {
            return entries;
        }
        return entries.stream().filter(e -> shown.contains(e.category())).toList();
    }

    private List<String> eventLines(CaseDetails.Event e, Map<String, String> names) {
        return switch (e.kind()) {
            case "OPENED", "REOPENED" -> List.of(text("caserecords.timeline.entered", e.onDate(),
                    e.reason() == null ? "" : text("reason." + e.reason())));
            case "CLOSED" -> List.of(text("caserecords.timeline.closed", e.onDate(),
                    e.reason() == null ? text("caserecords.noExitReason") : text("exitReason." + e.reason())));
            case "ASSIGNED" -> List.of(e.assignee() == null ? text("caserecords.timeline.unassigned")
                    : text("caserecords.timeline.assigned", name(names, e.assignee()),
                    text("caserecords.timeline.how." + e.how())));
            case "HANDOVER" -> List.of(e.reason() == null ? text("caserecords.timeline.handover.unknown", e.onDate())
                    : text("caserecords.timeline.handover", e.onDate(), installation.label(e.reason())));
            default -> List.of();
        };
    }

    private String period(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return text("caserecords.timeline.period.none");
        }
        if (to == null) {
            return text("caserecords.timeline.period.from", from);
        }
        if (from == null) {
            return text("caserecords.timeline.period.to", to);
        }
        return from + " – " + to;
    }

    private static Instant day(LocalDate date) {
        return date.atStartOfDay(SWEDEN).toInstant();
    }

    private static String name(Map<String, String> names, String user) {
        return user == null ? null : names.getOrDefault(user, user);
    }

    private static String time(Instant at) {
        return at == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(SWEDEN));
    }

    private String text(String key, Object... args) {
        return texts.getMessage(key, args, SWEDISH);
    }
}
