package se.kaa.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.kaa.security.Role;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestUsers;

/**
 * JSON and form bodies are bounded ({@code kaa.platform.web.max-body}, 1 MB): a larger one is refused
 * with 413 before it is parsed – by its Content-Length, or as it arrives when it has none (chunked) –
 * with problem details in Swedish naming the limit in the API and the Swedish error page for a form.
 * The request that is let through still meets every filter (sign-in, CSRF) as before.
 */
@KaaIntegrationTest
class RequestBodyLimitTest {

    /** 1.5 MB of case ids: what a client sending "every case" would post, and more than the limit. */
    static final String HUGE_CASE_IDS = "{\"caseIds\":[" + IntStream.range(0, 150_000).mapToObj(i -> "\"" + (1_000_000 + i) + "\"")
            .collect(Collectors.joining(",")) + "]}";

    @LocalServerPort int port;
    @Autowired TestUsers users;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void setUp() {
        users.ensure();
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedByItsLengthBeforeAnyOfItIsRead() throws Exception {
        // 41 MB announced, a few bytes sent: the answer comes at once, and the connection is closed
        // without waiting for the rest (no thread waits to read and discard it)
        long started = System.nanoTime();
        String answer = raw("POST /api/v1/letters HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestUsers.basic(Role.HANDLAGGARE)
                + "\r\nContent-Type: application/json\r\nContent-Length: 43000000\r\n\r\n{\"caseIds\":[", null);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(3));
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"type\":\"urn:kaa:problem:body-too-large\"", "\"status\":413", "\"title\":\"För stor begäran\"",
                "större än de 1 MB som tillåts");
    }

    @Test
    void aChunkedJsonBodyOverTheLimitIsRefusedAsItArrives() throws Exception {
        String answer = raw("POST /api/v1/letters HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestUsers.basic(Role.HANDLAGGARE)
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", HUGE_CASE_IDS);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("urn:kaa:problem:body-too-large", "större än de 1 MB som tillåts");
    }

    @Test
    void aValidButHugeBodyIsRefusedBeforeItIsParsed() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("/api/v1/letters"))
                .header("Authorization", TestUsers.basic(Role.HANDLAGGARE)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HUGE_CASE_IDS)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("urn:kaa:problem:body-too-large");

        HttpResponse<String> small = http.send(HttpRequest.newBuilder(uri("/api/v1/letters"))
                .header("Authorization", TestUsers.basic(Role.HANDLAGGARE)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"caseIds\": [")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).as("a body under the limit is parsed, and this one is broken").isEqualTo(400);
        assertThat(small.body()).contains("giltig JSON");
    }

    @Test
    void aClientStillSendingAModestlyOversizedBodyReceivesTheWhole413() throws Exception {
        // refused by its Content-Length, 1.5 MB still to come: the server reads and discards the rest
        // before it answers and closes, so no write of the client meets a reset connection and the
        // answer arrives whole (closed at once, the later writes broke the pipe and the answer was lost)
        byte[] body = HUGE_CASE_IDS.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/letters HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestUsers.basic(Role.HANDLAGGARE)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the server has decided by now
            for (int from = 0; from < body.length; from += 8192) {
                out.write(body, from, Math.min(8192, body.length - from));
                out.flush();
                if (from % (256 * 1024) == 0) {
                    Thread.sleep(20);
                }
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("urn:kaa:problem:body-too-large");
        }
    }

    @Test
    void aFormOverTheLimitGetsTheSwedishErrorPageNamingTheLimit() throws Exception {
        String form = "username=" + "a".repeat(1_100_000) + "&password=x";
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(refused.body()).contains("<html lang=\"sv\"", "<title>Något gick fel – KAA</title>",
                "Begärans innehåll är större än de 1 MB som tillåts.");
    }

    @Test
    void aFormUnderTheLimitStillMeetsTheCsrfCheck() throws Exception {
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + KaaIntegrationTest.USER + "&password="
                        + KaaIntegrationTest.PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).as("refused by the CSRF filter after the body was read").isEqualTo(403);
    }

    private java.net.URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Sends the head and then the body (chunked when given) over a plain socket; the whole answer. */
    private String raw(String head, String chunkedBody) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (chunkedBody != null) {
                byte[] bytes = chunkedBody.getBytes(StandardCharsets.UTF_8);
                try {
                    for (int from = 0; from < bytes.length; from += 16_384) {
                        int n = Math.min(16_384, bytes.length - from);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(bytes, from, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before the rest was sent: read what it said
                }
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // reset after the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
