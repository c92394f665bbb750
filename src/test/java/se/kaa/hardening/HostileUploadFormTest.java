package se.kaa.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The multipart upload form of {@code /importer}, part by part, with hostile values: the answer is
 * never a server error, a refusal is the page again with a Swedish error linked to its field (400, or
 * 413 past the size limits, 403 without a CSRF token), nothing is stored, and whatever the page shows
 * back is escaped. A valid file under a hostile file name is imported by design: the name is stored
 * without its directories and shown escaped.
 */
@KaaIntegrationTest
class HostileUploadFormTest {

    static final List<String> HOSTILE = List.of("<script>alert(1)</script>", "' OR '1'='1", "\u0000",
            "\u0007\u001b[2J", "x".repeat(5_000), "😀", "-1", "../../etc/passwd", "2380; DROP TABLE person");

    /** Every table an upload writes to. */
    static final List<String> TABLES = List.of("import_batch", "import_rejected_row", "person", "population_record",
            "enrolment", "credential", "admission", "placement", "membership_episode", "notice");

    static final String VALID_FILE = "folkbokforing-utf8.csv";

    /** A part of the multipart body: a field, or a file when {@code fileName} or {@code contentType} is set. */
    record Part(String name, String fileName, String contentType, byte[] content) {
        static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }

        static Part file(String fileName, String contentType, byte[] content) {
            return new Part("file", fileName, contentType, content);
        }
    }

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    WebSession web;

    @BeforeEach
    void signedIn() {
        database.clean();
        clock.reset();
        web = new WebSession(port);
        assertThat(web.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void theFormHasTheFieldsThisSweepCovers() {
        String page = web.get("/importer").body();
        List<String> names = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("<(?:input|select|textarea)[^>]*\\bname=\"([^\"]+)\"").matcher(
                page.substring(page.indexOf("enctype=\"multipart/form-data\"")));
        while (m.find()) {
            if (!m.group(1).equals("_csrf") && !names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        // A field added to the form must be added to the sweep below.
        assertThat(names).containsExactly("kind", "municipality", "asOf", "file");
    }

    @Test
    void everyTextFieldTakesHostileValuesAndIsRefusedOnThePage() {
        Map<String, Long> before = counts();
        for (String value : HOSTILE) {
            refused(upload(valid("kind", value)), "kind", "Välj vilken typ av fil du laddar upp.");
            refused(upload(valid("municipality", value)), "municipality", "Kommunkoden ska vara fyra siffror");
            refused(upload(valid("asOf", value)), "asOf", "Uttagsdatum ska vara ett datum på formen ÅÅÅÅ-MM-DD.");
        }
        refused(upload(valid("kind", "")), "kind", "Välj vilken typ av fil du laddar upp.");
        refused(upload(valid("kind", "FOLKBOKFORING ")), "kind", "Välj vilken typ av fil du laddar upp.");
        refused(upload(valid("municipality", "")), "municipality", "Kommunkoden ska vara fyra siffror");
        refused(upload(valid("municipality", "0180")), "municipality", "Kommunen 0180 hanteras inte");
        refused(upload(valid("asOf", "")), "asOf", "Uttagsdatum krävs för en folkbokföringsfil");
        for (String date : List.of("2026-02-30", "2026-13-01", "20261101", "01/11/2026", "2026-1-1", "+2026-11-01",
                "9999999-11-01")) {
            refused(upload(valid("asOf", date)), "asOf", "Uttagsdatum ska vara ett datum på formen ÅÅÅÅ-MM-DD.");
        }
        refused(upload(valid("asOf", "2099-01-01")), "asOf", "Uttagsdatum får inte vara senare än i dag.");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aMunicipalityTheUserIsNotGrantedIsRefusedLikeAnUnservedOne() {
        users.ensure();
        WebSession chef = new WebSession(port);
        assertThat(chef.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        Map<String, Long> before = counts();
        HttpResponse<String> r = upload(chef, csrf(chef), valid("municipality", "2361"));
        refused(r, "municipality", "Kommunen 2361 hanteras inte av den här installationen. Ange en av: 2380.");
        HttpResponse<String> unserved = upload(chef, csrf(chef), valid("municipality", "0180"));
        assertThat(r.body().replace("2361", "0180")).as("the same answer as for an unserved one")
                .contains(errorParagraph(unserved.body()));
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void hostileFilesAreRefusedOnThePage() {
        Map<String, Long> before = counts();
        refused(upload(without("file")), "file", "Välj en fil att ladda upp.");
        refused(upload(with("file", Part.file("", "application/octet-stream", new byte[0]))), "file",
                "Välj en fil att ladda upp.");
        refused(upload(with("file", Part.file("tom.csv", "text/csv", new byte[0]))), "file", "Filen är tom.");
        refused(upload(with("file", Part.file("bild.csv", "text/csv", WebSession.fixture("not-csv.png")))), "file",
                "Filen är inte en CSV-textfil");
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        refused(upload(with("file", Part.file("data.bin", "application/octet-stream", binary))), "file",
                "Filen är inte en CSV-textfil");
        refused(upload(with("file", Part.file("arkiv.zip", "application/zip", WebSession.fixture("folkbokforing.zip")))),
                "file", "Filen är inte en CSV-textfil");
        // A plain text file, not a register file: its first line is no header.
        refused(upload(with("file", Part.file("<script>alert(1)</script>.csv", "text/html",
                "<script>alert(1)</script>\n<b>x</b>\n".getBytes(StandardCharsets.UTF_8)))), "file",
                "Rubrikraden saknar de obligatoriska kolumnerna");
        // Hostile file names on a file that is refused: nothing stored, nothing shown raw.
        for (String name : List.of("../../etc/passwd", "..\\..\\windows\\win.ini", "<script>alert(1)</script>",
                "x".repeat(200) + ".csv")) {
            refused(upload(with("file", Part.file(name, "text/csv", new byte[0]))), "file", "Filen är tom.");
        }
        // A name past the limit of a part's headers: the Swedish page of the size limit, as for a large file.
        HttpResponse<String> longName = upload(with("file", Part.file("x".repeat(5_000) + ".csv", "text/csv",
                WebSession.fixture(VALID_FILE))));
        assertThat(longName.statusCode()).isEqualTo(413);
        assertThat(longName.body()).contains("lang=\"sv\"", "role=\"alert\"").doesNotContain("Whitelabel", "xxxxxxxxxx");
        // A NUL in the file name: Tomcat's parser refuses the name, the request is refused before it is read.
        HttpResponse<String> nul = upload(with("file", Part.file("a\u0000b.csv", "text/csv", WebSession.fixture(VALID_FILE))));
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(nul.body()).contains("lang=\"sv\"").doesNotContain("Whitelabel", "Exception", "\u0000");
        // Over the import limit (2 MB in tests) but under the multipart limit (3 MB).
        byte[] large = ("personnummer;" + "x".repeat(2_500_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = upload(with("file", Part.file("stor.csv", "text/csv", large)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("role=\"alert\"", "Filen är större än de 2 MB som tillåts.", "href=\"#file\"");
        // Over the multipart limit: the Swedish page of the size limit.
        HttpResponse<String> huge = upload(with("file", Part.file("enorm.csv", "text/csv", new byte[4 * 1024 * 1024])));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("lang=\"sv\"").doesNotContain("Whitelabel", "Exception");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aFileWithHostileCellsStoresItsRowsAsRejectedAndShowsThemEscaped() {
        String csv = """
                personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                <script>alert(1)</script>;Ada;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
                200801172389;<script>alert(2)</script>;' OR '1'='1;2380;2008-01-17;;<img src=x onerror=alert(3)>;83130;Östersund;NEJ;NORMAL
                19999999-999X;Bo;Berg;2380;2008-01-17;;Storgatan 2;83130;Östersund;NEJ;NORMAL
                """;
        Map<String, Long> before = counts();
        HttpResponse<String> r = upload(with("file", Part.file("<script>alert(4)</script>.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8))));
        assertThat(r.statusCode()).as(r.body()).isIn(302, 400);
        Map<String, Long> after = counts();
        // No fact of any kind: every row is rejected (kept to be corrected, which is the design).
        for (String table : TABLES) {
            if (!table.startsWith("import_")) {
                assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
            }
        }
        assertThat(after.get("import_rejected_row") - before.get("import_rejected_row"))
                .isIn(0L, 3L);
        List<String> pages = new ArrayList<>(List.of("/importer"));
        if (r.statusCode() == 302) {
            String location = r.headers().firstValue("Location").orElseThrow();
            pages.add(location.substring(location.indexOf("/importer/")));
        }
        for (String path : pages) {
            HttpResponse<String> page = web.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).doesNotContain("<script>alert", "<img src=x");
        }
        assertThat(r.body()).doesNotContain("<script>alert", "<img src=x");
    }

    @Test
    void aValidFileUnderAHostileNameOrContentTypeIsImportedWithTheNameStrippedAndEscaped() {
        // The content decides, not the name or the declared type.
        HttpResponse<String> r = upload(with("file", Part.file("..\\..\\etc/<img src=x onerror=alert(1)>.exe",
                "application/x-msdownload", WebSession.fixture(VALID_FILE))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT file_name FROM import_batch").query(String.class).single())
                .isEqualTo("<img src=x onerror=alert(1)>.exe");
        String history = web.get("/importer").body();
        assertThat(history).contains("&lt;img src=x onerror=alert(1)&gt;.exe").doesNotContain("<img src=x", "etc/");
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(web.get(location.substring(location.indexOf("/importer/"))).body()).doesNotContain("<img src=x");
        // A "</script>" in the name is cut at its slash like a directory.
        HttpResponse<String> script = upload(with("file", Part.file("<script>alert(1)</script>.csv", "text/csv",
                WebSession.fixture("examina.csv"))), "examina");
        assertThat(script.statusCode()).as(script.body()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT file_name FROM import_batch ORDER BY id DESC LIMIT 1").query(String.class).single())
                .isEqualTo("script>.csv");
        assertThat(web.get("/importer").body()).contains("script&gt;.csv").doesNotContain("<script>alert");
    }

    @Test
    void duplicateFieldsAreRefusedAndOnlyTheFirstFileIsRead() {
        Map<String, Long> before = counts();
        refused(upload(with("kind", Part.field("kind", "folkbokforing"), Part.field("kind", "examina"))), "kind",
                "Välj vilken typ av fil du laddar upp.");
        refused(upload(with("municipality", Part.field("municipality", "2380"), Part.field("municipality", "2361"))),
                "municipality", "Kommunkoden ska vara fyra siffror");
        refused(upload(with("asOf", Part.field("asOf", "2026-11-01"), Part.field("asOf", "2026-11-02"))), "asOf",
                "Uttagsdatum ska vara ett datum på formen ÅÅÅÅ-MM-DD.");
        refused(upload(with("file", Part.file("tom.csv", "text/csv", new byte[0]),
                Part.file("ok.csv", "text/csv", WebSession.fixture(VALID_FILE)))), "file", "Filen är tom.");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void anUploadWithoutAValidCsrfTokenIsRefusedAndStoresNothing() {
        Map<String, Long> before = counts();
        assertThat(upload(web, null, valid("kind", "folkbokforing")).statusCode()).isEqualTo(403);
        assertThat(upload(web, "", valid("kind", "folkbokforing")).statusCode()).isEqualTo(403);
        assertThat(upload(web, "<script>alert(1)</script>", valid("kind", "folkbokforing")).statusCode()).isEqualTo(403);
        WebSession other = new WebSession(port);
        other.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        assertThat(upload(web, csrf(other), valid("kind", "folkbokforing")).statusCode())
                .as("a token of another session").isEqualTo(403);
        assertThat(counts()).isEqualTo(before);
        // The same request with the session's token goes through: the refusals above were the token's.
        assertThat(upload(valid("kind", "folkbokforing")).statusCode()).isEqualTo(302);
    }

    // --- helpers

    /** The parts of a valid upload of the folkbokföring fixture, with {@code field} set to {@code value}. */
    private List<Part> valid(String field, String value) {
        List<Part> parts = validParts();
        parts.replaceAll(p -> p.name().equals(field) && p.fileName() == null ? Part.field(field, value) : p);
        return parts;
    }

    private static List<Part> validParts() {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.field("kind", "folkbokforing"));
        parts.add(Part.field("municipality", "2380"));
        parts.add(Part.field("asOf", "2026-11-01"));
        parts.add(Part.file("fil.csv", "text/csv", WebSession.fixture(VALID_FILE)));
        return parts;
    }

    private static List<Part> without(String name) {
        List<Part> parts = validParts();
        parts.removeIf(p -> p.name().equals(name));
        return parts;
    }

    /** The valid parts with those named {@code name} replaced by {@code replacements}, in place. */
    private static List<Part> with(String name, Part... replacements) {
        List<Part> parts = new ArrayList<>();
        boolean added = false;
        for (Part p : validParts()) {
            if (p.name().equals(name)) {
                if (!added) {
                    parts.addAll(List.of(replacements));
                    added = true;
                }
            } else {
                parts.add(p);
            }
        }
        return parts;
    }

    private HttpResponse<String> upload(List<Part> parts) {
        return upload(web, csrf(web), parts);
    }

    /** The parts as an upload of another kind (no snapshot date). */
    private HttpResponse<String> upload(List<Part> parts, String kind) {
        List<Part> changed = new ArrayList<>(parts);
        changed.replaceAll(p -> p.name().equals("kind") ? Part.field("kind", kind)
                : p.name().equals("asOf") ? Part.field("asOf", "") : p);
        return upload(changed);
    }

    private static String csrf(WebSession session) {
        return session.csrf();
    }

    private static HttpResponse<String> upload(WebSession session, String token, List<Part> parts) {
        List<Part> all = new ArrayList<>();
        if (token != null) {
            all.add(Part.field("_csrf", token));
        }
        all.addAll(parts);
        String boundary = "----kaa" + UUID.randomUUID();
        return session.send(HttpRequest.newBuilder(session.uri("/importer"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, all))).build());
    }

    private static byte[] multipart(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + p.name() + "\"");
            if (p.fileName() != null) {
                head.append("; filename=\"").append(p.fileName().replace("\"", "%22")).append("\"");
            }
            head.append("\r\n");
            if (p.contentType() != null) {
                head.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The upload page again: 400, the Swedish error linked to the field, nothing of the request raw. */
    private static void refused(HttpResponse<String> r, String field, String swedish) {
        String what = field + " (" + r.statusCode() + ")";
        assertThat(r.statusCode()).as(what + ": " + errorParagraph(r.body())).isEqualTo(400);
        assertThat(r.body()).as(what).contains("id=\"upload-error\"", "Filen kunde inte importeras",
                "href=\"#" + field + "\"", swedish);
        assertThat(r.body()).as(what).doesNotContain("<script>alert", "\u0000", "\u001b");
    }

    private static String errorParagraph(String html) {
        int at = html.indexOf("id=\"upload-error\"");
        if (at < 0) {
            return html.length() > 300 ? html.substring(0, 300) : html;
        }
        int end = html.indexOf("</div>", at);
        return html.substring(html.indexOf("<a", at), end);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }
}
