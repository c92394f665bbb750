package se.kaa.casework.letters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A generic HTTP SMS provider ({@code kaa.casework.messages.sms.*}, read at every call):
 * <ul>
 * <li>send: {@code POST url} with {@code Authorization: Bearer token} and
 * {@code {"to": "...", "from": "...", "message": "..."}}; a 2xx answer {@code {"id": "..."}};</li>
 * <li>delivery status (polled by the sender): {@code GET url/{id}} answering
 * {@code {"status": "DELIVERED" | "FAILED" | anything else = pending}}.</li>
 * </ul>
 */
@Component
@Order(100)
class HttpSmsGateway implements SmsGateway {

    private final MessageSettings settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpSmsGateway(MessageSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    public boolean available() {
        return settings.current().sms().configured();
    }

    @Override
    public String send(String to, String text) {
        LettersProperties.Sms sms = settings.current().sms();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("to", to);
        body.put("from", sms.sender());
        body.put("message", text);
        HttpRequest request = authorised(HttpRequest.newBuilder(URI.create(sms.url())), sms)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() / 100 != 2) {
            throw new SmsException("SMS provider answered HTTP " + response.statusCode());
        }
        try {
            JsonNode id = json.readTree(response.body()).get("id");
            if (id == null || id.isNull()) {
                throw new SmsException("SMS provider answered without an id");
            }
            return id.asString();
        } catch (RuntimeException e) {
            if (e instanceof SmsException) {
                throw e;
            }
            throw new SmsException("SMS provider answered unreadable JSON");
        }
    }

    @Override
    public Optional<DeliveryStatus> status(String providerId) {
        LettersProperties.Sms sms = settings.current().sms();
        String base = sms.url().endsWith("/") ? sms.url() : sms.url() + "/";
        HttpRequest request = authorised(HttpRequest.newBuilder(URI.create(base
                + java.net.URLEncoder.encode(providerId, StandardCharsets.UTF_8))), sms).GET().build();
        try {
            HttpResponse<String> response = exchange(request);
            if (response.statusCode() / 100 != 2) {
                return Optional.empty();
            }
            JsonNode status = json.readTree(response.body()).get("status");
            String value = status == null ? "" : status.asString().toUpperCase(Locale.ROOT);
            return Optional.of(switch (value) {
                case "DELIVERED" -> DeliveryStatus.DELIVERED;
                case "FAILED", "UNDELIVERABLE", "REJECTED" -> DeliveryStatus.FAILED;
                default -> DeliveryStatus.PENDING;
            });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder builder, LettersProperties.Sms sms) {
        builder.timeout(Duration.ofSeconds(20));
        if (sms.token() != null && !sms.token().isBlank()) {
            builder.header("Authorization", "Bearer " + sms.token());
        }
        return builder;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SmsException("SMS provider unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException("Interrupted");
        }
    }
}
