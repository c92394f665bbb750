package se.kaa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A browser-like session over real HTTP: form login, cookies, the CSRF token of each form. */
public final class WebSession {

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LocalhostCookies())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private volatile String csrf;

    public WebSession(int port) {
        this.port = port;
    }

    /** A session signed in as the test administrator ({@link KaaIntegrationTest#USER}), every grant. */
    public static WebSession signedIn(int port) {
        WebSession session = new WebSession(port);
        HttpResponse<String> login = session.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        if (login.statusCode() != 302) {
            throw new IllegalStateException("sign-in answered " + login.statusCode());
        }
        return session;
    }

    /** The CSRF token of the first form on a page. */
    public static String tokenOf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the page");
        }
        return m.group(1);
    }

    /** A download in this session, e.g. a PDF. */
    public HttpResponse<byte[]> getBytes(String path) {
        return sendWith(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Logs in through the login form; the response is the form's answer (302 on success). */
    public HttpResponse<String> login(String username, String password) {
        return post("/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
    }

    /**
     * POSTs a form with this session's CSRF token: read once from the login page and kept until the
     * session signs in or out (Spring Security issues a new token at both).
     */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        boolean newSession = path.equals("/login") || path.equals("/logout");
        String kept = newSession ? null : csrf;
        HttpResponse<String> response = post(path, fields, kept == null ? csrf() : kept, newSession);
        if (response.statusCode() == 403 && kept != null) {
            // the server ended the session meanwhile (its token with it): as a browser would, with a fresh page
            response = post(path, fields, csrf(), newSession);
        }
        return response;
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, String token, boolean newSession) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", token);
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        csrf = newSession ? null : token;
        return response;
    }

    /** A CSRF token of this session, from the login page (public, and carries the form's token). */
    public String csrf() {
        String page = get("/login").body();
        return page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends in this session (its cookies) with any body handler, e.g. bytes for a PDF download. */
    public <T> HttpResponse<T> sendWith(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
