package se.kaa.extract.internal;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import se.kaa.extract.RegisterExtract;
import se.kaa.platform.AccessiblePdf;
import se.kaa.platform.Installation;
import se.kaa.shared.MunicipalityCode;

/**
 * The extract as an accessible Swedish PDF (PDF/UA-1): a Thymeleaf template (well-formed XHTML with
 * language, title, ordered headings and data tables with header cells) rendered by
 * {@link AccessiblePdf} with its embedded font.
 */
@Component
public class ExtractPdf {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final ITemplateEngine templates;
    private final Installation installation;
    private final AccessiblePdf pdf;
    private final se.kaa.intake.SchoolUnits schoolUnits;

    ExtractPdf(ITemplateEngine templates, Installation installation, AccessiblePdf pdf,
               se.kaa.intake.SchoolUnits schoolUnits) {
        this.schoolUnits = schoolUnits;
        this.templates = templates;
        this.installation = installation;
        this.pdf = pdf;
    }

    public byte[] render(RegisterExtract extract) {
        Context context = new Context(SWEDISH, Map.of("x", extract, "labels", new Labels(installation, schoolUnits)));
        return pdf.render(templates.process("extract/registerutdrag", context));
    }

    /** Municipality and school unit names for the template (no bean references outside a web request). */
    public static final class Labels {
        private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Europe/Stockholm"));
        private final Installation installation;
        private final se.kaa.intake.SchoolUnits schoolUnits;

        Labels(Installation installation, se.kaa.intake.SchoolUnits schoolUnits) {
            this.installation = installation;
            this.schoolUnits = schoolUnits;
        }

        /** "Name (code)" from the school unit register; the code and its organiser for a unit not in it. */
        public String school(String code, String organiser) {
            if (code == null || code.isBlank()) {
                return "";
            }
            return schoolUnits.find(code).isPresent() ? schoolUnits.label(code)
                    : code.strip() + (organiser == null || organiser.isBlank() ? "" : " – " + organiser);
        }

        public String time(java.time.Instant instant) {
            return instant == null ? "" : TIME.format(instant);
        }

        public String municipality(String code) {
            return code == null ? "" : installation.label(MunicipalityCode.of(code));
        }
    }
}
