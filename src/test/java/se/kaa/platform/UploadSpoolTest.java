package se.kaa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.servlet.MultipartConfigElement;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.multipart.MultipartException;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.FullDisk;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.WebSession;

/**
 * Uploads are spooled under the data directory – never the machine's shared temp directory – and the
 * files a crash left there are deleted at the next start; a full disk while an upload is written is a
 * 507 with a Swedish reason in the API and on the upload page, and nothing is imported.
 */
@KaaIntegrationTest
class UploadSpoolTest {

    @LocalServerPort int port;
    @Autowired FullDisk disk;
    @Autowired UploadSpool spool;
    @Autowired MultipartConfigElement multipart;
    @Autowired PlatformProperties platform;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseCleaner database;

    @BeforeEach
    void setUp() {
        database.clean();
    }

    @AfterEach
    void freeTheDisk() {
        disk.free();
    }

    @Test
    void uploadsAreSpooledUnderTheDataDirectoryReadableByTheApplicationOnly() throws IOException {
        Path expected = platform.dataDir().resolve("spool").toAbsolutePath().normalize();
        assertThat(spool.directory()).isEqualTo(expected);
        assertThat(Path.of(multipart.getLocation())).as("the servlet container's multipart parts").isEqualTo(expected);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(expected)))
                .isEqualTo("rwx------");
    }

    @Test
    void filesLeftInTheSpoolByACrashAreDeletedAtStartAndCountedNotNamed() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "spool-test", UUID.randomUUID().toString()));
        Path spoolDir = Files.createDirectories(dir.resolve("spool"));
        Files.writeString(spoolDir.resolve("upload-200701012387.part"), "personnummer;…\n200701012387;Åsa\n");
        Files.writeString(spoolDir.resolve("upload_3b1f.tmp"), "a multipart part");
        ListAppender<ILoggingEvent> log = capture();
        try {
            new UploadSpool(new PlatformProperties(dir, List.of(), false, 0, false, 10));
        } finally {
            release(log);
        }
        try (Stream<Path> left = Files.list(spoolDir)) {
            assertThat(left).isEmpty();
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).startsWith("Deleted 2 upload files left in"))
                .noneSatisfy(m -> assertThat(m).contains("200701012387"));
    }

    @Test
    void theOperatingSystemsFullDiskErrorIsRecognisedAlsoInsideAMultipartFailure() {
        IOException enospc = null;
        try {
            Files.write(Path.of("/dev/full"), new byte[]{1});
        } catch (IOException e) {
            enospc = e;
        }
        assertThat(enospc).as("the kernel's ENOSPC").isNotNull();
        assertThat(UploadSpool.isDiskFull(enospc)).isTrue();
        assertThat(UploadSpool.isDiskFull(new MultipartException("Failed to parse multipart servlet request",
                new IllegalStateException(enospc)))).isTrue();
        assertThat(UploadSpool.isDiskFull(new IOException("Connection reset by peer"))).isFalse();
    }

    @Test
    void anUploadOnAFullDiskIsA507WithProblemDetailsAndNothingIsImported() throws IOException {
        disk.fill();
        HttpResponse<String> response = WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-01-15",
                "folkbokforing.csv", WebSession.fixture("folkbokforing-bom.csv"));

        assertThat(response.statusCode()).isEqualTo(507);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(WebSession.json(response).get("type").asString()).isEqualTo("urn:kaa:problem:insufficient-storage");
        assertThat(WebSession.json(response).get("title").asString()).isEqualTo("Inte tillräckligt med lagringsutrymme");
        assertThat(WebSession.json(response).get("detail").asString()).startsWith("Servern har inte plats att ta emot filen");
        assertThat(jdbc.sql("SELECT count(*) FROM import_batch").query(Integer.class).single()).isZero();
        try (Stream<Path> left = Files.list(spool.directory())) {
            assertThat(left).as("the half-written file is removed").isEmpty();
        }

        disk.free();
        assertThat(WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-01-15",
                "folkbokforing.csv", WebSession.fixture("folkbokforing-bom.csv")).statusCode()).isEqualTo(201);
    }

    @Test
    void onTheUploadPageAFullDiskIsSaidInSwedish() {
        WebSession session = new WebSession(port);
        assertThat(session.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD).statusCode()).isEqualTo(302);
        disk.fill();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", session.csrf());
        fields.put("kind", "folkbokforing");
        fields.put("municipality", "2380");
        fields.put("asOf", "2026-01-15");
        String boundary = "----kaa" + UUID.randomUUID();
        HttpResponse<String> page = session.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/importer"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(WebSession.multipart(boundary, "folkbokforing.csv",
                        WebSession.fixture("folkbokforing-bom.csv"), fields))).build());

        assertThat(page.statusCode()).isEqualTo(507);
        assertThat(page.body()).contains("Servern har inte plats att ta emot filen just nu. Ingenting har importerats.");
        assertThat(jdbc.sql("SELECT count(*) FROM import_batch").query(Integer.class).single()).isZero();
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) org.slf4j.LoggerFactory.getLogger(UploadSpool.class)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) org.slf4j.LoggerFactory.getLogger(UploadSpool.class)).detachAppender(appender);
    }
}
