package se.kaa.casework.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.platform.AccessiblePdf;
import se.kaa.shared.MunicipalityCode;

/**
 * Letters to the folkbokföring address, one by one or many in one PDF (each on its own page). Never
 * to a person with protected identity and never without an address: those are {@link Skipped}. Each
 * letter generated is kept, logged as a contact attempt (channel LETTER, outcome SENT) and audited.
 */
@Component
public class LetterService {

    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", SWEDISH);

    public enum SkipReason { PROTECTED_IDENTITY, NO_ADDRESS }

    public record Skipped(long caseId, SkipReason reason) {
    }

    /** One letter to be written: the case and where it goes. */
    public record Addressee(long caseId, UUID personId, MunicipalityCode municipality, String givenName,
                            String familyName, String address, String postalCode, String city, String caseWorker) {

        public String fullName() {
            return (nz(givenName) + " " + nz(familyName)).strip();
        }

        public String postalLine() {
            return (nz(postalCode) + " " + nz(city)).strip();
        }
    }

    /** Which of the asked cases get a letter and which are skipped, and why. */
    public record Plan(List<Addressee> letters, List<Skipped> skipped) {
    }

    /** A letter as rendered: the address block, heading and paragraphs (each a list of lines). */
    public record RenderedLetter(Addressee to, String heading, List<List<String>> paragraphs) {
    }

    private final JdbcClient jdbc;
    private final CaseAccess cases;
    private final LetterTemplates templates;
    private final ITemplateEngine engine;
    private final AccessiblePdf pdf;
    private final AuditLog audit;
    private final Clock clock;

    LetterService(JdbcClient jdbc, CaseAccess cases, LetterTemplates templates, ITemplateEngine engine,
                  AccessiblePdf pdf, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.templates = templates;
        this.engine = engine;
        this.pdf = pdf;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Sorts the cases into letters and skipped ones. Every id is loaded through {@link CaseAccess}: an
     * unknown case or one outside the user's municipalities is a {@code 404} for the whole request.
     */
    public Plan plan(Collection<Long> caseIds) {
        List<Addressee> letters = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (long id : new LinkedHashSet<>(caseIds)) {
            CaseAccess.CaseRef ref = cases.load(id);
            if (ref.protectedIdentity()) {
                skipped.add(new Skipped(id, SkipReason.PROTECTED_IDENTITY));
                continue;
            }
            Addressee to = jdbc.sql("""
                    SELECT p.given_name, p.family_name, p.address, p.postal_code, p.city, p.protected_identity,
                           COALESCE(u.display_name, c.assignee)
                    FROM casework_case c JOIN person p ON p.id = c.person_id
                    LEFT JOIN app_user u ON u.username = c.assignee
                    WHERE c.id = ?""").param(id)
                    .query((rs, n) -> rs.getBoolean(6) ? null : new Addressee(id, ref.personId(), ref.municipality(),
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(7)))
                    .single();
            if (to == null) {
                skipped.add(new Skipped(id, SkipReason.PROTECTED_IDENTITY));
            } else if (blank(to.address()) || blank(to.postalCode()) || blank(to.city())) {
                skipped.add(new Skipped(id, SkipReason.NO_ADDRESS));
            } else {
                letters.add(to);
            }
        }
        return new Plan(letters, skipped);
    }

    /**
     * Writes the letters into one PDF, keeps each, logs each as a contact attempt and audits them.
     *
     * @param by      the user name of who generates them
     * @param context where it happens, for the audit log
     */
    @Transactional
    public byte[] generate(List<Addressee> letters, LetterKind kind, String by, String context) {
        if (letters.isEmpty()) {
            throw new IllegalArgumentException("No letters to generate");
        }
        String byDisplayName = jdbc.sql("SELECT display_name FROM app_user WHERE username = ?").param(by)
                .query(String.class).optional().orElse(by);
        List<RenderedLetter> rendered = new ArrayList<>();
        for (Addressee to : letters) {
            rendered.add(render(to, kind, byDisplayName));
        }
        Context model = new Context(SWEDISH, Map.of("letters", rendered,
                "title", rendered.size() == 1 ? rendered.get(0).heading() : "Brev (" + rendered.size() + ")"));
        byte[] document = pdf.render(engine.process("casework/letter-document", model));
        Timestamp now = Timestamp.from(clock.instant());
        Map<MunicipalityCode, List<UUID>> persons = new LinkedHashMap<>();
        for (RenderedLetter letter : rendered) {
            long letterId = jdbc.sql("""
                    INSERT INTO casework_letter (case_id, kind, generated_by, generated_at) VALUES (?, ?, ?, ?)
                    RETURNING id""").params(letter.to().caseId(), kind.name(), by, now).query(Long.class).single();
            jdbc.sql("""
                    INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, note, message_id,
                                                          recorded_by, recorded_at)
                    VALUES (?, ?, 'LETTER', 'SENT', ?, ?, ?, ?)""")
                    .params(letter.to().caseId(), now, "Brev: " + letter.heading(), letterId, by, now).update();
            persons.computeIfAbsent(letter.to().municipality(), m -> new ArrayList<>()).add(letter.to().personId());
        }
        persons.forEach((m, ids) -> audit.record(AuditEvent.write("LETTER_GENERATED", m, ids,
                context + " (" + kind.name() + ", " + ids.size() + " letters)")));
        return document;
    }

    RenderedLetter render(Addressee to, LetterKind kind, String byDisplayName) {
        LetterTemplates.LetterTemplate template = templates.get(to.municipality(), kind);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("fornamn", nz(to.givenName()));
        values.put("efternamn", nz(to.familyName()));
        values.put("kommun", municipalityName(to.municipality()));
        values.put("handlaggare", to.caseWorker() != null ? to.caseWorker() : nz(byDisplayName));
        values.put("datum", DATE.format(LocalDate.now(clock)));
        values.put("adress", nz(to.address()) + ", " + to.postalLine());
        List<List<String>> paragraphs = LetterTemplates.paragraphs(LetterTemplates.fill(template.body(), values)).stream()
                .map(p -> p.lines().map(String::strip).toList()).toList();
        return new RenderedLetter(to, LetterTemplates.fill(template.heading(), values), paragraphs);
    }

    /** "Östersunds kommun", "Kramfors kommun": how a letter names the municipality. */
    static String municipalityName(MunicipalityCode code) {
        return MUNICIPALITIES.name(code).map(name -> {
            String lower = name.toLowerCase(SWEDISH);
            if (lower.endsWith("kommun")) {
                return name;
            }
            return lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") ? name + " kommun" : name + "s kommun";
        }).orElse(code.value());
    }

    private static final se.kaa.shared.Municipalities MUNICIPALITIES = se.kaa.shared.Municipalities.load();

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
