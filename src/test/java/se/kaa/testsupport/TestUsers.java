package se.kaa.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import se.kaa.security.Role;

/**
 * One local account per role, each granted municipality {@value #MUNICIPALITY} only (the test
 * administrator of {@link KaaIntegrationTest} holds every served one); the skolrapportör also school
 * unit {@value #SCHOOL_UNIT}. Created on first use, straight in the database, and kept by
 * {@link DatabaseCleaner}.
 */
public class TestUsers {

    public static final String PASSWORD = "provlösenord-för-roller";
    public static final String MUNICIPALITY = "2380";
    public static final String SCHOOL_UNIT = "12345678";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private volatile boolean created;

    TestUsers(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** e.g. {@code role-handlaggare} */
    public static String username(Role role) {
        return "role-" + role.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static String basic(Role role) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username(role) + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the accounts if they do not exist yet; returns their ids by role. */
    public synchronized Map<Role, Long> ensure() {
        Map<Role, Long> ids = new EnumMap<>(Role.class);
        String hash = created ? null : encoder.encode(PASSWORD);
        for (Role role : Role.values()) {
            List<Long> existing = jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(username(role))
                    .query(Long.class).list();
            long id;
            if (existing.isEmpty()) {
                id = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, ?) RETURNING id")
                        .params(username(role), hash == null ? encoder.encode(PASSWORD) : hash, "Test " + role.name())
                        .query(Long.class).single();
            } else {
                id = existing.get(0);
            }
            jdbc.sql("UPDATE app_user SET enabled = true, protected_addresses = false WHERE id = ?").param(id).update();
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING").params(id, role.name()).update();
            jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(id, MUNICIPALITY).update();
            if (role == Role.SKOLRAPPORTOR) {
                jdbc.sql("INSERT INTO user_school_unit (user_id, school_unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(id, SCHOOL_UNIT).update();
            }
            ids.put(role, id);
        }
        created = true;
        return ids;
    }
}
