package se.kaa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import se.kaa.testsupport.PdfUa;

/** A small Swedish document through the renderer: PDF/UA-1 by veraPDF, embedded fonts, å ä ö intact. */
@se.kaa.testsupport.ProcessLane
class AccessiblePdfTest {

    static final String HTML = """
            <!DOCTYPE html>
            <html lang="sv">
            <head><meta charset="UTF-8" /><title>Brev till Åsa Öberg</title>
            <style>body { font-family: 'Liberation Sans'; }</style></head>
            <body>
            <h1>Hej Åsa</h1>
            <p>Vi vill gärna höra av dig om <strong>gymnasieskolan</strong> och <em>vad du gör i år</em>.</p>
            <h2>Kontakt</h2>
            <table>
              <thead><tr><th scope="col">Vem</th><th scope="col">Telefon</th></tr></thead>
              <tbody><tr><td>Örjan Ärlig</td><td>010-000 00 00</td></tr></tbody>
            </table>
            <p><strong><em>Välkommen!</em></strong></p>
            </body>
            </html>
            """;

    @Test
    void aSwedishDocumentIsPdfUaWithEmbeddedFontsAndItsTitleShown() throws Exception {
        byte[] pdf = new AccessiblePdf().render(HTML);

        assertThat(PdfUa.failedRules(pdf)).as("failed PDF/UA-1 rules").isEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains("Hej Åsa", "gärna höra", "Örjan Ärlig", "Välkommen!");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Brev till Åsa Öberg");
            assertThat(document.getDocumentCatalog().getViewerPreferences().displayDocTitle()).isTrue();
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("sv");
            assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            var fonts = new java.util.ArrayList<PDFont>();
            for (var name : document.getPage(0).getResources().getFontNames()) {
                fonts.add(document.getPage(0).getResources().getFont(name));
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).contains("LiberationSans");
            });
            assertThat(fonts).extracting(PDFont::getName).anyMatch(name -> name.endsWith("-Bold"))
                    .anyMatch(name -> name.endsWith("-Italic")).anyMatch(name -> name.endsWith("-BoldItalic"));
        }
    }
}
