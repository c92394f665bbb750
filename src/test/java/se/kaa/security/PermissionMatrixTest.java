package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * Every request mapping of the application has a decision in {@link PermissionMatrix}, and every
 * one of them, called over HTTP by a user of each role, answers as the matrix says: 403 when the role
 * is not listed, anything but 401/403 when it is. An endpoint added without a decision fails here.
 */
@KaaIntegrationTest
class PermissionMatrixTest {

    @LocalServerPort int port;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired TestUsers users;
    @Autowired DatabaseCleaner database;

    record Endpoint(HttpMethod method, String pattern) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint o) {
            return (pattern + method).compareTo(o.pattern + o.method);
        }

        boolean api() {
            return pattern.startsWith("/api/") || pattern.startsWith("/v3/");
        }

        /** The pattern with each variable filled in with a value that names nothing that exists. */
        String path() {
            return pattern.replace("{kind}", "folkbokforing").replace("{personId}", "00000000-0000-0000-0000-000000000001")
                    .replaceAll("\\{[^}]+}", "999999");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void setUp() {
        database.clean();
        users.ensure();
    }

    Set<Endpoint> endpoints() {
        Set<Endpoint> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint(HttpMethod.GET, pattern));
                } else {
                    methods.forEach(m -> endpoints.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern)));
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyRequestMappingHasADecisionInTheMatrix() {
        Set<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("the application's request mappings").hasSizeGreaterThan(15);
        List<Endpoint> undecided = endpoints.stream()
                .filter(e -> PermissionMatrix.decide(e.method(), e.pattern()).isEmpty()).toList();
        assertThat(undecided).as("endpoints without an entry in PermissionMatrix (and docs/security.md)").isEmpty();
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheMatrixSays() throws InterruptedException {
        Map<Role, WebSession> sessions = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            WebSession session = new WebSession(port);
            assertThat(session.login(TestUsers.username(role), TestUsers.PASSWORD).headers().firstValue("Location"))
                    .as("login of " + role).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
            sessions.put(role, session);
        }
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        List<Endpoint> endpoints = List.copyOf(endpoints());
        // each role's sweep in its own session, three at a time (as three users would)
        List<java.util.concurrent.Callable<Void>> sweeps = new ArrayList<>();
        for (Role role : Role.values()) {
            sweeps.add(() -> {
                for (Endpoint endpoint : endpoints) {
                    PermissionMatrix.Entry entry = PermissionMatrix.decide(endpoint.method(), endpoint.pattern()).orElseThrow();
                    int status = call(endpoint, role, sessions.get(role));
                    calls.incrementAndGet();
                    boolean allowed = entry.allows(role);
                    boolean ok = allowed ? status != 401 && status != 403 : status == 403 || status == 404;
                    if (!ok) {
                        wrong.add(endpoint + " as " + role + ": " + status + (allowed ? " (allowed)" : " (refused)"));
                    }
                }
                return null;
            });
        }
        sweeps.add(() -> {
            for (Endpoint endpoint : endpoints) {
                PermissionMatrix.Entry entry = PermissionMatrix.decide(endpoint.method(), endpoint.pattern()).orElseThrow();
                int anonymous = call(endpoint, null, new WebSession(port));
                calls.incrementAndGet();
                boolean anonymousOk = entry.access() == PermissionMatrix.Access.PUBLIC
                        ? anonymous != 401 && anonymous != 403
                        : endpoint.api() ? anonymous == 401 : anonymous == 302;
                if (!anonymousOk) {
                    wrong.add(endpoint + " anonymously: " + anonymous);
                }
            }
            return null;
        });
        se.kaa.testsupport.Concurrently.run(3, sweeps);
        assertThat(calls.get()).isEqualTo(endpoints.size() * (Role.values().length + 1)).isGreaterThan(100);
        assertThat(wrong).as("outcomes that differ from the permission matrix").isEmpty();
    }

    @Test
    void aMappedEndpointMissingFromTheMatrixIsRefusedToEveryone() {
        // /granskning is GRANSKARE-only: a colleague's endpoints land there; nothing else may reach them.
        assertThat(PermissionMatrix.decide(HttpMethod.GET, "/granskning/sok").orElseThrow().roles())
                .containsExactly(Role.GRANSKARE);
        assertThat(PermissionMatrix.decide(HttpMethod.GET, "/api/v1/audit/events").orElseThrow().roles())
                .containsExactly(Role.GRANSKARE);
        assertThat(PermissionMatrix.decide(HttpMethod.DELETE, "/api/v1/persons/x")).isEmpty();
    }

    @Test
    void aRequestAHandlerWouldServeButNoEntryDecidesIsRefusedEvenToTheAdministrator() {
        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        assertThat(admin.get("/malgrupp").statusCode()).isEqualTo(200);
        // HEAD is served by the GET handler, but the matrix lists only GET /malgrupp.
        assertThat(admin.send(HttpRequest.newBuilder(admin.uri("/malgrupp"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(403);
        assertThat(admin.get("/finns-inte").statusCode()).as("no handler: an ordinary 404").isEqualTo(404);
    }

    private int call(Endpoint endpoint, Role role, WebSession session) {
        String path = endpoint.path();
        if (endpoint.api()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            if (role != null) {
                request.header("Authorization", TestUsers.basic(role));
            }
            if (endpoint.method() == HttpMethod.GET) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .method(endpoint.method().name(), HttpRequest.BodyPublishers.ofString("{}"));
            }
            // an API client sends its credentials, not a browser's session cookie
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (endpoint.method() == HttpMethod.GET) {
            return session.get(path).statusCode();
        }
        String csrf = session.csrf();
        HttpRequest request = HttpRequest.newBuilder(session.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .method(endpoint.method().name(), HttpRequest.BodyPublishers.ofString("_csrf=" + csrf))
                .build();
        return session.send(request).statusCode();
    }
}
