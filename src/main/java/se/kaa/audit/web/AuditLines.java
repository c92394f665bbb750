package se.kaa.audit.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import se.kaa.audit.AuditEntry;
import se.kaa.security.StaffNames;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.Municipalities;

/**
 * The granskare's log as Swedish sentences: "Anna Handläggare läste ärendet för Alva Ek." – who by
 * name (an API client by its key's name, the application as "KAA (automatiskt)"), what in the words of
 * {@code audit.action.*}, for whom (the person searched for, or how many persons, or an import's file),
 * and the municipality by name. The user name and the request stay in their own columns for the
 * auditor who needs them.
 */
@Component
class AuditLines {

    /** One row of the page. */
    record Line(AuditEntry entry, String sentence, String municipality) {
    }

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final Municipalities MUNICIPALITIES = Municipalities.load();
    private static final String API_KEY = "api-key:";

    private final MessageSource messages;
    private final StaffNames staff;

    AuditLines(MessageSource messages, StaffNames staff) {
        this.messages = messages;
        this.staff = staff;
    }

    /** {@code personName}: the name of the person searched for, when the search was by person. */
    List<Line> of(List<AuditEntry> entries, Optional<String> personName) {
        Map<String, String> names = staff.displayNames(entries.stream()
                .filter(e -> !"SYSTEM".equals(e.actorType())).map(AuditEntry::actor).distinct().toList());
        return entries.stream().map(e -> new Line(e, sentence(e, names, personName), municipality(e.municipality())))
                .toList();
    }

    private String sentence(AuditEntry e, Map<String, String> names, Optional<String> personName) {
        String whom;
        if (e.batchId() != null) {
            whom = text("audit.sentence.batch", e.batchId());
        } else if (e.personIds().isEmpty()) {
            whom = "";
        } else if (personName.isPresent()) {
            whom = text("audit.sentence.person", personName.get());
        } else {
            whom = text("audit.sentence.persons", e.personIds().size());
        }
        return text("audit.sentence", who(e, names), what(e.action()), whom);
    }

    private String who(AuditEntry e, Map<String, String> names) {
        if ("SYSTEM".equals(e.actorType())) {
            return text("audit.actor.system");
        }
        String actor = e.actor() == null ? "" : e.actor();
        if (actor.startsWith(API_KEY)) {
            int colon = actor.indexOf(':', API_KEY.length());
            return text("audit.actor.apiKey", colon < 0 ? actor.substring(API_KEY.length()) : actor.substring(colon + 1));
        }
        return names.getOrDefault(actor, actor);
    }

    /** The action's label as the middle of a sentence: "Läste ärendet" → "läste ärendet". */
    private String what(String action) {
        String label = messages.getMessage("audit.action." + action, null, null, SWEDISH);
        if (label == null) {
            label = text("audit.action.other");
        }
        boolean acronym = label.length() > 1 && Character.isUpperCase(label.charAt(1));
        return acronym ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    private static String municipality(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        try {
            MunicipalityCode c = MunicipalityCode.of(code.strip());
            return MUNICIPALITIES.name(c).map(n -> c.value() + " " + n).orElse(c.value());
        } catch (RuntimeException notACode) {
            return code;
        }
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }
}
