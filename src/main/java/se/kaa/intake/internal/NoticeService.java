package se.kaa.intake.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.FactsChanged;
import se.kaa.intake.NoticeType;
import se.kaa.intake.SchoolType;
import se.kaa.person.PersonDirectory;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.security.AccessScope;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * Receives notices from school organisers: START opens an enrolment, STOP ends the open one at that
 * school with its reason (AVBROTT, BYTE or FULLFOLJT), ABSENCE is recorded. Each is idempotent per
 * user and Idempotency-Key.
 */
@Service
public class NoticeService {

    static final int MAX_KEY_LENGTH = 200;
    /** The allowed values of {@code endReason}, as named in error messages. */
    static final String END_REASONS = "AVBROTT, BYTE, FULLFOLJT";
    private static final BigDecimal MAX_HOURS = new BigDecimal("1000");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PersonDirectory persons;
    private final Installation installation;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final CurrentAccess access;
    private final AuditLog audit;

    NoticeService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, PersonDirectory persons,
                  Installation installation, Clock clock, ApplicationEventPublisher events, CurrentAccess access,
                  AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.persons = persons;
        this.installation = installation;
        this.clock = clock;
        this.events = events;
    }

    private record Valid(NoticeType type, PersonalIdentityNumber pin, MunicipalityCode municipality, String schoolUnitCode,
                         String organiser, SchoolType schoolType, String programme, LocalDate date,
                         EnrolmentEndReason endReason, LocalDate absenceFrom, LocalDate absenceTo, BigDecimal absenceHours) {

        String fingerprint() {
            String hours = absenceHours == null ? "" : absenceHours.stripTrailingZeros().toPlainString();
            String text = String.join("|", type.name(), pin.value(), municipality.value(), schoolUnitCode,
                    s(organiser), s(schoolType), s(programme), s(date), s(absenceFrom), s(absenceTo), hours);
            if (endReason != null) {
                // appended, so that notices stored before the reason existed keep their fingerprint
                text += "|" + endReason.name();
            }
            try {
                return HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String s(Object o) {
            return o == null ? "" : o.toString();
        }
    }

    /**
     * Records a notice; the same key again from the same user returns the first receipt.
     *
     * @throws ProblemException 400 naming each invalid field, 409 for a key reused with another
     *                          notice, 422 for a STOP with no open enrolment at the school
     */
    public NoticeReceipt submit(NoticeCommand command, String idempotencyKey, String username) {
        List<FieldProblem> problems = new ArrayList<>();
        String key = idempotencyKey == null ? null : idempotencyKey.strip();
        if (key == null || key.isEmpty()) {
            problems.add(new FieldProblem("Idempotency-Key", "intake.notice.key.missing"));
        } else if (key.length() > MAX_KEY_LENGTH) {
            problems.add(new FieldProblem("Idempotency-Key", "intake.notice.key.too-long", MAX_KEY_LENGTH));
        }
        Valid notice = validate(command, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalidFields(problems);
        }
        String fingerprint = notice.fingerprint();
        try {
            return transaction.execute(status -> {
                Optional<NoticeReceipt> earlier = earlier(username, key, fingerprint);
                NoticeReceipt receipt = earlier.orElseGet(() -> record(notice, key, fingerprint, username));
                if (receipt.changed() != null) {
                    // recorded with the notice: the recomputation follows its commit, or a crash
                    events.publishEvent(receipt.changed());
                }
                return receipt;
            });
        } catch (DuplicateKeyException e) {
            // The same key was used concurrently and the other request committed first.
            return earlier(username, key, fingerprint).orElseThrow(() -> e);
        }
    }

    private Optional<NoticeReceipt> earlier(String username, String key, String fingerprint) {
        return jdbc.query("SELECT id, received_at, request_sha256 FROM notice WHERE submitted_by = ? AND idempotency_key = ?",
                (rs, n) -> {
                    if (!fingerprint.equals(rs.getString(3))) {
                        throw new ProblemException(HttpStatus.CONFLICT, "intake.notice.key.conflict",
                                "Idempotency-Key reused with a different notice",
                                List.of(new FieldProblem("Idempotency-Key", "intake.notice.key.conflict")));
                    }
                    return new NoticeReceipt(rs.getLong(1), rs.getTimestamp(2).toInstant(), true, null);
                }, username, key).stream().findFirst();
    }

    private NoticeReceipt record(Valid notice, String key, String fingerprint, String username) {
        Instant receivedAt = clock.instant();
        Timestamp received = Timestamp.from(receivedAt);
        UUID personId;
        List<Long> openEnrolments = List.of();
        if (notice.type() == NoticeType.STOP) {
            personId = persons.find(notice.pin()).orElse(null);
            if (personId != null) {
                openEnrolments = openEnrolments(personId, notice);
            }
            if (openEnrolments.isEmpty()) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "intake.notice.no-open-enrolment",
                        "STOP without an open enrolment at the school unit",
                        List.of(new FieldProblem("schoolUnitCode", "intake.notice.no-open-enrolment.field")));
            }
        } else {
            personId = persons.resolveOrCreate(List.of(notice.pin())).get(notice.pin());
        }
        long id = jdbc.queryForObject("""
                INSERT INTO notice (type, person_id, municipality, school_unit_code, organiser, school_type, programme,
                       notice_date, end_reason, absence_from, absence_to, absence_hours, idempotency_key, request_sha256,
                       submitted_by, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                notice.type().name(), personId, notice.municipality().value(), notice.schoolUnitCode(),
                notice.organiser(), notice.schoolType() == null ? null : notice.schoolType().name(), notice.programme(),
                notice.date(), notice.endReason() == null ? null : notice.endReason().name(), notice.absenceFrom(),
                notice.absenceTo(), notice.absenceHours(), key, fingerprint, username, received);
        if (notice.type() == NoticeType.START) {
            jdbc.update("""
                    INSERT INTO enrolment (person_id, school_unit_code, organiser, school_type, programme, start_date,
                           source, notice_id, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'NOTICE', ?, ?)
                    ON CONFLICT (person_id, school_unit_code, school_type, programme, start_date) DO NOTHING""",
                    personId, notice.schoolUnitCode(), notice.organiser(), notice.schoolType().name(),
                    notice.programme() == null ? "" : notice.programme(), notice.date(), id, received);
        } else if (notice.type() == NoticeType.STOP) {
            Long[] ended = openEnrolments.toArray(Long[]::new);
            jdbc.update(con -> {
                var ps = con.prepareStatement("""
                        UPDATE enrolment SET end_date = ?, end_reason = ?, end_source = 'NOTICE', end_batch_id = NULL,
                               end_notice_id = ?, end_received_at = ?
                        WHERE id = ANY (?)""");
                ps.setObject(1, notice.date());
                ps.setString(2, notice.endReason().name());
                ps.setLong(3, id);
                ps.setTimestamp(4, received);
                ps.setArray(5, con.createArrayOf("bigint", ended));
                return ps;
            });
        }
        audit.record(AuditEvent.write("NOTICE_RECEIVED", notice.municipality(), List.of(personId), "notice " + id));
        return new NoticeReceipt(id, receivedAt, false,
                notice.type() == NoticeType.ABSENCE ? null : new FactsChanged(Set.of(personId), "notice " + id));
    }

    /** Open enrolments of the person at the school (and programme/school type, when given) that began by the date. */
    private List<Long> openEnrolments(UUID personId, Valid notice) {
        StringBuilder sql = new StringBuilder("""
                SELECT id FROM enrolment WHERE person_id = ? AND school_unit_code = ? AND end_date IS NULL
                  AND start_date <= ?""");
        List<Object> args = new ArrayList<>(List.of(personId, notice.schoolUnitCode(), notice.date()));
        if (notice.schoolType() != null) {
            sql.append(" AND school_type = ?");
            args.add(notice.schoolType().name());
        }
        if (notice.programme() != null) {
            sql.append(" AND programme = ?");
            args.add(notice.programme());
        }
        sql.append(" FOR UPDATE");
        return jdbc.queryForList(sql.toString(), Long.class, args.toArray());
    }

    private Valid validate(NoticeCommand c, List<FieldProblem> problems) {
        LocalDate today = LocalDate.now(clock);
        AccessScope scope = access.scope();
        NoticeType type = null;
        if (blank(c.type())) {
            problems.add(new FieldProblem("type", "intake.notice.required"));
        } else {
            try {
                type = NoticeType.valueOf(c.type().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("type", "intake.notice.choice", "START, STOP, ABSENCE"));
            }
        }
        PersonalIdentityNumber pin = null;
        try {
            pin = PersonalIdentityNumber.parse(c.personnummer(), today);
        } catch (PersonalIdentityNumber.InvalidException e) {
            problems.add(new FieldProblem("personnummer", "intake.row.pin." + e.reason().name()));
        }
        MunicipalityCode municipality = null;
        if (blank(c.municipality())) {
            problems.add(new FieldProblem("municipality", "intake.notice.required"));
        } else if (!MunicipalityCode.isValid(c.municipality())) {
            problems.add(new FieldProblem("municipality", "intake.row.digits", 4));
        } else if (!installation.serves(MunicipalityCode.of(c.municipality()))
                || !scope.grants(MunicipalityCode.of(c.municipality()))) {
            // a municipality she is not granted is refused like one not served, listing only hers
            problems.add(new FieldProblem("municipality", "intake.notice.municipality-not-served",
                    scope.granted(installation.servedMunicipalities()).stream().map(MunicipalityCode::value)
                            .collect(Collectors.joining(", "))));
        } else {
            municipality = MunicipalityCode.of(c.municipality());
        }
        String unit = null;
        if (blank(c.schoolUnitCode())) {
            problems.add(new FieldProblem("schoolUnitCode", "intake.notice.required"));
        } else if (!c.schoolUnitCode().strip().matches("\\d{8}")) {
            problems.add(new FieldProblem("schoolUnitCode", "intake.row.digits", 8));
        } else if (scope.limitedToOwnSchoolUnits() && !scope.grantsSchoolUnit(c.schoolUnitCode().strip())) {
            problems.add(new FieldProblem("schoolUnitCode", "intake.notice.school-unit-not-granted",
                    String.join(", ", new java.util.TreeSet<>(scope.schoolUnits()))));
        } else {
            unit = c.schoolUnitCode().strip();
        }
        String organiser = text(c.organiser(), "organiser", Row.MAX_TEXT, problems);
        SchoolType schoolType = null;
        if (!blank(c.schoolType())) {
            try {
                schoolType = SchoolType.valueOf(c.schoolType().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("schoolType", "intake.notice.choice", "GR, GRS, GY, GYS, VUX, FHS, MOTSV"));
            }
        } else if (type == NoticeType.START) {
            problems.add(new FieldProblem("schoolType", "intake.notice.required-for-start"));
        }
        EnrolmentEndReason endReason = null;
        if (blank(c.endReason())) {
            if (type == NoticeType.STOP) {
                problems.add(new FieldProblem("endReason", "intake.notice.endReason.required", END_REASONS));
            }
        } else if (type != null && type != NoticeType.STOP) {
            problems.add(new FieldProblem("endReason", "intake.notice.endReason.not-allowed"));
        } else {
            try {
                endReason = EnrolmentEndReason.valueOf(c.endReason().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("endReason", "intake.notice.choice", END_REASONS));
            }
        }
        String programme = text(c.programme(), "programme", 20, problems);
        programme = programme == null ? null : programme.toUpperCase(Locale.ROOT);
        LocalDate date = date(c.date(), "date", true, today, problems);
        LocalDate from = null;
        LocalDate to = null;
        BigDecimal hours = null;
        if (type == NoticeType.ABSENCE) {
            from = date(c.absenceFrom(), "absence.from", true, today, problems);
            to = date(c.absenceTo(), "absence.to", true, today, problems);
            if (from != null && to != null && to.isBefore(from)) {
                problems.add(new FieldProblem("absence.to", "intake.notice.absence.to-before-from"));
            }
            if (blank(c.absenceHours())) {
                problems.add(new FieldProblem("absence.hours", "intake.notice.required"));
            } else if ((hours = hours(c.absenceHours())) == null || hours.signum() <= 0 || hours.compareTo(MAX_HOURS) > 0 || hours.stripTrailingZeros().scale() > 1) {
                problems.add(new FieldProblem("absence.hours", "intake.notice.absence.hours", MAX_HOURS.intValue()));
            }
        } else if (type != null && c.absenceGiven()) {
            problems.add(new FieldProblem("absence", "intake.notice.absence.not-allowed"));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Valid(type, pin, municipality, unit, organiser, schoolType, programme, date, endReason, from, to, hours);
    }

    private static String text(String value, String field, int max, List<FieldProblem> problems) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            problems.add(new FieldProblem(field, "intake.row.too-long", max));
            return null;
        }
        return v;
    }

    private static LocalDate date(String value, String field, boolean required, LocalDate today,
                                  List<FieldProblem> problems) {
        if (blank(value)) {
            if (required) {
                problems.add(new FieldProblem(field, "intake.notice.required"));
            }
            return null;
        }
        LocalDate date;
        try {
            if (!value.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("format", value, 0);
            }
            date = LocalDate.parse(value.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "intake.row.date"));
            return null;
        }
        if (date.isAfter(today)) {
            problems.add(new FieldProblem(field, "intake.notice.future"));
            return null;
        }
        return date;
    }

    /** Hours as a number, a decimal comma accepted (4,5); {@code null} when not a number. */
    private static BigDecimal hours(String text) {
        try {
            return new BigDecimal(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
