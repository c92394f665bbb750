package se.kaa.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' one HTTP client against the running application, over real HTTP, redirects not followed:
 * a browser-like session ({@code new WebSession(port)}: form login, its own cookies – localhost counts
 * as secure, like a browser –, the CSRF token of each form) or an API client ({@link #api(int)}: Basic
 * authentication as the test administrator on every request, multipart uploads, JSON).
 */
public final class WebSession {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LocalhostCookies())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private volatile String csrf;

    public WebSession(int port) {
        this(port, null);
    }

    private WebSession(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** An API client: every request carries Basic authentication as the test administrator ({@link #basic()}). */
    public static WebSession api(int port) {
        return new WebSession(port, basic());
    }

    /** An API client signed in with {@code authorization} on every request, e.g. {@code TestUsers.basic(role)}. */
    public static WebSession api(int port, String authorization) {
        return new WebSession(port, authorization);
    }

    /** Basic authentication of the test administrator ({@link KaaIntegrationTest#USER}). */
    public static String basic() {
        return basic(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
    }

    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A file of {@code src/test/resources/intake/}. */
    public static byte[] fixture(String name) {
        try (InputStream in = WebSession.class.getResourceAsStream("/intake/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Where a redirect points ("" when none). */
    public static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
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

    /** A page in this session; for an API client, the resource as JSON. */
    public HttpResponse<String> get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization == null) {
            request.header("Accept", "text/html");
        }
        return send(request.build());
    }

    /** A GET with an authorization of its own (Basic, an API key …) instead of this client's. */
    public HttpResponse<String> get(String path, String authorization) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).build());
    }

    /** POSTs a form from the page at {@code formPage}, with the CSRF token that page carries. */
    public HttpResponse<String> postForm(String formPage, String action, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", tokenOf(get(formPage).body()));
        return postRaw(action, form(all));
    }

    /** POSTs a form body as it is (no CSRF token added). */
    public HttpResponse<String> postRaw(String action, String body) {
        return send(HttpRequest.newBuilder(uri(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Any method with a JSON body (none when {@code body} is null), answered as JSON. */
    public HttpResponse<String> request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request.build());
    }

    public HttpResponse<String> postJson(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** POSTs {@code file} as multipart field {@code file}, with further text fields. */
    public HttpResponse<String> upload(String path, String fileName, byte[] content, Map<String, String> fields,
                                       String authorization, Map<String, String> headers) {
        String boundary = "----kaa" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, content, fields)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return sendWith(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), false);
    }

    public HttpResponse<String> upload(String path, String fileName, byte[] content) {
        return upload(path, fileName, content, Map.of(), authorization == null ? basic() : authorization, Map.of());
    }

    /**
     * Uploads a folkbokföring snapshot that moves enough of a small test municipality out to be held
     * (202, {@code AWAITING_CONFIRMATION}), and confirms it as the administrator would; returns the
     * confirmation's answer (200 with the report).
     */
    public HttpResponse<String> uploadHeldAndConfirm(String path, String fileName, byte[] content) {
        HttpResponse<String> held = upload(path, fileName, content);
        if (held.statusCode() != 202 || !json(held).get("status").asString().equals("AWAITING_CONFIRMATION")) {
            throw new AssertionError("expected the snapshot to be held (202): " + held.statusCode() + " " + held.body());
        }
        return postJson("/api/v1/imports/" + json(held).get("id").asLong() + "/confirm", "", Map.of());
    }

    public static byte[] multipart(String boundary, String fileName, byte[] content, Map<String, String> fields) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            for (var field : new LinkedHashMap<>(fields).entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (content != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
        String body = form(all);
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

    /** Sends in this client: its cookies, and an API client's authorization unless the request has one. */
    public HttpResponse<String> send(HttpRequest request) {
        return sendWith(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends in this session (its cookies) with any body handler, e.g. bytes for a PDF download. */
    public <T> HttpResponse<T> sendWith(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendWith(request, handler, true);
    }

    private <T> HttpResponse<T> sendWith(HttpRequest request, HttpResponse.BodyHandler<T> handler, boolean authorize) {
        if (authorize && authorization != null && request.headers().firstValue("Authorization").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", authorization).build();
        }
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A path of the application, or an absolute address as it stands (a redirect to an identity provider). */
    public URI uri(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create("http://localhost:" + port + pathOrUrl);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
