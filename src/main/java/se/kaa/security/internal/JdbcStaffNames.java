package se.kaa.security.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.security.StaffNames;

/** {@link StaffNames} from the user accounts. */
@Component
class JdbcStaffNames implements StaffNames {

    private final JdbcClient jdbc;

    JdbcStaffNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, String> displayNames(Collection<String> usernames) {
        Map<String, String> names = new HashMap<>();
        if (usernames.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT username, display_name FROM app_user WHERE username = ANY (CAST(:names AS text[]))")
                .param("names", usernames.toArray(String[]::new))
                .query((rs, n) -> names.put(rs.getString(1), rs.getString(2))).list();
        return names;
    }
}
