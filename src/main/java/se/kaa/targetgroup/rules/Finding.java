package se.kaa.targetgroup.rules;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import se.kaa.intake.Provenance;

/**
 * One fact or inference in an explanation, e.g. "no GY/GYS enrolment since 2026-03-14 per
 * inskrivningar import batch 41". The UI renders {@code messageKey} with {@code args} from
 * {@code i18n/targetgroup.properties}; {@link #describe()} gives the English text.
 *
 * @param args   MessageFormat arguments: strings, dates as ISO-8601 text; never a personnummer
 * @param source the provenance of the fact the finding rests on; {@code null} for inferences from
 *               the rules themselves (a default date, the rule set)
 */
public record Finding(String messageKey, List<Object> args, Provenance source) {

    public Finding {
        Objects.requireNonNull(messageKey, "messageKey");
        args = List.copyOf(args);
    }

    static Finding of(FindingKey key, Provenance source, Object... args) {
        List<Object> list = new ArrayList<>(args.length);
        for (Object a : args) {
            list.add(a instanceof LocalDate d ? d.toString() : a == null ? "" : a.toString());
        }
        return new Finding(key.key(), list, source);
    }

    static Finding of(FindingKey key, Object... args) {
        return of(key, null, args);
    }

    /** The key as an enum, or {@code null} for a key this version does not know. */
    public FindingKey key() {
        return FindingKey.byKey(messageKey);
    }

    /** English text, with the source appended: "... per inskrivningar import batch 41". */
    public String describe() {
        FindingKey key = key();
        String text = key == null
                ? messageKey + args
                : new MessageFormat(key.english(), Locale.ROOT).format(args.toArray());
        return source == null ? text : text + " per " + source.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
