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
import se.kaa.security.SecurityProperties;

/**
 * Creates the first administrator on first start from KAA_ADMIN_USERNAME/KAA_ADMIN_PASSWORD. With
 * demo data and no password configured, a generated one is printed once (and never stored in clear).
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
    public void run(ApplicationArguments args) {
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
                    + "=== (shown once; set KAA_ADMIN_PASSWORD to choose your own) ===%n%n", username, password);
        }
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role) VALUES (?, ?, ?, 'ADMIN')")
                .params(username, encoder.encode(password), username)
                .update();
        log.info("Created the first administrator account");
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
