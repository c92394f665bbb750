package se.kaa.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import se.kaa.security.Role;
import se.kaa.security.internal.ApiKeys;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.SecondInstance;

/**
 * 250 clients that send the body of a {@code POST /login} a byte a second, as a slow-loris attack
 * would, must not make the application unreachable: a body is read without holding a worker thread,
 * and one that takes longer than {@code kaa.platform.web.body-read-timeout} is cut. Runs on an instance
 * of its own (same settings and database) with that time at 3 seconds, so the test is quick.
 */
@KaaIntegrationTest
class SlowClientsTest {

    static final int SLOW_CLIENTS = 250;
    static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(3);

    static ConfigurableApplicationContext instance;

    @BeforeAll
    static void start(@Autowired ApplicationContext shared) {
        instance = SecondInstance.start(shared, Map.of("kaa.platform.web.body-read-timeout", BODY_READ_TIMEOUT.toSeconds() + "s"));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void slowBodiesNeitherStarveTheServerNorStayForever() throws Exception {
        int port = SecondInstance.port(instance);
        String key = instance.getBean(ApiKeys.class).create("Elevregistret", Role.SYSTEM, Set.of(MunicipalityCode.of("2380")),
                Instant.parse("2030-01-01T00:00:00Z"), "test").secret();
        List<Socket> slow = new ArrayList<>();
        Set<Socket> cut = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.getOutputStream().write(("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\nusername=")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            Instant opened = Instant.now();
            // a byte a second on every connection, for at most 60 seconds
            trickle.scheduleAtFixedRate(() -> {
                for (Socket socket : slow) {
                    if (!cut.contains(socket)) {
                        try {
                            OutputStream out = socket.getOutputStream();
                            out.write('a');
                            out.flush();
                        } catch (IOException e) {
                            cut.add(socket);
                        }
                    }
                }
            }, 1, 1, TimeUnit.SECONDS);
            Thread.sleep(500);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long started = System.nanoTime();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Duration pageTook = Duration.ofNanos(System.nanoTime() - started);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(pageTook).as("GET /login with %d slow clients", SLOW_CLIENTS).isLessThan(Duration.ofSeconds(2));

            started = System.nanoTime();
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/target-group/members?municipality=2380"))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration apiTook = Duration.ofNanos(System.nanoTime() - started);
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(apiTook).as("an API request with %d slow clients", SLOW_CLIENTS).isLessThan(Duration.ofSeconds(2));

            // every slow connection is answered 408 and closed once its body has taken too long
            Instant deadline = opened.plus(BODY_READ_TIMEOUT).plusSeconds(10);
            int answered408 = 0;
            for (Socket socket : slow) {
                String answer = readUntilClosed(socket, deadline);
                if (answer == null) {
                    continue; // still open at the deadline
                }
                cut.add(socket);
                if (answer.startsWith("HTTP/1.1 408")) {
                    answered408++;
                }
            }
            assertThat(cut).as("slow connections cut").hasSize(SLOW_CLIENTS);
            assertThat(answered408).as("answered 408 Request Timeout").isEqualTo(SLOW_CLIENTS);
            assertThat(Duration.between(opened, Instant.now())).isLessThan(BODY_READ_TIMEOUT.plusSeconds(10));
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** What the server sent before it closed the connection, or null when it is still open at the deadline. */
    private static String readUntilClosed(Socket socket, Instant deadline) throws IOException {
        StringBuilder answer = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return null;
            } catch (IOException e) {
                return answer.toString(); // reset by the server
            }
            if (n < 0) {
                return answer.toString();
            }
            answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
    }
}
