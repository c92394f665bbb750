package se.kaa.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.kaa.testsupport.KaaIntegrationTest;

/** Real HTTP against the running application: Basic auth, multipart uploads, JSON. */
public final class IntakeHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public IntakeHttp(int port) {
        this.port = port;
    }

    public static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (KaaIntegrationTest.USER + ":" + KaaIntegrationTest.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] fixture(String name) {
        try (InputStream in = IntakeHttp.class.getResourceAsStream("/intake/" + name)) {
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

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
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
        return send(request.build());
    }

    public HttpResponse<String> upload(String path, String fileName, byte[] content) {
        return upload(path, fileName, content, Map.of(), basic(), Map.of());
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

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic()).build());
    }

    public HttpResponse<String> postJson(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
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

    public static byte[] multipart(String boundary, String fileName, byte[] content, Map<String, String> fields) {
        var out = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        try {
            for (var field : all.entrySet()) {
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
}
