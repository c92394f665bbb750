package se.kaa.casework;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.casework.letters.OutboxSender;
import se.kaa.security.Role;
import se.kaa.testsupport.Browser;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail through an in-process SMTP server (GreenMail), SMS through a fake provider over real HTTP
 * (a failure, a retry, then success and delivery), and the default outbox mode, where staff send by
 * hand and mark as sent. Each message that goes out is one contact attempt. The settings are switched
 * by a property source of this test, read by the application at every send.
 */
@KaaIntegrationTest
class MessageTest {

    static final String SOURCE = "message-test";

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;
    @Autowired ConfigurableEnvironment environment;
    @Autowired OutboxSender sender;

    LetterCases cases;
    GreenMail smtp;
    HttpServer provider;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        cases = new LetterCases(port, jdbc);
        for (long id : List.of(cases.alva(), cases.dana())) {
            jdbc.sql("""
                    INSERT INTO casework_contact_details (case_id, phone, email, updated_by, updated_at)
                    VALUES (?, '+46701740605', 'alva@example.org', 'test', now())""").param(id).update();
        }
    }

    @AfterEach
    void tearDown() {
        environment.getPropertySources().remove(SOURCE);
        if (smtp != null) {
            smtp.stop();
        }
        if (provider != null) {
            provider.stop(0);
        }
    }

    void settings(Map<String, Object> settings) {
        environment.getPropertySources().remove(SOURCE);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, settings));
    }

    @Test
    void anEmailGoesOutThroughSmtpAndIsLoggedAsAContactAttempt() throws Exception {
        smtp = new GreenMail(com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        settings(Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", smtp.getSmtp().getPort(),
                "kaa.casework.messages.mail-from", "kaa@ostersund.example"));
        WebSession web = cases.handlaggare();
        HttpResponse<String> queued = web.post("/arenden/" + cases.alva() + "/meddelanden",
                Map.of("channel", "EMAIL", "subject", "Hej från kommunen", "body", "Vi vill gärna prata med dig. Ring oss!"));
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(302);
        assertThat(status(cases.alva())).isEqualTo("QUEUED");
        assertThat(attempts(cases.alva())).isZero();

        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Hej från kommunen");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alva@example.org");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("kaa@ostersund.example");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("Vi vill g");
        assertThat(status(cases.alva())).isEqualTo("SENT");
        assertThat(jdbc.sql("SELECT channel || ' ' || outcome FROM casework_contact_attempt WHERE case_id = ?")
                .param(cases.alva()).query(String.class).list()).containsExactly("EMAIL SENT");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'MESSAGE_SENT'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void anSmsIsRetriedAfterAProviderFailureThenDeliveredAndLoggedOnce() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> tokens = new CopyOnWriteArrayList<>();
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/sms", exchange -> {
            tokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
            if ("POST".equals(exchange.getRequestMethod())) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                if (posts.incrementAndGet() == 1) {
                    respond(exchange, 503, "{\"error\": \"busy\"}");
                } else {
                    respond(exchange, 201, "{\"id\": \"sms-42\"}");
                }
            } else if (exchange.getRequestURI().getPath().equals("/sms/sms-42")) {
                respond(exchange, 200, "{\"status\": \"DELIVERED\"}");
            } else {
                respond(exchange, 404, "{}");
            }
        });
        provider.start();
        settings(Map.of("kaa.casework.messages.sms.url", "http://127.0.0.1:" + provider.getAddress().getPort() + "/sms",
                "kaa.casework.messages.sms.token", "hemlig-token", "kaa.casework.messages.retry-delay", "10m"));

        WebSession web = cases.handlaggare();
        assertThat(web.post("/arenden/" + cases.alva() + "/meddelanden",
                Map.of("channel", "SMS", "body", "Hej Alva! Ring oss på 063-14 30 00.")).statusCode()).isEqualTo(302);

        assertThat(sender.sendDue()).as("the provider is busy").isZero();
        Map<String, Object> failed = row(cases.alva());
        assertThat(failed.get("status")).isEqualTo("QUEUED");
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat((String) failed.get("last_error")).contains("503");
        assertThat(sender.sendDue()).as("not due before the back-off").isZero();

        clock.advance(java.time.Duration.ofMinutes(11));
        assertThat(sender.sendDue()).isEqualTo(1);
        Map<String, Object> sent = row(cases.alva());
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("attempts")).isEqualTo(2);
        assertThat(sent.get("provider_id")).isEqualTo("sms-42");
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).contains("\"to\":\"+46701740605\"", "Hej Alva!");
        assertThat(tokens).allMatch("Bearer hemlig-token"::equals);

        assertThat(sender.pollDeliveries()).isEqualTo(1);
        assertThat(status(cases.alva())).isEqualTo("DELIVERED");
        assertThat(jdbc.sql("SELECT channel || ' ' || outcome FROM casework_contact_attempt WHERE case_id = ?")
                .param(cases.alva()).query(String.class).list()).containsExactly("SMS SENT");
    }

    @Test
    void anSmsFailsForGoodAfterTheMaximumAttempts() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/sms", exchange -> respond(exchange, 500, "{}"));
        provider.start();
        settings(Map.of("kaa.casework.messages.sms.url", "http://127.0.0.1:" + provider.getAddress().getPort() + "/sms",
                "kaa.casework.messages.retry-delay", "0s", "kaa.casework.messages.max-attempts", "2"));
        WebSession web = cases.handlaggare();
        web.post("/arenden/" + cases.alva() + "/meddelanden", Map.of("channel", "SMS", "body", "Hej!"));
        sender.sendDue();
        sender.sendDue();
        assertThat(status(cases.alva())).isEqualTo("FAILED");
        assertThat(attempts(cases.alva())).isZero();
    }

    @Test
    void withoutAGatewayMessagesWaitInTheOutboxUntilMarkedSent() {
        WebSession web = cases.handlaggare();
        assertThat(web.post("/arenden/" + cases.alva() + "/meddelanden",
                Map.of("channel", "SMS", "body", "Hej Alva, hör av dig!")).statusCode()).isEqualTo(302);
        assertThat(status(cases.alva())).isEqualTo("MANUAL");
        assertThat(sender.sendDue()).isZero();

        HttpResponse<String> outbox = web.get("/arenden/utskick");
        assertThat(outbox.statusCode()).isEqualTo(200);
        assertThat(outbox.body()).contains("+46701740605", "Hej Alva, hör av dig!", "Markera som skickat");
        long id = (Long) row(cases.alva()).get("id");
        assertThat(web.post("/arenden/utskick/" + id + "/skickat", Map.of()).statusCode()).isEqualTo(302);
        assertThat(status(cases.alva())).isEqualTo("SENT");
        assertThat(attempts(cases.alva())).isEqualTo(1);
        assertThat(web.post("/arenden/utskick/" + id + "/skickat", Map.of()).statusCode()).as("only once").isEqualTo(409);
        assertThat(attempts(cases.alva())).isEqualTo(1);
    }

    @Test
    void aMessageStuckInSendingPastTheTimeoutIsSetAsideForAPersonAndCanThenBeMarkedSentOrRequeued() {
        WebSession web = cases.handlaggare();
        for (String text : List.of("Fastnade för länge sedan", "Fastnade nyss", "Fastnade också")) {
            assertThat(web.post("/arenden/" + cases.alva() + "/meddelanden", Map.of("channel", "SMS", "body", text))
                    .statusCode()).isEqualTo(302);
        }
        List<Long> ids = jdbc.sql("SELECT id FROM casework_outbox ORDER BY id").query(Long.class).list();
        // a sender claimed them and died before the gateway's answer was recorded
        sending(ids.get(0), java.time.Duration.ofMinutes(11));
        sending(ids.get(1), java.time.Duration.ofMinutes(5));
        sending(ids.get(2), java.time.Duration.ofHours(2));
        assertThat(web.post("/arenden/utskick/" + ids.get(0) + "/skickat", Map.of()).statusCode())
                .as("SENDING cannot be marked sent").isEqualTo(409);

        assertThat(sender.recoverStuck()).isEqualTo(2);
        assertThat(statusOf(ids.get(0))).isEqualTo("UNCERTAIN");
        assertThat(statusOf(ids.get(1))).as("within the timeout: untouched").isEqualTo("SENDING");
        assertThat(statusOf(ids.get(2))).isEqualTo("UNCERTAIN");
        assertThat(sender.sendDue()).as("never re-sent on its own").isZero();
        assertThat(attempts(cases.alva())).isZero();

        HttpResponse<String> outbox = web.get("/arenden/utskick");
        assertThat(outbox.body()).contains("Kan ha skickats – kontrollera innan du skickar igen", "Fastnade för länge sedan",
                "Lägg i kön igen");
        assertThat(web.post("/arenden/utskick/" + ids.get(0) + "/skickat", Map.of()).statusCode()).isEqualTo(302);
        assertThat(statusOf(ids.get(0))).isEqualTo("SENT");
        assertThat(attempts(cases.alva())).isEqualTo(1);

        assertThat(web.post("/arenden/utskick/" + ids.get(2) + "/ko", Map.of()).statusCode()).isEqualTo(302);
        assertThat(statusOf(ids.get(2))).as("no gateway: back to the outbox").isEqualTo("MANUAL");
        assertThat(web.post("/arenden/utskick/" + ids.get(2) + "/ko", Map.of()).statusCode()).isEqualTo(409);
        assertThat(web.post("/arenden/utskick/987654/ko", Map.of()).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'MESSAGE_REQUEUED'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theSendingTimeoutIsASetting() {
        settings(Map.of("kaa.casework.messages.sending-timeout", "1h"));
        WebSession web = cases.handlaggare();
        web.post("/arenden/" + cases.alva() + "/meddelanden", Map.of("channel", "SMS", "body", "Hej"));
        long id = (Long) row(cases.alva()).get("id");
        sending(id, java.time.Duration.ofMinutes(30));
        assertThat(sender.recoverStuck()).isZero();
        sending(id, java.time.Duration.ofMinutes(61));
        assertThat(sender.recoverStuck()).isEqualTo(1);
    }

    private void sending(long id, java.time.Duration ago) {
        jdbc.sql("UPDATE casework_outbox SET status = 'SENDING', updated_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(clock.instant().minus(ago)), id).update();
    }

    private String statusOf(long id) {
        return jdbc.sql("SELECT status FROM casework_outbox WHERE id = ?").param(id).query(String.class).single();
    }

    @Test
    void noMessageToAProtectedIdentityNorWithoutContactDetails() {
        WebSession web = cases.handlaggare();
        HttpResponse<String> protectedOne = web.post("/arenden/" + cases.dana() + "/meddelanden",
                Map.of("channel", "SMS", "body", "Hej!"));
        assertThat(protectedOne.statusCode()).isEqualTo(422);
        assertThat(protectedOne.body()).contains("skyddad identitet").doesNotContain("+46701740605");
        HttpResponse<String> missing = web.post("/arenden/" + cases.bertil() + "/meddelanden",
                Map.of("channel", "EMAIL", "subject", "Hej", "body", "Hej!"));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.body()).contains("ingen e-postadress");
        HttpResponse<String> invalid = web.post("/arenden/" + cases.alva() + "/meddelanden",
                Map.of("channel", "EMAIL", "subject", "", "body", "Texten finns kvar"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("Fyll i fältet", "Texten finns kvar");
        // a channel that is none of them is asked for again, and her text is kept
        HttpResponse<String> noChannel = web.post("/arenden/" + cases.alva() + "/meddelanden",
                Map.of("channel", "DUVA", "subject", "", "body", "Texten finns också kvar"));
        assertThat(noChannel.statusCode()).isEqualTo(400);
        assertThat(noChannel.body()).contains("Välj sms eller e-post.", "Texten finns också kvar");
        assertThat(jdbc.sql("SELECT count(*) FROM casework_outbox").query(Long.class).single()).isZero();
    }

    @Test
    void theOutboxPageIsAccessible() {
        WebSession web = cases.handlaggare();
        web.post("/arenden/" + cases.alva() + "/meddelanden", Map.of("channel", "SMS", "body", "Hej Alva!"));
        String base = "http://localhost:" + port;
        try (BrowserContext context = Browser.shared().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.getByLabel("Användarnamn").fill(TestUsers.username(Role.HANDLAGGARE));
            page.getByLabel("Lösenord").fill(TestUsers.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in")).click();
            page.navigate(base + "/arenden/utskick");
            assertThat(page.locator("#outbox-manual").textContent()).contains("Hej Alva!");
            Browser.assertAccessible(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Markera som skickat")).first().click();
            assertThat(page.locator("[role=status]").first().textContent()).contains("markerat som skickat");
            Browser.assertAccessible(page);
        }
    }

    private String status(long caseId) {
        return (String) row(caseId).get("status");
    }

    private Map<String, Object> row(long caseId) {
        return jdbc.sql("SELECT * FROM casework_outbox WHERE case_id = ? ORDER BY id DESC LIMIT 1").param(caseId)
                .query().singleRow();
    }

    private long attempts(long caseId) {
        return jdbc.sql("SELECT count(*) FROM casework_contact_attempt WHERE case_id = ?").param(caseId)
                .query(Long.class).single();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
