package se.kaa.platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.stereotype.Component;

import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Renders well-formed XHTML to an accessible PDF (PDF/UA-1): tagged structure from the HTML
 * (headings, paragraphs, tables with their header cells), the document language from
 * {@code <html lang>}, the document title from {@code <title>} shown in the viewer's title bar, and
 * every glyph from an embedded font.
 *
 * <p>What the caller's XHTML must hold for the result to conform:
 * <ul>
 * <li>{@code <html lang="sv">} and a non-empty {@code <title>};</li>
 * <li>{@code font-family: 'Liberation Sans'} ({@link #FONT_FAMILY}) on the body and no other
 * family anywhere – text in a family that is not registered here falls back to a PDF base font,
 * which is not embedded and breaks conformance;</li>
 * <li>headings in order (one {@code h1}, then {@code h2}, ...), data tables with {@code <th scope>}
 * and no tables for layout; images, if any, with {@code alt}.</li>
 * </ul>
 *
 * <p>The font is Liberation Sans (SIL Open Font License, from {@code openpdf-fonts-extra}) in
 * regular, bold, italic and bold italic, subset into each document. It covers å, ä, ö, é and the
 * rest of Latin-1 and Latin Extended-A.
 */
@Component
public class AccessiblePdf {

    /** The one font family the XHTML may use. */
    public static final String FONT_FAMILY = "Liberation Sans";

    private static final String FONTS = "/liberation/LiberationSans-";

    private final byte[] regular = font("Regular");
    private final byte[] bold = font("Bold");
    private final byte[] italic = font("Italic");
    private final byte[] boldItalic = font("BoldItalic");

    /** Renders the XHTML document (UTF-8 text, see the class comment) to PDF/UA-1 bytes. */
    public byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.useFont(supplier(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(supplier(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.useFont(supplier(italic), FONT_FAMILY, 400, FontStyle.ITALIC, true);
            builder.useFont(supplier(boldItalic), FONT_FAMILY, 700, FontStyle.ITALIC, true);
            builder.withProducer("KAA");
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static FSSupplier<InputStream> supplier(byte[] font) {
        return () -> new ByteArrayInputStream(font);
    }

    private static byte[] font(String style) {
        String path = FONTS + style + ".ttf";
        try (InputStream in = AccessiblePdf.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Font " + path + " is missing from the classpath (openpdf-fonts-extra)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
