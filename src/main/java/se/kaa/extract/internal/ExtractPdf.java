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

    ExtractPdf(ITemplateEngine templates, Installation installation, AccessiblePdf pdf) {
        this.templates = templates;
        this.installation = installation;
        this.pdf = pdf;
    }

    public byte[] render(RegisterExtract extract) {
        Context context = new Context(SWEDISH, Map.of("x", extract, "labels", new Labels(installation)));
        return pdf.render(templates.process("extract/registerutdrag", context));
    }

    /** Municipality names for the template (no bean references outside a web request). */
    public static final class Labels {
        private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Europe/Stockholm"));
        private final Installation installation;

        Labels(Installation installation) {
            this.installation = installation;
        }

        public String time(java.time.Instant instant) {
            return instant == null ? "" : TIME.format(instant);
        }

        public String municipality(String code) {
            return code == null ? "" : installation.label(MunicipalityCode.of(code));
        }
    }
}
