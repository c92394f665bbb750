package se.kaa.intake.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.NoticeType;
import se.kaa.intake.SchoolNotice;
import se.kaa.intake.SchoolType;
import se.kaa.intake.internal.JdbcNoticeLookup;
import se.kaa.intake.internal.NoticeCommand;
import se.kaa.intake.internal.NoticeReceipt;
import se.kaa.intake.internal.NoticeService;
import se.kaa.platform.ProblemException;
import se.kaa.security.CurrentAccess;

/** Notices from school organisers: start, stop and significant unexcused absence, with a receipt. */
@RestController
@RequestMapping("/api/v1/notices")
class NoticeApiController {

    record AbsenceBody(String from, String to, BigDecimal hours) {
    }

    /** {@code endReason}: AVBROTT, BYTE or FULLFOLJT, required for STOP and refused on the other types. */
    record NoticeBody(String type, String personnummer, String municipality, String schoolUnitCode, String organiser,
                      String schoolType, String programme, String date, String endReason, AbsenceBody absence) {
    }

    record Receipt(long id, Instant receivedAt) {
    }

    /** A notice as read back: no personnummer (it is in the request the client already holds). */
    record NoticeView(long id, NoticeType type, String municipality, String schoolUnitCode, String organiser,
                      SchoolType schoolType, String programme, LocalDate date, EnrolmentEndReason endReason,
                      AbsenceView absence, Instant receivedAt) {
    }

    record AbsenceView(LocalDate from, LocalDate to, BigDecimal hours) {
    }

    private final NoticeService notices;
    private final JdbcNoticeLookup lookup;
    private final CurrentAccess access;
    private final AuditLog audit;

    NoticeApiController(NoticeService notices, JdbcNoticeLookup lookup, CurrentAccess access, AuditLog audit) {
        this.access = access;
        this.notices = notices;
        this.lookup = lookup;
        this.audit = audit;
    }

    /** 201 with a receipt; the same Idempotency-Key and body again gives 200 with the first receipt. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Receipt> submit(@RequestBody NoticeBody body,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   Authentication user) {
        AbsenceBody absence = body.absence();
        NoticeCommand command = new NoticeCommand(body.type(), body.personnummer(), body.municipality(),
                body.schoolUnitCode(), body.organiser(), body.schoolType(), body.programme(), body.date(), body.endReason(),
                absence == null ? null : absence.from(), absence == null ? null : absence.to(),
                absence == null || absence.hours() == null ? null : absence.hours().toPlainString(), absence != null);
        NoticeReceipt receipt = notices.submit(command, key, user.getName());
        URI location = URI.create("/api/v1/notices/" + receipt.id());
        Receipt result = new Receipt(receipt.id(), receipt.receivedAt());
        if (receipt.replay()) {
            return ResponseEntity.ok().header(HttpHeaders.CONTENT_LOCATION, location.toString()).body(result);
        }
        return ResponseEntity.created(location).body(result);
    }

    @GetMapping("/{id}")
    NoticeView notice(@PathVariable long id) {
        SchoolNotice n = lookup.findVisible(id, access.scope()).orElseThrow(() -> ProblemException.notFound("Notice"));
        audit.record(AuditEvent.read("NOTICE_READ", n.municipality(), lookup.personOf(id), "GET /api/v1/notices/" + id));
        AbsenceView absence = n.type() == NoticeType.ABSENCE
                ? new AbsenceView(n.absenceFrom(), n.absenceTo(), n.absenceHours()) : null;
        return new NoticeView(n.id(), n.type(), n.municipality().value(), n.schoolUnitCode(), n.organiser(),
                n.schoolType(), n.programme(), n.date(), n.endReason(), absence, n.receivedAt());
    }
}
