package se.kaa.casework.letters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
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

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.platform.AccessiblePdf;
import se.kaa.platform.ProblemException;
import se.kaa.shared.MunicipalityCode;

/**
 * Letters to the folkbokföring address, one by one or many in one PDF (each on its own page). Never
 * to a person with protected identity and never without an address: those are {@link Skipped}. Each
 * letter generated is kept as a draft of its batch and audited; it becomes a contact attempt (channel
 * LETTER, outcome SENT) only when someone marks it – or its whole printed batch – as sent: printing a
 * letter, or looking at it four times, is not sending it.
 */
@Component
public class LetterService {

    public static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
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

    /** A generation of letters stored as drafts: its batch, and the letters as rendered, in order. */
    public record Drafted(long batchId, LetterKind kind, List<RenderedLetter> letters) {
    }

    /** A kept letter as the case page and the API show it. */
    public record Letter(long id, long caseId, Long batchId, LetterKind kind, String heading, String status,
                         Instant generatedAt, String generatedBy, Instant sentAt, String sentBy) {

        public boolean draft() {
            return "DRAFT".equals(status);
        }
    }

    /** A batch as the list of printed batches shows it: how many of its letters are still drafts. */
    public record Batch(long id, LetterKind kind, int letters, int drafts, Instant generatedAt, String generatedBy) {
    }

    /**
     * Keeps the letters as drafts of one new batch and audits their generation. A draft is not a
     * contact attempt: only {@link #markSent} (one letter) or {@link #markBatchSent} (a printed batch)
     * makes it one. Write the PDF with {@link #writePdf}.
     *
     * @param by      the user name of who generates them
     * @param context where it happens, for the audit log
     */
    @Transactional
    public Drafted draft(List<Addressee> letters, LetterKind kind, String by, String context) {
        if (letters.isEmpty()) {
            throw new IllegalArgumentException("No letters to generate");
        }
        String byDisplayName = jdbc.sql("SELECT display_name FROM app_user WHERE username = ?").param(by)
                .query(String.class).optional().orElse(by);
        List<RenderedLetter> rendered = new ArrayList<>(letters.size());
        for (Addressee to : letters) {
            rendered.add(render(to, kind, byDisplayName));
        }
        Timestamp now = Timestamp.from(clock.instant());
        long batch = jdbc.sql("""
                INSERT INTO casework_letter_batch (kind, letters, generated_by, generated_at) VALUES (?, ?, ?, ?)
                RETURNING id""").params(kind.name(), rendered.size(), by, now).query(Long.class).single();
        Map<MunicipalityCode, List<UUID>> persons = new LinkedHashMap<>();
        for (RenderedLetter letter : rendered) {
            jdbc.sql("""
                    INSERT INTO casework_letter (case_id, kind, generated_by, generated_at, batch_id, heading, status)
                    VALUES (?, ?, ?, ?, ?, ?, 'DRAFT')""")
                    .params(letter.to().caseId(), kind.name(), by, now, batch, letter.heading()).update();
            persons.computeIfAbsent(letter.to().municipality(), m -> new ArrayList<>()).add(letter.to().personId());
        }
        persons.forEach((m, ids) -> audit.record(AuditEvent.write("LETTER_GENERATED", m, ids,
                context + " (" + kind.name() + ", batch " + batch + ", " + ids.size() + " letters, drafts)")));
        return new Drafted(batch, kind, rendered);
    }

    /**
     * Writes the drafted letters as one PDF/UA document to {@code out}, each letter on its own page.
     * Memory is bounded by the number of letters a request may ask for
     * ({@code kaa.casework.letters.max-per-request}, 500): 500 letters are laid out within a 256 MB
     * heap (docs/performance.md). Rendering in parts of 25 and merging them was tried and measured:
     * the same peak heap and time, and a third more bytes (each part embeds its fonts again).
     */
    public void writePdf(Drafted drafted, OutputStream out) {
        List<RenderedLetter> letters = drafted.letters();
        String title = letters.size() == 1 ? letters.get(0).heading() : "Brev (" + letters.size() + ")";
        try {
            out.write(part(letters, title));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] part(List<RenderedLetter> letters, String title) {
        Context model = new Context(SWEDISH, Map.of("letters", letters, "title", title));
        return pdf.render(engine.process("casework/letter-document", model));
    }

    /** The letters of a case, newest first. */
    public List<Letter> ofCase(long caseId) {
        return jdbc.sql(LETTER + " WHERE l.case_id = ? ORDER BY l.generated_at DESC, l.id DESC").param(caseId)
                .query(LetterService::letter).list();
    }

    /** A letter, when it exists and its case is the user's to see (else {@code 404}). */
    public Letter get(long letterId) {
        Letter l = jdbc.sql(LETTER + " WHERE l.id = ?").param(letterId).query(LetterService::letter).optional()
                .orElseThrow(() -> ProblemException.notFound("Letter"));
        cases.load(l.caseId());
        return l;
    }

    /**
     * Marks one draft letter as sent: it becomes a contact attempt (channel LETTER, outcome SENT, at
     * the time it is marked, by who marks it) and is audited. {@code 404} for an unknown letter or one
     * outside the user's municipalities ({@code caseId}, when given, must be the letter's case);
     * {@code 409} when it is already sent.
     */
    @Transactional
    public Letter markSent(Long caseId, long letterId, String by, String context) {
        Letter l = get(letterId);
        if (caseId != null && l.caseId() != caseId) {
            throw ProblemException.notFound("Letter");
        }
        if (!sent(List.of(l), by, context)) {
            throw new ProblemException(HttpStatus.CONFLICT, "letters.problem.alreadySent",
                    "Letter " + letterId + " is already marked as sent");
        }
        return get(letterId);
    }

    /**
     * Marks every draft letter of a printed batch as sent, in one transaction, each a contact attempt.
     * {@code 404} for an unknown batch or when any of its letters is outside the user's
     * municipalities; {@code 409} when none is left to mark. Returns how many were marked.
     */
    @Transactional
    public int markBatchSent(long batchId, String by, String context) {
        List<Letter> letters = jdbc.sql(LETTER + " WHERE l.batch_id = ? ORDER BY l.id FOR UPDATE OF l").param(batchId)
                .query(LetterService::letter).list();
        if (letters.isEmpty()) {
            throw ProblemException.notFound("Letter batch");
        }
        letters.forEach(l -> cases.load(l.caseId()));
        List<Letter> drafts = letters.stream().filter(Letter::draft).toList();
        if (drafts.isEmpty() || !sent(drafts, by, context)) {
            throw new ProblemException(HttpStatus.CONFLICT, "letters.problem.batchAlreadySent",
                    "Every letter of batch " + batchId + " is already marked as sent");
        }
        return drafts.size();
    }

    /** The batches with letters in these municipalities, newest first. */
    public List<Batch> batches(Collection<MunicipalityCode> municipalities, int limit) {
        if (municipalities.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT b.id, b.kind, count(l.id), count(l.id) FILTER (WHERE l.status = 'DRAFT'), b.generated_at,
                       COALESCE(u.display_name, b.generated_by)
                FROM casework_letter_batch b
                JOIN casework_letter l ON l.batch_id = b.id
                JOIN casework_case c ON c.id = l.case_id
                LEFT JOIN app_user u ON u.username = b.generated_by
                GROUP BY b.id, u.display_name
                HAVING bool_and(c.municipality IN (:m))
                ORDER BY b.generated_at DESC, b.id DESC LIMIT :limit""")
                .param("m", municipalities.stream().map(MunicipalityCode::value).toList())
                .param("limit", limit)
                .query((rs, n) -> new Batch(rs.getLong(1), LetterKind.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getInt(4), rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .list();
    }

    /** Marks these drafts sent and logs each as a contact attempt; false when another marked one first. */
    private boolean sent(List<Letter> drafts, String by, String context) {
        Timestamp now = Timestamp.from(clock.instant());
        Map<MunicipalityCode, List<UUID>> persons = new LinkedHashMap<>();
        for (Letter l : drafts) {
            int updated = jdbc.sql("""
                    UPDATE casework_letter SET status = 'SENT', sent_at = ?, sent_by = ? WHERE id = ? AND status = 'DRAFT'""")
                    .params(now, by, l.id()).update();
            if (updated == 0) {
                return false;
            }
            jdbc.sql("""
                    INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, note, message_id,
                                                          recorded_by, recorded_at)
                    VALUES (?, ?, 'LETTER', 'SENT', ?, ?, ?, ?)""")
                    .params(l.caseId(), now, "Brev: " + nz(l.heading()), l.id(), by, now).update();
            CaseAccess.CaseRef ref = cases.load(l.caseId());
            persons.computeIfAbsent(ref.municipality(), m -> new ArrayList<>()).add(ref.personId());
        }
        persons.forEach((m, ids) -> audit.record(AuditEvent.write("LETTER_SENT", m, ids,
                context + " (" + ids.size() + " letters)")));
        return true;
    }

    private static final String LETTER = """
            SELECT l.id, l.case_id, l.batch_id, l.kind, l.heading, l.status, l.generated_at, l.generated_by, l.sent_at,
                   l.sent_by
            FROM casework_letter l""";

    private static Letter letter(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Letter(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3, Long.class),
                LetterKind.parse(rs.getString(4)).orElse(null), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant(), rs.getString(8),
                rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(), rs.getString(10));
    }

    public RenderedLetter render(Addressee to, LetterKind kind, String byDisplayName) {
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
