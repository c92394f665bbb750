package se.kaa.reporting.scb;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.reporting.scb.ScbReturns.Built;
import se.kaa.security.AccessScope;
import se.kaa.security.Granted;
import se.kaa.security.Role;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;

/**
 * {@code /rapporter/scb}: the half-year return to SCB for the manager – the period's records and
 * problems (each linked to its case), export with or without a manager's override, the stored versions
 * with their files and the diff between them, and the lock. docs/reporting.md.
 */
@Controller
class ScbPageController {

    /** How many half-years back the period list goes. */
    static final int PERIODS = 6;

    private final ScbReturns returns;
    private final ScbExports exports;
    private final ScbSpecs specs;
    private final AuditLog audit;
    private final Installation installation;
    private final Clock clock;
    private final se.kaa.targetgroup.Coverage coverage;

    ScbPageController(ScbReturns returns, ScbExports exports, ScbSpecs specs, AuditLog audit, Installation installation,
                      Clock clock, se.kaa.targetgroup.Coverage coverage) {
        this.coverage = coverage;
        this.returns = returns;
        this.exports = exports;
        this.specs = specs;
        this.audit = audit;
        this.installation = installation;
        this.clock = clock;
    }

    @GetMapping("/rapporter/scb")
    String page(@Granted MunicipalityCode municipality, @RequestParam(required = false) HalfYear period,
                @RequestParam(required = false) Integer version, @RequestParam(required = false) Integer other,
                AccessScope scope, Model model) {
        HalfYear p = period != null ? period : lastEnded();
        Built built = returns.build(municipality, p);
        audit.record(AuditEvent.read("SCB_RETURN_READ", municipality, built.lines().stream().map(ScbReturns.Line::personId).toList(),
                "/rapporter/scb " + municipality.value() + " " + p));
        List<ScbExports.Export> versions = exports.list(municipality, p);
        model.addAttribute("municipality", municipality);
        model.addAttribute("municipalities", installation.servedMunicipalities().stream().filter(scope::grants).toList());
        model.addAttribute("period", p);
        model.addAttribute("periods", periods(p));
        model.addAttribute("built", built);
        model.addAttribute("versions", versions);
        model.addAttribute("state", exports.state(municipality, p));
        model.addAttribute("manager", scope.has(Role.ENHETSCHEF));
        // the coverage check on the half-year's latest snapshot: the lists name persons, so the read is audited
        LocalDate day = p.last().isBefore(LocalDate.now(clock)) ? p.last() : LocalDate.now(clock);
        coverage.on(municipality, day).ifPresent(c -> {
            model.addAttribute("coverage", c);
            model.addAttribute("perThousand", c.population() == 0 ? null
                    : Math.round(1000.0 * built.lines().size() / c.population()));
            List<java.util.UUID> listed = new ArrayList<>();
            c.likelyMisses().forEach(e -> listed.add(e.personId()));
            c.likelyFalseMembers().forEach(e -> listed.add(e.personId()));
            if (!listed.isEmpty()) {
                audit.record(AuditEvent.read("COVERAGE_LISTED", municipality, listed,
                        "/rapporter/scb coverage " + municipality.value() + " " + c.asOf()));
            }
        });
        if (version != null && other != null && exports.get(municipality, p, version).isPresent()
                && exports.get(municipality, p, other).isPresent()) {
            model.addAttribute("diff", exports.diff(municipality, p, version, other));
            audit.record(AuditEvent.read("SCB_EXPORT_READ", municipality, exports.personIds(municipality, p, version),
                    "diff " + p + " version " + version + " against " + other));
        }
        return "reporting/scb";
    }

    @PostMapping("/rapporter/scb/export")
    String export(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period,
                  @RequestParam(required = false) String overrideReason, AccessScope scope, RedirectAttributes redirect) {
        String reason = overrideReason == null || overrideReason.isBlank() ? null : overrideReason.strip();
        try {
            if (reason != null && (!scope.has(Role.ENHETSCHEF) || reason.length() > 1000 || reason.chars().anyMatch(Character::isISOControl))) {
                redirect.addFlashAttribute("problem", scope.has(Role.ENHETSCHEF) ? "reporting.scb.override.invalid"
                        : "reporting.problem.overrideManager");
            } else {
                Built built = returns.build(municipality, period);
                ScbExports.Export e = exports.export(built, reason, scope.username());
                audit.record(AuditEvent.read("SCB_RETURN_EXPORTED", municipality,
                        built.lines().stream().map(ScbReturns.Line::personId).toList(),
                        "/rapporter/scb/export " + period + " version " + e.version()));
                redirect.addFlashAttribute("exported", e.version());
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.detailKey());
            redirect.addFlashAttribute("problemArgs", e.args());
        }
        return redirect(municipality, period);
    }

    @GetMapping("/rapporter/scb/fil")
    ResponseEntity<byte[]> file(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period,
                                @RequestParam int version, @RequestParam(required = false) ScbApiController.Format format) {
        return ScbApiController.download(exports, specs, audit, municipality, period, version,
                format != ScbApiController.Format.text);
    }

    @PostMapping("/rapporter/scb/las")
    String lock(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period,
                @RequestParam(required = false) Boolean confirm, AccessScope scope, RedirectAttributes redirect) {
        if (!Boolean.TRUE.equals(confirm)) {
            redirect.addFlashAttribute("problem", "reporting.scb.lock.confirm");
            return redirect(municipality, period);
        }
        try {
            exports.lock(municipality, period, scope.username());
            redirect.addFlashAttribute("locked", true);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.detailKey());
            redirect.addFlashAttribute("problemArgs", e.args());
        }
        return redirect(municipality, period);
    }

    @PostMapping("/rapporter/scb/oppna")
    String reopen(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period,
                  @RequestParam(required = false) String reason, AccessScope scope, RedirectAttributes redirect) {
        if (reason == null || reason.isBlank() || reason.length() > 1000 || reason.chars().anyMatch(Character::isISOControl)) {
            redirect.addFlashAttribute("problem", "reporting.scb.reopen.reasonRequired");
            return redirect(municipality, period);
        }
        try {
            exports.reopen(municipality, period, reason, scope.username());
            redirect.addFlashAttribute("reopened", true);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.detailKey());
            redirect.addFlashAttribute("problemArgs", e.args());
        }
        return redirect(municipality, period);
    }

    private static String redirect(MunicipalityCode m, HalfYear period) {
        return "redirect:/rapporter/scb?municipality=" + m.value() + "&period=" + period;
    }

    /** The half-year that ended last: the one whose return is due next. */
    private HalfYear lastEnded() {
        return HalfYear.of(LocalDate.now(clock)).previous();
    }

    /** The current half-year and the {@value #PERIODS} before it, and the chosen one if older. */
    private List<HalfYear> periods(HalfYear chosen) {
        List<HalfYear> periods = new ArrayList<>();
        HalfYear h = HalfYear.of(LocalDate.now(clock));
        for (int i = 0; i <= PERIODS; i++) {
            periods.add(h);
            h = h.previous();
        }
        if (!periods.contains(chosen)) {
            periods.add(chosen);
        }
        return periods;
    }
}
