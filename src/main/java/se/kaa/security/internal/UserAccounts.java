package se.kaa.security.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.security.AccessScope;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

/**
 * Local user accounts with their roles and grants, as an administrator manages them. An
 * administrator sees and changes only users who share one of her municipalities or have none yet,
 * and grants only municipalities she holds herself; grants outside her scope are left as they are.
 */
@Repository
public class UserAccounts {

    public record Account(long id, String username, String displayName, boolean enabled, Set<Role> roles,
                          Set<String> municipalities, Set<String> schoolUnits, boolean protectedAddresses) {
    }

    /**
     * What an administrator sets; the password only when creating. {@code protectedAddresses} is the
     * dedicated permission to see the address of a person with protected identity.
     */
    public record Changes(String displayName, Set<Role> roles, Set<MunicipalityCode> municipalities,
                          Set<String> schoolUnits, boolean enabled, boolean protectedAddresses) {
    }

    /** How changing one's own password went. */
    public enum OwnPasswordChange { CHANGED, WRONG_CURRENT, LOCKED }

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;

    UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, LoginThrottle throttle) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.throttle = throttle;
    }

    /**
     * A signed-in local user changes her own password, proving the current one. A wrong current
     * password counts as a failed sign-in of the username (the same lockout with back-off), so the
     * form cannot be used to guess it; while locked nothing is checked. The policy of the new password
     * is the caller's to check first ({@link PasswordPolicy}).
     */
    @Transactional
    public OwnPasswordChange changeOwnPassword(String username, String current, String newPassword) {
        if (throttle.lockedUntil(username).isPresent()) {
            return OwnPasswordChange.LOCKED;
        }
        Optional<String> hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = ? AND enabled")
                .param(username).query(String.class).optional();
        if (hash.isEmpty() || current == null || !encoder.matches(current, hash.get())) {
            throttle.failed(username);
            return OwnPasswordChange.WRONG_CURRENT;
        }
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?")
                .params(encoder.encode(newPassword), username).update();
        throttle.succeeded(username); // she proved her password, as at a sign-in
        return OwnPasswordChange.CHANGED;
    }

    public List<Account> visibleTo(AccessScope admin) {
        return jdbc.sql("SELECT id FROM app_user ORDER BY username").query(Long.class).list().stream()
                .map(this::load).filter(a -> visible(a, admin)).toList();
    }

    public Optional<Account> find(long id, AccessScope admin) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE id = ?").param(id).query(Integer.class).single() == 0
                ? Optional.empty() : Optional.of(load(id)).filter(a -> visible(a, admin));
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE lower(username) = lower(?)").param(username)
                .query(Integer.class).single() > 0;
    }

    @Transactional
    public long create(String username, String password, Changes changes, AccessScope admin) {
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, enabled, protected_addresses)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(username, encoder.encode(password), changes.displayName(), changes.enabled(),
                        changes.protectedAddresses())
                .query(Long.class).single();
        apply(id, changes, admin);
        return id;
    }

    @Transactional
    public void update(long id, Changes changes, AccessScope admin) {
        jdbc.sql("UPDATE app_user SET display_name = ?, enabled = ?, protected_addresses = ? WHERE id = ?")
                .params(changes.displayName(), changes.enabled(), changes.protectedAddresses(), id).update();
        apply(id, changes, admin);
    }

    public void setPassword(long id, String password) {
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(encoder.encode(password), id).update();
    }

    public void disable(long id) {
        jdbc.sql("UPDATE app_user SET enabled = false WHERE id = ?").param(id).update();
    }

    private void apply(long id, Changes changes, AccessScope admin) {
        jdbc.sql("DELETE FROM user_role WHERE user_id = ?").param(id).update();
        for (Role role : changes.roles()) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, role.name()).update();
        }
        // Only grants within the administrator's own municipalities change.
        for (MunicipalityCode m : admin.municipalities()) {
            jdbc.sql("DELETE FROM user_municipality WHERE user_id = ? AND municipality = ?").params(id, m.value()).update();
        }
        for (MunicipalityCode m : changes.municipalities()) {
            if (admin.grants(m)) {
                jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(id, m.value()).update();
            }
        }
        jdbc.sql("DELETE FROM user_school_unit WHERE user_id = ?").param(id).update();
        for (String unit : changes.schoolUnits()) {
            jdbc.sql("INSERT INTO user_school_unit (user_id, school_unit_code) VALUES (?, ?)").params(id, unit).update();
        }
    }

    private Account load(long id) {
        return jdbc.sql("SELECT id, username, display_name, enabled, protected_addresses FROM app_user WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        roles(id), strings("SELECT municipality FROM user_municipality WHERE user_id = ?", id),
                        strings("SELECT school_unit_code FROM user_school_unit WHERE user_id = ?", id),
                        rs.getBoolean(5)))
                .single();
    }

    private Set<Role> roles(long id) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("SELECT role FROM user_role WHERE user_id = ?").param(id).query(String.class).list()
                .forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    private Set<String> strings(String sql, long id) {
        return new TreeSet<>(jdbc.sql(sql).param(id).query(String.class).list());
    }

    private static boolean visible(Account account, AccessScope admin) {
        return account.municipalities().isEmpty()
                || account.municipalities().stream().anyMatch(m -> admin.grants(MunicipalityCode.of(m)));
    }

    static List<String> sorted(Collection<String> values) {
        return new ArrayList<>(new TreeSet<>(values));
    }
}
