package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.testsupport.WebSession.location;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.WebSession;

/**
 * Single sign-on end to end: a real OIDC provider (mock-oauth2-server) on its own port, switched on
 * inside the shared application context through a property source, and the authorization-code flow
 * over real HTTP: login page, redirect to the provider, back with a code, token exchange, signed in.
 */
@KaaIntegrationTest
class OidcLoginTest {

    static final String IDP = "kommun-idp";
    static final String CLIENT_ID = "kaa-test-client";
    static MockOAuth2Server provider;

    @LocalServerPort int port;
    @Autowired ConfigurableEnvironment environment;
    @Autowired DatabaseCleaner database;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeAll
    static void startProvider() {
        provider = new MockOAuth2Server();
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @AfterEach
    void switchOff() {
        environment.getPropertySources().remove("oidc-test");
    }

    void switchOn(Map<String, Object> more) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                "kaa.security.oidc.issuer", provider.issuerUrl(IDP).toString(),
                "kaa.security.oidc.client-id", CLIENT_ID,
                "kaa.security.oidc.client-secret", "test-secret"));
        settings.putAll(more);
        environment.getPropertySources().addFirst(new MapPropertySource("oidc-test", settings));
    }

    /** The authorization-code flow as a browser does it, following each redirect by hand. */
    static HttpResponse<String> signIn(WebSession browser) {
        HttpResponse<String> login = browser.get("/login");
        assertThat(login.body()).contains("id=\"sso-login\"", "/oauth2/authorization/kaa");
        HttpResponse<String> toProvider = browser.get("/oauth2/authorization/kaa");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        assertThat(location(toProvider)).startsWith(provider.issuerUrl(IDP) + "/authorize")
                .contains("client_id=" + CLIENT_ID, "nonce=", "state=");
        HttpResponse<String> back = browser.get(location(toProvider));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(location(back)).startsWith(browser.uri("/login/oauth2/code/kaa?code=").toString());
        return browser.get(location(back));
    }

    @Test
    void signsInThroughTheProviderWithRolesAndMunicipalitiesFromClaims() {
        switchOn(Map.of());
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(IDP, "7f1c-subject", "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", "anna.handlaggare@kommun.se",
                        "roles", List.of("KAA_HANDLAGGARE", "enhetschef", "offline_access"),
                        "kommuner", List.of("2380", "kommun_2361", "0180")), 3600));
        WebSession browser = new WebSession(port);

        HttpResponse<String> done = signIn(browser);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(location(done)).doesNotContain("error");

        HttpResponse<String> account = browser.get("/konto");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body())
                .contains("anna.handlaggare@kommun.se", "data-role=\"HANDLAGGARE\"", "data-role=\"ENHETSCHEF\"",
                        "Organisationens konto (SSO)", "2380 Östersund", "2361 Härjedalen")
                .doesNotContain("0180", "data-role=\"SYSTEM\"");
        // A signed-in page of the application itself, with the session the flow created.
        assertThat(browser.get("/malgrupp").statusCode()).isEqualTo(200);
        assertThat(browser.get("/admin/api-nycklar").statusCode()).as("ROLE_HANDLAGGARE is no administrator").isEqualTo(403);
    }

    @Test
    void signingOutEndsTheSessionAtTheProviderToo() {
        switchOn(Map.of());
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(IDP, "logout-subject", "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", "utloggad", "roles", List.of("KAA_HANDLAGGARE"), "kommuner", List.of("2380")), 3600));
        WebSession browser = new WebSession(port);
        signIn(browser);
        assertThat(browser.get("/konto").statusCode()).isEqualTo(200);

        HttpResponse<String> out = browser.postForm("/konto", "/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(location(out)).startsWith(provider.issuerUrl(IDP) + "/endsession")
                .contains("id_token_hint=", "post_logout_redirect_uri=");
        assertThat(location(browser.get("/konto"))).endsWith("/login");
    }

    @Test
    void localUsersSignOutToTheLoginPage() {
        switchOn(Map.of());
        WebSession browser = new WebSession(port);
        browser.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        assertThat(location(browser.postForm("/konto", "/logout", Map.of()))).endsWith("/login?logout");
    }

    @Test
    void claimNamesAreConfigurable() {
        switchOn(Map.of("kaa.security.oidc.roles-claim", "groups", "kaa.security.oidc.municipalities-claim", "groups"));
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(IDP, "granskare-subject", "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", "greta", "groups", "Granskare KAA_ADMINISTRATOR KOMMUN_2380"), 3600));
        WebSession browser = new WebSession(port);
        signIn(browser);
        assertThat(browser.get("/konto").body()).contains("greta", "data-role=\"GRANSKARE\"",
                "data-role=\"ADMINISTRATOR\"", "2380 Östersund").doesNotContain("Härjedalen");
        assertThat(browser.get("/admin/api-nycklar").statusCode()).as("authority ROLE_ADMINISTRATOR").isEqualTo(200);
    }

    @Test
    void thePermissionToSeeProtectedAddressesComesFromTheRolesClaim() {
        database.clean();
        // Skatteverket test number; protected identity
        assertThat(WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01",
                "fb.csv", """
                        personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                        200802282384;Greta;Gran;2380;2008-02-28;;Hemliga vägen 4;83130;Östersund;JA;NORMAL
                        """.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        String greta = jdbc.sql("SELECT id::text FROM person WHERE pnr = '200802282384'").query(String.class).single();
        switchOn(Map.of());

        provider.enqueueCallback(new DefaultOAuth2TokenCallback(IDP, "with-permission", "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", "med.behorighet", "roles", List.of("KAA_HANDLAGGARE", "kaa-skyddad-adress"),
                        "kommuner", List.of("2380")), 3600));
        WebSession permitted = new WebSession(port);
        signIn(permitted);
        assertThat(permitted.get("/personer/" + greta).body()).contains("Hemliga vägen 4");

        provider.enqueueCallback(new DefaultOAuth2TokenCallback(IDP, "without-permission", "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", "utan.behorighet", "roles", List.of("KAA_HANDLAGGARE"),
                        "kommuner", List.of("2380")), 3600));
        WebSession ordinary = new WebSession(port);
        signIn(ordinary);
        assertThat(ordinary.get("/personer/" + greta).body()).contains("Adressen visas inte")
                .doesNotContain("Hemliga vägen");
    }

    @Test
    void aUserWithoutAKaaRoleIsRefused() {
        switchOn(Map.of());
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(IDP, "no-role", "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", "utan.roll", "roles", List.of("SYSTEM", "other-app-admin"),
                        "kommuner", List.of("2380")), 3600));
        WebSession browser = new WebSession(port);
        HttpResponse<String> done = signIn(browser);
        assertThat(location(done)).endsWith("/login?error");
        assertThat(location(browser.get("/konto"))).endsWith("/login");
    }

    @Test
    void withoutAnIssuerTheLoginPageOffersOnlyLocalLogin() {
        WebSession browser = new WebSession(port);
        assertThat(browser.get("/login").body()).doesNotContain("sso-login", "/oauth2/authorization/kaa")
                .contains("name=\"password\"");
        HttpResponse<String> noProvider = browser.get("/oauth2/authorization/kaa");
        assertThat(noProvider.statusCode()).isEqualTo(302);
        assertThat(location(noProvider)).endsWith("/login");
    }
}
