package se.kaa.security.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Username and password of a local account (form login and HTTP Basic), behind the
 * {@link LoginThrottle}: a locked username is refused before its password is even checked.
 */
class LocalAccountAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider delegate;
    private final LoginThrottle throttle;

    LocalAccountAuthentication(JdbcClient jdbc, PasswordEncoder encoder, LoginThrottle throttle) {
        this.delegate = new DaoAuthenticationProvider(userDetailsService(jdbc));
        this.delegate.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        if (throttle.lockedUntil(username).isPresent()) {
            throw new LockedException("Too many failed logins");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(username);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static UserDetailsService userDetailsService(JdbcClient jdbc) {
        return username -> jdbc.sql("SELECT id, username, password_hash, enabled FROM app_user WHERE username = ?")
                .param(username)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    List<SimpleGrantedAuthority> roles = jdbc.sql("SELECT role FROM user_role WHERE user_id = ? ORDER BY role")
                            .param(id).query(String.class).list().stream()
                            .map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
                    return User.withUsername(rs.getString(2))
                            .password(rs.getString(3))
                            .authorities(roles)
                            .disabled(!rs.getBoolean(4))
                            .build();
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
    }
}
