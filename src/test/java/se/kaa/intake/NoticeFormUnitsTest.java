package se.kaa.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.security.Role;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The skolrapportör's notice form knows her school units: one is filled in and fixed, several are a
 * choice among them; whoever is not limited to own units types the code.
 */
@KaaIntegrationTest
class NoticeFormUnitsTest {

    static final String SECOND_UNIT = "87654321";

    @LocalServerPort int port;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        users.ensure();
    }

    @AfterEach
    void withoutTheSecondUnit() {
        jdbc.sql("DELETE FROM user_school_unit WHERE school_unit_code = ?").param(SECOND_UNIT).update();
    }

    @Test
    void oneUnitIsFixedSeveralAreAChoiceAndOthersTypeTheCode() {
        WebSession reporter = new WebSession(port);
        reporter.login(TestUsers.username(Role.SKOLRAPPORTOR), TestUsers.PASSWORD);
        String one = reporter.get("/anmalningar/ny").body();
        assertThat(one).containsPattern("<input id=\"schoolUnitCode\" name=\"schoolUnitCode\" type=\"text\" readonly[^>]*value=\""
                + TestUsers.SCHOOL_UNIT + "\"").contains("Den skolenhet du rapporterar för:")
                .doesNotContain("<select id=\"schoolUnitCode\"");

        jdbc.sql("""
                INSERT INTO user_school_unit (user_id, school_unit_code)
                SELECT id, ? FROM app_user WHERE username = ?""").params(SECOND_UNIT, TestUsers.username(Role.SKOLRAPPORTOR))
                .update();
        String several = reporter.get("/anmalningar/ny").body();
        assertThat(several.replaceAll("\\s+", " ")).contains("<select id=\"schoolUnitCode\" name=\"schoolUnitCode\" required")
                .contains("<option value=\"" + TestUsers.SCHOOL_UNIT + "\">", "<option value=\"" + SECOND_UNIT + "\">")
                .doesNotContain("readonly");

        WebSession admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
        assertThat(admin.get("/anmalningar/ny").body())
                .contains("<input id=\"schoolUnitCode\" name=\"schoolUnitCode\" type=\"text\" inputmode=\"numeric\" required");
    }
}
