package se.kaa.security.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.platform.Installation;
import se.kaa.security.Role;
import se.kaa.security.SecurityProperties;
import se.kaa.shared.MunicipalityCode;

/**
 * Creates the first administrator on first start from KAA_ADMIN_USERNAME/KAA_ADMIN_PASSWORD. With
 * demo data and no password configured, a generated one is printed once (and never stored in clear).
 * The first administrator has the role ADMINISTRATOR and every municipality the installation serves.
 * With demo data, three colleagues to try casework with are created beside her, with the same password:
 * the case workers {@code anna} and {@code erik} (handläggare) and {@code eva} (enhetschef).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final SecurityProperties properties;
    private final Installation installation;

    AdminBootstrap(JdbcClient jdbc, PasswordEncoder encoder, SecurityProperties properties, Installation installation) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.properties = properties;
        this.installation = installation;
    }

    @Override
    @Transactional
    @se.kaa.platform.ClusterJob("admin-bootstrap")
    public void run(ApplicationArguments args) {
        grantServedToMigratedAdministrators();
        int users = jdbc.sql("SELECT count(*) FROM app_user").query(Integer.class).single();
        if (users > 0) {
            return;
        }
        String username = blankToNull(properties.adminUsername());
        String password = blankToNull(properties.adminPassword());
        if (username == null) {
            username = "admin";
        }
        if (password == null) {
            if (!installation.demoData()) {
                log.warn("No user exists and KAA_ADMIN_PASSWORD is not set: set KAA_ADMIN_USERNAME and "
                        + "KAA_ADMIN_PASSWORD and restart to create the first administrator.");
                return;
            }
            password = generatePassword();
            // Printed once on purpose: the only way a newcomer on demo data learns the password.
            System.out.printf("%n=== KAA demo: administrator '%s' created with password: %s ===%n"
                    + "=== case workers 'anna' and 'erik' and unit manager 'eva' have the same password ===%n"
                    + "=== (shown once; set KAA_ADMIN_PASSWORD to choose your own) ===%n%n", username, password);
        }
        long id = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, ?) RETURNING id")
                .params(username, encoder.encode(password), username)
                .query(Long.class).single();
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, Role.ADMINISTRATOR.name()).update();
        grantServed(id);
        log.info("Created the first administrator account, granted every served municipality");
        if (installation.demoData()) {
            String hash = encoder.encode(password);
            for (String[] colleague : DEMO_COLLEAGUES) {
                if (!colleague[0].equalsIgnoreCase(username)) {
                    long colleagueId = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, ?) RETURNING id")
                            .params(colleague[0], hash, colleague[1]).query(Long.class).single();
                    jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(colleagueId, colleague[2]).update();
                    grantServed(colleagueId);
                }
            }
            log.info("Demo data: created the case workers anna and erik and the unit manager eva");
        }
    }

    /** user name, display name, role */
    private static final String[][] DEMO_COLLEAGUES = {
            {"anna", "Anna Handläggare", Role.HANDLAGGARE.name()},
            {"erik", "Erik Handläggare", Role.HANDLAGGARE.name()},
            {"eva", "Eva Enhetschef", Role.ENHETSCHEF.name()},
    };

    /** Administrators from before roles existed (V006 marks them) get every served municipality once. */
    private void grantServedToMigratedAdministrators() {
        for (long id : jdbc.sql("SELECT id FROM app_user WHERE grant_all_served").query(Long.class).list()) {
            grantServed(id);
            jdbc.sql("UPDATE app_user SET grant_all_served = false WHERE id = ?").param(id).update();
        }
    }

    private void grantServed(long userId) {
        for (MunicipalityCode m : installation.servedMunicipalities()) {
            jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(userId, m.value()).update();
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
