package se.kaa.intake.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.NoticeType;
import se.kaa.intake.SchoolType;
import se.kaa.intake.internal.IntakeMessages;
import se.kaa.intake.internal.JdbcNoticeLookup;
import se.kaa.intake.internal.NoticeCommand;
import se.kaa.intake.internal.NoticeReceipt;
import se.kaa.intake.internal.NoticeService;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.security.CurrentAccess;

/** The notice form for a school administrator, and its receipt. */
@Controller
class NoticePageController {

    private static final java.time.format.DateTimeFormatter SWEDISH_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Europe/Stockholm"));

    private final NoticeService notices;
    private final JdbcNoticeLookup lookup;
    private final Installation installation;
    private final IntakeMessages messages;
    private final CurrentAccess access;
    private final AuditLog audit;

    NoticePageController(NoticeService notices, JdbcNoticeLookup lookup, Installation installation,
                         IntakeMessages messages, CurrentAccess access, AuditLog audit) {
        this.access = access;
        this.notices = notices;
        this.lookup = lookup;
        this.installation = installation;
        this.messages = messages;
        this.audit = audit;
    }

    /** The form's fields; {@code key} makes a double submit record the notice once. */
    record NoticeForm(String key, String type, String personnummer, String municipality, String schoolUnitCode,
                      String organiser, String schoolType, String programme, String date, String endReason,
                      String absenceFrom, String absenceTo, String absenceHours) {
    }

    @GetMapping("/anmalningar/ny")
    String form(Model model) {
        var granted = access.scope().granted(installation.servedMunicipalities());
        return form(model, new NoticeForm(UUID.randomUUID().toString(), "STOP", "",
                granted.isEmpty() ? "" : granted.get(0).value(), "", "", "", "", "", "", "", "", ""), Map.of());
    }

    @PostMapping("/anmalningar/ny")
    String submit(@ModelAttribute NoticeForm form, Authentication user, Model model, HttpServletResponse response) {
        // The form shows every field; like the absence fields, the end reason counts only for its own type
        // (a choice left on the radio buttons must not refuse a START).
        boolean stop = form.type() != null && NoticeType.STOP.name().equalsIgnoreCase(form.type().strip());
        NoticeCommand command = new NoticeCommand(form.type(), form.personnummer(), form.municipality(),
                form.schoolUnitCode(), form.organiser(), form.schoolType(), form.programme(), form.date(),
                stop ? form.endReason() : null, form.absenceFrom(), form.absenceTo(), form.absenceHours(), false);
        try {
            NoticeReceipt receipt = notices.submit(command, form.key(), user.getName());
            return "redirect:/anmalningar/" + receipt.id() + "/kvitto";
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            Map<String, String> errors = new LinkedHashMap<>();
            for (ProblemException.FieldProblem p : e.fieldProblems()) {
                errors.putIfAbsent(fieldId(p.field()), messages.get(p.messageKey(), p.args().toArray()));
            }
            if (e.status() != HttpStatus.BAD_REQUEST) {
                model.addAttribute("formError", messages.get(e.detailKey(), e.args()));
            }
            return form(model, form, errors);
        }
    }

    @GetMapping("/anmalningar/{id}/kvitto")
    String receipt(@PathVariable long id, Model model) {
        var notice = lookup.findVisible(id, access.scope()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.record(AuditEvent.read("NOTICE_READ", notice.municipality(), lookup.personOf(id),
                "GET /anmalningar/" + id + "/kvitto"));
        model.addAttribute("notice", notice);
        model.addAttribute("receivedAt", SWEDISH_TIME.format(notice.receivedAt()));
        return "intake/notice-receipt";
    }

    private String form(Model model, NoticeForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", NoticeType.values());
        model.addAttribute("schoolTypes", SchoolType.values());
        model.addAttribute("endReasons", EnrolmentEndReason.values());
        model.addAttribute("municipalities", access.scope().granted(installation.servedMunicipalities()));
        // a skolrapportör reports for her own units only: the form offers those (fixed when she has one)
        // instead of a field she must type; everyone else types the unit code
        model.addAttribute("ownUnits", access.scope().limitedToOwnSchoolUnits()
                ? access.scope().schoolUnits().stream().sorted().toList() : null);
        return "intake/notice-form";
    }

    /** API field names to form field ids. */
    private static String fieldId(String field) {
        return switch (field) {
            case "absence.from" -> "absenceFrom";
            case "absence.to" -> "absenceTo";
            case "absence.hours", "absence" -> "absenceHours";
            case "Idempotency-Key" -> "type";
            default -> field;
        };
    }
}
