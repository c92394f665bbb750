package se.kaa.casework.letters;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.shared.MunicipalityCode;

/**
 * Each municipality's letter templates: seeded with the Swedish default texts on first use, edited by
 * an administrator. A template is plain text (paragraphs separated by an empty line) with placeholders
 * from {@link #PLACEHOLDERS}; any other {@code {name}} is refused when saved.
 */
@Component
public class LetterTemplates {

    /** The placeholders a template may use, in the order the admin page lists them. */
    public static final List<String> PLACEHOLDERS = List.of("fornamn", "efternamn", "kommun", "handlaggare", "datum", "adress");

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    static final int MAX_HEADING = 200;
    static final int MAX_BODY = 10_000;

    public record LetterTemplate(MunicipalityCode municipality, LetterKind kind, String heading, String body,
                                 String updatedBy, Instant updatedAt) {
    }

    /** One thing wrong with a template being saved: the field and the Swedish message key with arguments. */
    public record TemplateError(String field, String key, Object... args) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    LetterTemplates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The municipality's templates, one per kind, seeded with the defaults when it has none yet. */
    @Transactional
    public Map<LetterKind, LetterTemplate> of(MunicipalityCode municipality) {
        seed(municipality);
        Map<LetterKind, LetterTemplate> templates = new EnumMap<>(LetterKind.class);
        jdbc.sql("SELECT kind, heading, body, updated_by, updated_at FROM casework_letter_template WHERE municipality = ?")
                .param(municipality.value())
                .query((rs, n) -> new LetterTemplate(municipality, LetterKind.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list().forEach(t -> templates.put(t.kind(), t));
        return templates;
    }

    public LetterTemplate get(MunicipalityCode municipality, LetterKind kind) {
        return of(municipality).get(kind);
    }

    /** What is wrong with this heading and body; empty when it may be saved. */
    public static List<TemplateError> validate(String heading, String body) {
        List<TemplateError> errors = new ArrayList<>();
        if (heading == null || heading.isBlank()) {
            errors.add(new TemplateError("heading", "letters.template.error.required"));
        } else if (heading.length() > MAX_HEADING) {
            errors.add(new TemplateError("heading", "letters.template.error.tooLong", MAX_HEADING));
        }
        if (body == null || body.isBlank()) {
            errors.add(new TemplateError("body", "letters.template.error.required"));
        } else if (body.length() > MAX_BODY) {
            errors.add(new TemplateError("body", "letters.template.error.tooLong", MAX_BODY));
        }
        for (String field : List.of("heading", "body")) {
            String text = "heading".equals(field) ? heading : body;
            for (String unknown : unknownPlaceholders(text)) {
                errors.add(new TemplateError(field, "letters.template.error.placeholder", "{" + unknown + "}",
                        String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList())));
            }
        }
        return errors;
    }

    static Set<String> unknownPlaceholders(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        if (text == null) {
            return unknown;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** Saves a template that {@link #validate} found correct. */
    @Transactional
    public void save(MunicipalityCode municipality, LetterKind kind, String heading, String body, String by) {
        if (!validate(heading, body).isEmpty()) {
            throw new IllegalArgumentException("Invalid letter template");
        }
        seed(municipality);
        jdbc.sql("""
                UPDATE casework_letter_template SET heading = ?, body = ?, updated_by = ?, updated_at = ?
                WHERE municipality = ? AND kind = ?""")
                .params(heading.strip(), normalise(body), by, Timestamp.from(clock.instant()), municipality.value(), kind.name())
                .update();
    }

    /** Fills the placeholders; values are plain text (escaped when the letter is rendered). */
    public static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The paragraphs of a body: separated by one or more empty lines; single line breaks kept. */
    public static List<String> paragraphs(String body) {
        List<String> paragraphs = new ArrayList<>();
        for (String p : body.replace("\r\n", "\n").split("\n\\s*\n")) {
            if (!p.isBlank()) {
                paragraphs.add(p.strip());
            }
        }
        return paragraphs;
    }

    private static String normalise(String body) {
        return body.replace("\r\n", "\n").strip();
    }

    private void seed(MunicipalityCode municipality) {
        Timestamp now = Timestamp.from(clock.instant());
        for (LetterKind kind : LetterKind.values()) {
            String[] text = DEFAULTS.get(kind);
            jdbc.sql("""
                    INSERT INTO casework_letter_template (municipality, kind, heading, body, updated_by, updated_at)
                    VALUES (?, ?, ?, ?, 'system', ?) ON CONFLICT DO NOTHING""")
                    .params(municipality.value(), kind.name(), text[0], text[1], now).update();
        }
    }

    /** The Swedish default texts: heading and body. */
    static final Map<LetterKind, String[]> DEFAULTS = Map.of(
            LetterKind.INFORMATION, new String[] {"Hej {fornamn}! Information från {kommun}", """
                    Alla kommuner har ett ansvar för ungdomar under 20 år som inte går i gymnasieskolan eller \
                    gymnasiesärskolan och som inte har tagit examen. Det kallas det kommunala aktivitetsansvaret \
                    (29 kap. 9 § skollagen).

                    Enligt våra uppgifter studerar du inte just nu. Vi vill gärna veta vad du gör och om du vill ha \
                    stöd att hitta en väg till studier eller arbete. Det kan till exempel vara studie- och \
                    yrkesvägledning, praktik eller hjälp att börja på folkhögskola eller komvux.

                    Det är frivilligt att ta emot stöd. Hör av dig till din kontaktperson {handlaggare} så berättar \
                    vi mer.

                    Med vänliga hälsningar
                    {kommun}, {datum}"""},
            LetterKind.NOT_REACHED, new String[] {"Vi har inte nått dig, {fornamn}", """
                    Vi har försökt att kontakta dig men har inte lyckats nå dig. Vi hör av oss eftersom {kommun} \
                    har ett ansvar att erbjuda stöd till unga under 20 år som inte studerar på gymnasiet.

                    Vi vill gärna prata med dig om vad du gör i dag och om du vill ha hjälp att komma vidare till \
                    studier eller arbete. Det är frivilligt.

                    Ring eller skriv till din kontaktperson {handlaggare}. Om du har flyttat från adressen \
                    {adress} får du gärna berätta det för oss.

                    Med vänliga hälsningar
                    {kommun}, {datum}"""},
            LetterKind.BEFORE_TWENTY, new String[] {"Till dig som snart fyller 20 år", """
                    Hej {fornamn}! Snart fyller du 20 år. Då upphör kommunens aktivitetsansvar för dig, men du kan \
                    fortfarande få stöd att studera vidare.

                    Inom kommunal vuxenutbildning (komvux) kan du läsa in gymnasiet eller enskilda kurser. Från och \
                    med andra kalenderhalvåret det år du fyller 20 har du rätt att söka till komvux. Studierna är \
                    avgiftsfria och du kan söka studiemedel från CSN.

                    Vill du veta mer om komvux eller om andra vägar till studier och arbete? Kontakta din \
                    kontaktperson {handlaggare} innan du fyller 20, så hjälper vi dig att komma igång.

                    Med vänliga hälsningar
                    {kommun}, {datum}"""});
}
