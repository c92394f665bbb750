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
import org.springframework.web.bind.annotation.ResponseBody;
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

    BoardController(BoardReports reports, BoardText text, ITemplateEngine templates, AccessiblePdf pdf,
                    Installation installation, Clock clock) {
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
        return "reporting/board";
    }

    @GetMapping("/rapporter/namnd.pdf")
    ResponseEntity<byte[]> pagePdf(@Granted(exactly = true) MunicipalityCode municipality, @RequestParam HalfYear period) {
        return pdf(municipality, period);
    }

    @GetMapping("/api/v1/reports/board/{municipality}/{period}")
    @ResponseBody
    BoardJson api(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period) {
        BoardReport report = reports.build(municipality, period);
        return new BoardJson(report, report.chartTables());
    }

    @GetMapping("/api/v1/reports/board/{municipality}/{period}.pdf")
    ResponseEntity<byte[]> apiPdf(@Granted(exactly = true) MunicipalityCode municipality, @PathVariable HalfYear period) {
        return pdf(municipality, period);
    }

    private ResponseEntity<byte[]> pdf(MunicipalityCode municipality, HalfYear period) {
        BoardReport report = reports.build(municipality, period);
        Map<String, Object> variables = new java.util.HashMap<>(view(municipality, report));
        variables.put("text", text);
        byte[] file = pdf.render(templates.process("reporting/board-pdf", new Context(BoardText.SWEDISH, variables)));
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
