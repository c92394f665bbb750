package se.kaa.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * For the audit tests: the test administrator also holds the granskare role (a person may hold both),
 * so that one session both reads personal data and searches the log of it. Removed after each test,
 * so every other test sees the administrator as the permission matrix has her: without the log.
 */
public class AlsoGranskare implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        jdbc(context).sql("""
                INSERT INTO user_role (user_id, role) SELECT id, 'GRANSKARE' FROM app_user WHERE username = ?
                ON CONFLICT DO NOTHING""").param(KaaIntegrationTest.USER).update();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        jdbc(context).sql("""
                DELETE FROM user_role WHERE role = 'GRANSKARE' AND user_id = (SELECT id FROM app_user WHERE username = ?)""")
                .param(KaaIntegrationTest.USER).update();
    }

    private static JdbcClient jdbc(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context).getBean(JdbcClient.class);
    }
}
