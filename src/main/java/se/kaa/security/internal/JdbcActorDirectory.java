package se.kaa.security.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.platform.Installation;
import se.kaa.security.ActorDirectory;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

/** {@link ActorDirectory} from the user accounts and API keys. */
@Component
class JdbcActorDirectory implements ActorDirectory {

    private static final String API_KEY = "api-key:";

    private final JdbcClient jdbc;
    private final Installation installation;

    JdbcActorDirectory(JdbcClient jdbc, Installation installation) {
        this.jdbc = jdbc;
        this.installation = installation;
    }

    @Override
    public Actor describe(String actor, boolean systemJob) {
        if (systemJob) {
            return Actor.of(Kind.SYSTEM_JOB);
        }
        if (actor == null || actor.isBlank()) {
            return Actor.of(Kind.UNKNOWN);
        }
        if (actor.startsWith(API_KEY)) {
            return apiClient(actor.substring(API_KEY.length()));
        }
        record Account(Set<Role> roles, Set<MunicipalityCode> municipalities) {
        }
        return jdbc.sql("""
                SELECT ARRAY(SELECT r.role FROM user_role r WHERE r.user_id = u.id),
                       ARRAY(SELECT m.municipality FROM user_municipality m WHERE m.user_id = u.id),
                       u.grant_all_served
                FROM app_user u WHERE u.username = ?""")
                .param(actor)
                .query((rs, n) -> new Account(roles((String[]) rs.getArray(1).getArray()),
                        rs.getBoolean(3) ? Set.copyOf(installation.servedMunicipalities())
                                : municipalities((String[]) rs.getArray(2).getArray())))
                .optional()
                .map(a -> new Actor(Kind.STAFF, a.roles(), a.municipalities()))
                .orElse(Actor.of(Kind.UNKNOWN));
    }

    private Actor apiClient(String rest) {
        int colon = rest.indexOf(':');
        long id;
        try {
            id = Long.parseLong(colon < 0 ? rest : rest.substring(0, colon));
        } catch (NumberFormatException e) {
            return new Actor(Kind.API_CLIENT, Set.of(), Set.of());
        }
        return jdbc.sql("SELECT role, municipalities FROM api_key WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Actor(Kind.API_CLIENT, roles(new String[] {rs.getString(1)}),
                        municipalities((String[]) rs.getArray(2).getArray())))
                .optional()
                .orElse(new Actor(Kind.API_CLIENT, Set.of(), Set.of()));
    }

    private static Set<Role> roles(String[] names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                // a role of an older version: said as "a user"
            }
        }
        return roles;
    }

    private static Set<MunicipalityCode> municipalities(String[] codes) {
        return Arrays.stream(codes).map(String::trim).map(MunicipalityCode::of).collect(Collectors.toSet());
    }
}
