package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.HeapSampler;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;

/**
 * The memory of bulk letters: the most a request may ask for, 500 letters ({@code -Dbenchmark.letters}),
 * through {@code POST /api/v1/letters}, with the peak of used heap sampled every 2 ms (after a full GC
 * before the run), the time and the PDF size. Run it with a production-like heap limit to see that
 * the cap bounds the memory:
 *
 * <pre>
 * ./mvnw -q -B -T1 test -Dtest=LetterBenchmark -Dkaa.benchmark=true -DargLine=-Xmx256m -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The persons are generated straight in the database and their identity numbers are not personnummer
 * at all ({@code L0000000001}, …).
 */
@KaaIntegrationTest
@EnabledIfSystemProperty(named = "kaa.benchmark", matches = "true")
class LetterBenchmark {

    static final int LETTERS = Integer.getInteger("benchmark.letters", 500);

    @LocalServerPort int port;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @Test
    void fiveHundredLettersInOneRequest() throws Exception {
        cleaner.clean();
        clock.reset();
        users.ensure();
        jdbc.sql("""
                INSERT INTO person (pnr, birth_date, given_name, family_name, address, postal_code, city)
                SELECT 'L' || lpad(CAST(i AS text), 11, '0'), DATE '2008-01-01' + i % 365, 'Förnamn' || i,
                       'Efternamn' || i, 'Storgatan ' || i, '83130', 'Östersund'
                FROM generate_series(1, :n) i""").param("n", LETTERS).update();
        List<Long> ids = jdbc.sql("""
                INSERT INTO casework_case (person_id, municipality, status, entered, reason, created_at, updated_at)
                SELECT id, '2380', 'OPEN', DATE '2026-10-01', 'AVBROTT', now(), now() FROM person WHERE pnr LIKE 'L%'
                RETURNING id""").query(Long.class).list();
        String body = "{\"caseIds\": " + ids + ", \"template\": \"INFORMATION\"}";
        HttpClient http = HttpClient.newHttpClient();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%nLetter benchmark: %d letters, max heap %d MB, %d processors%n", ids.size(),
                rt.maxMemory() >> 20, rt.availableProcessors());

        // warm up both paths once (class loading, template and font caches)
        send(http, "{\"caseIds\": " + ids.subList(0, 30) + ", \"template\": \"INFORMATION\"}");

        report("POST /api/v1/letters", () -> {
            HttpResponse<InputStream> r = send(http, body);
            assertThat(r.statusCode()).isEqualTo(200);
            try (InputStream in = r.body()) {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private HttpResponse<InputStream> send(HttpClient http, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/letters"))
                    .header("Authorization", TestUsers.basic(Role.HANDLAGGARE))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(String what, Supplier<Long> run) throws InterruptedException {
        HeapSampler heap = HeapSampler.afterGc(2);
        long t = System.nanoTime();
        long bytes = run.get();
        long ms = (System.nanoTime() - t) / 1_000_000;
        heap.stop();
        System.out.printf(Locale.ROOT, "  %-55s heap peak %5d MB (+%4d MB over %3d MB before), largest left after a GC %d MB  %6d ms  PDF %6d kB%n",
                what, heap.peak.get() >> 20, (heap.peak.get() - heap.baseline) >> 20, heap.baseline >> 20,
                heap.livePeak.get() >> 20, ms, bytes >> 10);
    }

}
