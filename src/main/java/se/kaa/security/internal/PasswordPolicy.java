package se.kaa.security.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The password policy for local accounts, after NIST SP 800-63B rather than composition rules: long
 * enough, not built from the username, not trivially simple, not a known common password. The upper
 * bound is bcrypt's: it reads at most 72 bytes.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;

    private static final Set<String> COMMON = Set.of(
            "password1234", "password12345", "passw0rd1234", "lösenord1234", "losenord1234", "123456789012",
            "1234567890123", "qwertyuiop12", "qwertyuiopå", "sommar202020", "välkommen123", "valkommen123",
            "administrator", "admin1234567", "kommun123456", "aktivitetsansvar");

    private PasswordPolicy() {
    }

    /** The message keys ({@code i18n/security}) of every rule the password breaks; empty when it is fine. */
    public static List<String> problems(String password, String username) {
        List<String> problems = new ArrayList<>();
        String p = password == null ? "" : password;
        if (p.codePointCount(0, p.length()) < MIN_LENGTH) {
            problems.add("security.password.too-short");
        }
        if (p.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.add("security.password.too-long");
        }
        String lower = p.toLowerCase(Locale.ROOT);
        String user = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!user.isEmpty() && lower.contains(user)) {
            problems.add("security.password.contains-username");
        }
        if (p.codePoints().distinct().count() < 5) {
            problems.add("security.password.too-simple");
        }
        if (COMMON.contains(lower)) {
            problems.add("security.password.common");
        }
        return problems;
    }
}
