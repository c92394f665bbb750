package se.kaa.casework;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.records.CasePagePanel;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Brev och meddelanden" section the case page renders from this part's panel: letter and message
 * forms for an ordinary case, none for a protected identity (the case page itself belongs to another
 * part, so the fragment is rendered here the way it does).
 */
@KaaIntegrationTest
class LetterPanelTest {

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;
    @Autowired ApplicationContext context;
    @Autowired ITemplateEngine engine;
    @Autowired CaseAccess access;

    LetterCases cases;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        users.ensure();
        cases = new LetterCases(port, jdbc);
        jdbc.sql("""
                INSERT INTO casework_contact_details (case_id, phone, updated_by, updated_at)
                VALUES (?, '+46701740605', 'test', now())""").param(cases.alva()).update();
    }

    @Test
    void theSectionOffersLettersAndMessagesButNothingForAProtectedIdentity() {
        String alva = render(cases.alva());
        assertThat(alva).contains("Brev och meddelanden", "action=\"/arenden/" + cases.alva() + "/brev\"",
                "Vi har inte nått dig", "action=\"/arenden/" + cases.alva() + "/meddelanden\"", "value=\"SMS\"")
                .doesNotContain("value=\"EMAIL\"");
        String dana = render(cases.dana());
        assertThat(dana).contains("skyddad identitet").doesNotContain("/brev\"").doesNotContain("/meddelanden\"");
    }

    private String render(long caseId) {
        CasePagePanel panel = context.getBeansOfType(CasePagePanel.class).values().stream()
                .filter(p -> p.template().equals("casework/panel-letters")).findFirst().orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                KaaIntegrationTest.USER, "n/a", List.of()));
        try {
            CaseAccess.CaseRef ref = access.load(caseId);
            Map<String, Object> model = new HashMap<>(panel.model(ref));
            model.put("caseRef", ref);
            MockServletContext servletContext = new MockServletContext();
            MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/arenden/" + caseId);
            WebContext web = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
                    .buildExchange(request, new MockHttpServletResponse()), java.util.Locale.forLanguageTag("sv-SE"), model);
            return engine.process(panel.template(), Set.of("panel"), web);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
