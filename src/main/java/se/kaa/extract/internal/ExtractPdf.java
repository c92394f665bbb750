package se.kaa.extract.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import se.kaa.extract.RegisterExtract;
import se.kaa.platform.Installation;
import se.kaa.shared.MunicipalityCode;

/**
 * The extract as a Swedish PDF: rendered from a Thymeleaf template (well-formed XHTML) with
 * openhtmltopdf. The text uses the PDF base font Helvetica, whose WinAnsi encoding holds å, ä, ö,
 * é and the other Latin-1 letters Swedish names need.
 */
@Component
public class ExtractPdf {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final ITemplateEngine templates;
    private final Installation installation;

    ExtractPdf(ITemplateEngine templates, Installation installation) {
        this.templates = templates;
        this.installation = installation;
    }

    public byte[] render(RegisterExtract extract) {
        Context context = new Context(SWEDISH, Map.of("x", extract, "labels", new Labels(installation)));
        String html = templates.process("extract/registerutdrag", context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
