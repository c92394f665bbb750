package se.kaa.reporting.board;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import se.kaa.platform.AccessiblePdf;
import se.kaa.platform.Installation;
import se.kaa.security.AccessScope;
import se.kaa.security.Granted;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;

/**
 * The board report (rapport till kommunstyrelsen): {@code /rapporter/namnd} as a page with its charts
 * drawn on the server as SVG, {@code /rapporter/namnd.pdf} as PDF/UA with the charts' figures as tables,
 * and over the API {@code GET /api/v1/reports/board/{municipality}/{period}} (JSON, a hidden cell is null
 * with its note) and {@code …/{period}.pdf}. Aggregates only, every cell suppressed below the threshold:
 * no person can be read from it, so it is not audited as a read of personal data.
 */
@Controller
class BoardController {

    /** The report as the API gives it: the figures, and each chart's figures as a table. */
    record BoardJson(BoardReport report, List<ChartTable> charts) {
    }

    private final BoardReports reports;
    private final BoardText text;
    private final ITemplateEngine templates;
    private final AccessiblePdf pdf;
    private final Installation installation;
    private final Clock clock;
    private final BoardSettings settings;
    private final tools.jackson.databind.json.JsonMapper json;

    BoardController(BoardReports reports, BoardText text, ITemplateEngine templates, AccessiblePdf pdf,
                    Installation installation, Clock clock, BoardSettings settings, tools.jackson.databind.json.JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.reports = reports;
        this.text = text;
        this.templates = templates;
        this.pdf = pdf;
        this.installation = installation;
        this.clock = clock;
    }

    @GetMapping("/rapporter/namnd")
    String page(@Granted MunicipalityCode municipality, @RequestParam(required = false) HalfYear period, AccessScope scope,
                Model model) {
        HalfYear p = period != null ? period : HalfYear.of(LocalDate.now(clock)).previous();
        BoardReport report = reports.build(municipality, p);
        model.addAllAttributes(view(municipality, report));
        model.addAttribute("charts", new SvgCharts(text::msg).all(report));
        model.addAttribute("municipalities", installation.servedMunicipalities().stream().filter(scope::grants).toList());
        model.addAttribute("periods", periods(p));
        model.addAttribute("kept", settings.kept(municipality, p));
        model.addAttribute("maxAnalysis", BoardSettings.MAX_ANALYSIS);
        return "reporting/board";
    }

    @org.springframework.web.bind.annotation.PostMapping("/rapporter/namnd/analys")
    String analysis(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period,
                    @RequestParam(required = false) String analysis, AccessScope scope,
                    org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (analysis != null && (analysis.length() > BoardSettings.MAX_ANALYSIS
                || analysis.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'))) {
            redirect.addFlashAttribute("problem", "reporting.boardPage.analysis.invalid");
            redirect.addFlashAttribute("analysisDraft", analysis.length() > BoardSettings.MAX_ANALYSIS ? null : analysis);
        } else {
            try {
                settings.saveAnalysis(municipality, period, analysis, scope.username());
                redirect.addFlashAttribute("saved", "reporting.boardPage.analysis.saved");
            } catch (se.kaa.platform.ProblemException e) {
                redirect.addFlashAttribute("problem", e.detailKey());
            }
        }
        return redirect(municipality, period);
    }

    /** Freezes the report as made now, after she confirms it is the one sent to the board. */
    @org.springframework.web.bind.annotation.PostMapping("/rapporter/namnd/frys")
    String freeze(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period,
                  @RequestParam(required = false) Boolean confirm, AccessScope scope,
                  org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (!Boolean.TRUE.equals(confirm)) {
            redirect.addFlashAttribute("problem", "reporting.boardPage.freeze.confirm");
            return redirect(municipality, period);
        }
        BoardReport report = reports.build(municipality, period);
        try {
            settings.freeze(municipality, period, render(municipality, report),
                    json.writeValueAsString(new BoardJson(report, report.chartTables())), scope.username());
            redirect.addFlashAttribute("saved", "reporting.boardPage.freeze.done");
        } catch (se.kaa.platform.ProblemException e) {
            redirect.addFlashAttribute("problem", e.detailKey());
        }
        return redirect(municipality, period);
    }

    @GetMapping("/rapporter/namnd/fryst.pdf")
    ResponseEntity<byte[]> frozenPdf(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period) {
        return pdfResponse(municipality, period, settings.frozenPdf(municipality, period)
                .orElseThrow(() -> se.kaa.platform.ProblemException.notFound("Frozen report")));
    }

    /** The municipality's small-cell suppression: counts below {@code minCount}, shares on a base below {@code minBase}. */
    @org.springframework.web.bind.annotation.PostMapping("/rapporter/namnd/skydd")
    String suppression(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period,
                       @RequestParam(required = false) Integer minCount, @RequestParam(required = false) Integer minBase,
                       AccessScope scope, org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (minCount == null || minBase == null || minCount < 2 || minCount > 100 || minBase < minCount || minBase > 1000) {
            redirect.addFlashAttribute("problem", "reporting.boardPage.suppression.invalid");
        } else {
            settings.setSuppression(municipality, new Suppression(minCount, minBase), scope.username());
            redirect.addFlashAttribute("saved", "reporting.boardPage.suppression.saved");
        }
        return redirect(municipality, period);
    }

    private static String redirect(MunicipalityCode m, HalfYear period) {
        return "redirect:/rapporter/namnd?municipality=" + m.value() + "&period=" + period;
    }

    @GetMapping("/rapporter/namnd.pdf")
    ResponseEntity<byte[]> pagePdf(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period) {
        return pdf(municipality, period);
    }

    /** The report's figures; once frozen, the frozen report as it was made (later facts do not change it). */
    @GetMapping("/api/v1/reports/board/{municipality}/{period}")
    ResponseEntity<String> api(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period) {
        String body = settings.frozenJson(municipality, period).orElseGet(() -> {
            BoardReport report = reports.build(municipality, period);
            return json.writeValueAsString(new BoardJson(report, report.chartTables()));
        });
        BoardSettings.Kept kept = settings.kept(municipality, period);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("X-Report-Frozen", kept.frozen() ? kept.frozenAt().toString() : "false").body(body);
    }

    /** The headline table, suppressed as on the page, for a spreadsheet: {@code .csv} or {@code .xlsx}. */
    @GetMapping({"/rapporter/namnd.csv", "/rapporter/namnd.xlsx"})
    ResponseEntity<byte[]> tables(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period,
                                  jakarta.servlet.http.HttpServletRequest request) {
        BoardReport report = reports.build(municipality, period);
        List<se.kaa.platform.TableFiles.Table> tables = new ArrayList<>();
        for (BoardReport.Section s : report.sections()) {
            List<String> header = new ArrayList<>(List.of(text.msg("reporting.board.column.label"), period.toString(),
                    text.msg("reporting.board.column.yearBefore")));
            if (report.hasWholePeriod()) {
                header.add(text.msg("reporting.board.column.wholePeriod"));
            }
            header.addAll(List.of(text.msg("reporting.board.column.trend"), text.msg("reporting.board.column.women"),
                    text.msg("reporting.board.column.men"), text.msg("reporting.board.column.national")));
            List<List<String>> rows = new ArrayList<>();
            for (BoardReport.Row r : s.rows()) {
                List<String> row = new ArrayList<>(List.of(text.msg(r.labelKey()), text.cell(r.kind(), r.current()),
                        text.cell(r.kind(), r.yearBefore())));
                if (report.hasWholePeriod()) {
                    row.add(text.cell(r.kind(), r.wholePeriod()));
                }
                row.addAll(List.of(text.trend(r.trend()), text.cell(r.kind(), r.women()), text.cell(r.kind(), r.men()),
                        text.national(r.national())));
                rows.add(row);
            }
            tables.add(new se.kaa.platform.TableFiles.Table(text.msg(s.titleKey()), header, rows));
        }
        boolean xlsx = request.getRequestURI().endsWith(".xlsx");
        byte[] file = xlsx ? se.kaa.platform.TableFiles.xlsx(tables) : se.kaa.platform.TableFiles.csv(tables);
        return se.kaa.platform.TableFiles.download(file, "Rapport_till_kommunstyrelsen_" + municipality.value() + "_" + period, xlsx);
    }

    @GetMapping("/api/v1/reports/board/{municipality}/{period}.pdf")
    ResponseEntity<byte[]> apiPdf(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period) {
        return pdf(municipality, period);
    }

    /** The report as PDF/UA: the frozen one once frozen, else as made now. */
    private ResponseEntity<byte[]> pdf(MunicipalityCode municipality, HalfYear period) {
        return pdfResponse(municipality, period, settings.frozenPdf(municipality, period)
                .orElseGet(() -> render(municipality, reports.build(municipality, period))));
    }

    private byte[] render(MunicipalityCode municipality, BoardReport report) {
        Map<String, Object> variables = new java.util.HashMap<>(view(municipality, report));
        variables.put("text", text);
        variables.put("analysis", settings.kept(municipality, report.period()).analysis());
        return pdf.render(templates.process("reporting/board-pdf", new Context(BoardText.SWEDISH, variables)));
    }

    private static ResponseEntity<byte[]> pdfResponse(MunicipalityCode municipality, HalfYear period, byte[] file) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("Rapport_till_kommunstyrelsen_" + municipality.value() + "_" + period + ".pdf").build().toString())
                .body(file);
    }

    private Map<String, Object> view(MunicipalityCode municipality, BoardReport report) {
        return Map.of("municipality", municipality, "municipalityName", installation.label(municipality), "period", report.period(),
                "report", report, "tables", report.chartTables());
    }

    private List<HalfYear> periods(HalfYear chosen) {
        List<HalfYear> periods = new ArrayList<>();
        HalfYear h = HalfYear.of(LocalDate.now(clock));
        for (int i = 0; i <= 6; i++) {
            periods.add(h);
            h = h.previous();
        }
        if (!periods.contains(chosen)) {
            periods.add(chosen);
        }
        return periods;
    }
}
