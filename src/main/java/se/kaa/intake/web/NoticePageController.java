package se.kaa.intake.web;

import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
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
import se.kaa.person.PersonDirectory;
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
    private final PersonDirectory persons;

    /** How many of her earlier notices the form lists. */
    static final int SHOWN_SENT = 20;

    private final int schoolChangeDays;

    NoticePageController(NoticeService notices, JdbcNoticeLookup lookup, Installation installation,
                         IntakeMessages messages, CurrentAccess access, AuditLog audit, PersonDirectory persons,
                         @org.springframework.beans.factory.annotation.Value("${kaa.targetgroup.school-change-days:14}")
                         int schoolChangeDays) {
        this.schoolChangeDays = schoolChangeDays;
        this.persons = persons;
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

    /** The form for one type of notice ({@code typ}: START, STOP or ABSENCE; STOP when none is chosen). */
    @GetMapping("/anmalningar/ny")
    String form(@RequestParam(required = false) String typ, Model model) {
        var granted = access.scope().granted(installation.servedMunicipalities());
        NoticeType type = java.util.Arrays.stream(NoticeType.values()).filter(t -> t.name().equals(typ)).findFirst()
                .orElse(NoticeType.STOP);
        return form(model, new NoticeForm(UUID.randomUUID().toString(), type.name(), "",
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
        // the pupil, so she sees she reported the right one: the name (not for a protected identity), the
        // personnummer masked
        lookup.personOf(id).stream().findFirst().flatMap(persons::summary).ifPresent(p -> {
            boolean named = p.givenName() != null || p.familyName() != null;
            model.addAttribute("pupilName", p.protectedIdentity() || !named ? null : p.displayName());
            model.addAttribute("pupilProtected", p.protectedIdentity());
            model.addAttribute("pupilPnr", p.pin().masked());
        });
        model.addAttribute("next", messages.get("intake.receipt.next." + notice.type().name()
                + (notice.endReason() != null ? "." + notice.endReason().name() : ""), schoolChangeDays));
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
        model.addAttribute("chosen", java.util.Arrays.stream(NoticeType.values())
                .filter(t -> t.name().equalsIgnoreCase(form.type() == null ? "" : form.type().strip())).findFirst()
                .orElse(NoticeType.STOP));
        model.addAttribute("sent", sent());
        return "intake/notice-form";
    }

    /** One of her earlier notices as the form lists it. */
    record SentLine(long id, NoticeType type, java.time.LocalDate date, String pupil, String schoolUnitCode,
                    String receivedAt) {
    }

    /** Her latest notices, the pupils' personnummer masked; audited as a read of those pupils. */
    private List<SentLine> sent() {
        var scope = access.scope();
        List<JdbcNoticeLookup.Sent> sent = lookup.sentBy(scope, SHOWN_SENT);
        if (sent.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> pins = new java.util.HashMap<>();
        persons.summaries(sent.stream().map(JdbcNoticeLookup.Sent::personId).distinct().toList())
                .forEach(p -> pins.put(p.id(), p.pin().masked()));
        Map<se.kaa.shared.MunicipalityCode, List<UUID>> byMunicipality = new LinkedHashMap<>();
        sent.forEach(s -> byMunicipality.computeIfAbsent(s.notice().municipality(), m -> new java.util.ArrayList<>())
                .add(s.personId()));
        byMunicipality.forEach((m, ids) -> audit.record(AuditEvent.read("NOTICES_LISTED", m,
                ids.stream().distinct().toList(), "GET /anmalningar/ny (sent notices)")));
        return sent.stream().map(s -> new SentLine(s.notice().id(), s.notice().type(), s.notice().date(),
                pins.getOrDefault(s.personId(), ""), s.notice().schoolUnitCode(),
                SWEDISH_TIME.format(s.notice().receivedAt()))).toList();
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
