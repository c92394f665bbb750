package se.kaa.testsupport;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties every table holding register data (user accounts with their roles and grants, the signed-in
 * sessions – a class signs in once – and the schema history stay).
 */
public class DatabaseCleaner {

    private final JdbcClient jdbc;
    private final se.kaa.intake.SchoolUnits schoolUnits;

    DatabaseCleaner(JdbcClient jdbc, se.kaa.intake.SchoolUnits schoolUnits) {
        this.jdbc = jdbc;
        this.schoolUnits = schoolUnits;
    }

    public void clean() {
        List<String> tables = jdbc.sql("""
                SELECT tablename FROM pg_tables
                WHERE schemaname = 'public' AND tablename NOT IN ('flyway_schema_history', 'app_user', 'user_role', 'user_municipality', 'user_school_unit',
                                        'security_session', 'security_session_attributes')""")
                .query(String.class).list();
        if (!tables.isEmpty()) {
            jdbc.sql("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE").update();
        }
        schoolUnits.forget(); // its names are kept in memory
    }
}
