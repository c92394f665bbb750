package se.kaa.reporting.overview;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import se.kaa.casework.Caseload;
import se.kaa.casework.PeriodRecords;
import se.kaa.platform.Installation;
import se.kaa.platform.TableFiles;
import se.kaa.reporting.scb.ScbDeadlines;
import se.kaa.reporting.scb.ScbExports;
import se.kaa.security.AccessScope;
import se.kaa.security.Granted;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;

/**
 * {@code /oversikt}: the unit manager's start page – the unit's state now in numbers, each a link to the
 * worklist that lists the cases behind it (where the worklist checks roles and grants and audits the
 * read), per case worker too; the half-year's intake and time to first contact from the reported facts
 * ({@link PeriodRecords}, the SCB return's own definition); and the SCB return's readiness. Aggregates
 * only: no person is named here.
 */
@Controller
class OverviewController {

    private final Caseload caseload;
    private final PeriodRecords periodRecords;
    private final ScbExports exports;
    private final ScbDeadlines deadlines;
    private final Installation installation;
    private final Clock clock;
    private final se.kaa.security.StaffNames staffNames;
    private final org.springframework.context.MessageSource messages;

    OverviewController(Caseload caseload, PeriodRecords periodRecords, ScbExports exports, ScbDeadlines deadlines,
                       Installation installation, Clock clock, se.kaa.security.StaffNames staffNames,
                       org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.staffNames = staffNames;
        this.caseload = caseload;
        this.periodRecords = periodRecords;
        this.exports = exports;
        this.deadlines = deadlines;
        this.installation = installation;
        this.clock = clock;
    }

    /** The half-year's intake and speed: new registrations, median days to first contact. */
    record Intake(HalfYear period, long members, long registered, Long medianDaysToFirstContact, long registeredSameHalfLastYear) {
    }

    /** The last ended half-year's return: its latest export (if any), whether it is locked, days to the deadline. */
    record Readiness(HalfYear period, LocalDate deadline, long daysLeft, ScbExports.Export latest, boolean locked) {
    }

    @GetMapping("/oversikt")
    String overview(@Granted MunicipalityCode municipality, AccessScope scope, Model model) {
        LocalDate today = LocalDate.now(clock);
        HalfYear now = HalfYear.of(today);
        HalfYear lastEnded = now.previous();
        model.addAttribute("municipality", municipality);
        model.addAttribute("municipalities", installation.servedMunicipalities().stream().filter(scope::grants).toList());
        Caseload.Summary load = caseload.of(municipality);
        model.addAttribute("caseload", load);
        model.addAttribute("names", staffNames.displayNames(load.workers().stream().map(Caseload.Worker::assignee)
                .filter(Objects::nonNull).toList()));
        model.addAttribute("stages", Caseload.Stage.values());
        model.addAttribute("intake", intake(municipality, now, today));
        List<ScbExports.Export> versions = exports.list(municipality, lastEnded);
        LocalDate deadline = deadlines.of(lastEnded);
        model.addAttribute("readiness", new Readiness(lastEnded, deadline, ChronoUnit.DAYS.between(today, deadline),
                versions.isEmpty() ? null : versions.get(0), exports.state(municipality, lastEnded).locked()));
        return "reporting/overview";
    }

    /** The overview's numbers for a spreadsheet: the tiles and the stages per case worker ({@code .csv} or {@code .xlsx}). */
    @GetMapping({"/oversikt.csv", "/oversikt.xlsx"})
    ResponseEntity<byte[]> tables(@Granted MunicipalityCode municipality, HttpServletRequest request) {
        Caseload.Summary load = caseload.of(municipality);
        Map<String, String> names = staffNames.displayNames(load.workers().stream().map(Caseload.Worker::assignee)
                .filter(Objects::nonNull).toList());
        List<List<String>> tiles = new ArrayList<>();
        tiles.add(List.of(text("reporting.overview.open", load.open()), String.valueOf(load.open())));
        tiles.add(List.of(text("reporting.overview.overdue", load.overdue()), String.valueOf(load.overdue())));
        tiles.add(List.of(text("reporting.overview.unassigned", load.unassigned()), String.valueOf(load.unassigned())));
        load.byCategory().forEach((c, n) -> tiles.add(List.of(text("reporting.overview.category." + c, n), String.valueOf(n))));
        List<String> header = new ArrayList<>(List.of(text("reporting.overview.worker")));
        for (Caseload.Stage s : Caseload.Stage.values()) {
            header.add(text("reporting.overview.stage." + s));
        }
        header.add(text("reporting.overview.cases"));
        header.add(text("reporting.overview.overdueColumn"));
        List<List<String>> stages = new ArrayList<>();
        for (Caseload.Worker w : load.workers()) {
            List<String> row = new ArrayList<>();
            row.add(w.assignee() == null ? text("reporting.overview.nobody") : names.getOrDefault(w.assignee(), w.assignee()));
            for (Caseload.Stage s : Caseload.Stage.values()) {
                row.add(String.valueOf(w.byStage().get(s)));
            }
            row.add(String.valueOf(w.cases()));
            row.add(String.valueOf(w.overdue()));
            stages.add(row);
        }
        List<TableFiles.Table> tables = List.of(
                new TableFiles.Table(text("reporting.overview.now"),
                        List.of(text("reporting.overview.what"), text("reporting.overview.cases")), tiles),
                new TableFiles.Table(text("reporting.overview.stages"), header, stages));
        boolean xlsx = request.getRequestURI().endsWith(".xlsx");
        return TableFiles.download(xlsx ? TableFiles.xlsx(tables)
                : TableFiles.csv(tables), "Oversikt_" + municipality.value() + "_" + LocalDate.now(clock), xlsx);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, java.util.Locale.forLanguageTag("sv-SE"));
    }

    private Intake intake(MunicipalityCode m, HalfYear period, LocalDate today) {
        PeriodRecords.Summary now = periodRecords.summary(m, period.first(), today);
        HalfYear lastYear = period.yearBefore();
        PeriodRecords.Summary before = periodRecords.summary(m, lastYear.first(), lastYear.last());
        return new Intake(period, now.members(), now.registered(), now.medianDaysToFirstContact(), before.registered());
    }
}
