package se.kaa.targetgroup.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.platform.Installation;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.ReasonForRegistration;
import se.kaa.targetgroup.RuleSetVersion;
import se.kaa.targetgroup.internal.MemberQueries;

/** The group on a chosen date, with filters and counts. */
@Controller
class GroupPageController {

    static final int PAGE_SIZE = 100;

    private final MemberQueries queries;
    private final Installation installation;
    private final Clock clock;
    private final CurrentAccess access;
    private final AuditLog audit;

    GroupPageController(MemberQueries queries, Installation installation, Clock clock, CurrentAccess access, AuditLog audit) {
        this.access = access;
        this.queries = queries;
        this.installation = installation;
        this.clock = clock;
        this.audit = audit;
    }

    @GetMapping("/malgrupp")
    String group(@RequestParam(required = false) String municipality,
                 @RequestParam(required = false) String date,
                 @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String age,
                 @RequestParam(required = false) String school,
                 @RequestParam(required = false) String enteredSince,
                 @RequestParam(defaultValue = "0") int page,
                 Model model) {
        // Only the municipalities she is granted are offered, listed or counted.
        List<MunicipalityCode> granted = access.scope().granted(installation.servedMunicipalities());
        if (granted.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        MunicipalityCode m = granted.stream()
                .filter(c -> c.value().equals(municipality)).findFirst()
                .orElse(granted.get(0));
        LocalDate today = LocalDate.now(clock);
        LocalDate d = parseDate(date, today);
        LocalDate since = parseDate(enteredSince, null);
        ReasonForRegistration r = Arrays.stream(ReasonForRegistration.values())
                .filter(x -> x.name().equals(reason)).findFirst().orElse(null);
        Integer a = age != null && age.matches("1[5-9]") ? Integer.valueOf(age) : null;
        String s = school != null && school.matches("\\d{8}") ? school : null;
        int p = Math.max(0, page);
        MemberQueries.Page result = queries.members(m, d, new MemberQueries.Filter(r, a, s, since), p, PAGE_SIZE);
        audit.record(AuditEvent.read("MEMBERS_LISTED", m, result.members().stream().map(MemberQueries.Member::personId)
                .toList(), "GET /malgrupp date=" + d + " page=" + p));
        model.addAttribute("municipalities", granted);
        model.addAttribute("municipality", m);
        model.addAttribute("date", d);
        model.addAttribute("reason", r);
        model.addAttribute("age", a);
        model.addAttribute("school", s);
        model.addAttribute("enteredSince", since);
        model.addAttribute("reasons", ReasonForRegistration.values());
        model.addAttribute("ages", new int[] {15, 16, 17, 18, 19});
        model.addAttribute("schools", queries.schools(m, d));
        model.addAttribute("result", result);
        model.addAttribute("ruleSet", RuleSetVersion.on(d).orElse(null));
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "targetgroup/group";
    }

    private static LocalDate parseDate(String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
