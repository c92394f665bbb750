package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** docs/security.md shows the permission matrix the code enforces, row by row and in the same order. */
class PermissionMatrixDocumentationTest {

    @Test
    void theDocumentedMatrixIsTheEnforcedOne() throws Exception {
        String docs = Files.readString(Path.of("docs/security.md"), StandardCharsets.UTF_8);
        List<String> documented = docs.lines()
                .filter(l -> l.matches("\\| (GET|POST|PUT|PATCH|DELETE|any) \\| `.*"))
                .toList();
        List<String> enforced = new ArrayList<>();
        for (PermissionMatrix.Entry e : PermissionMatrix.ENTRIES) {
            StringBuilder row = new StringBuilder("| ").append(e.method() == null ? "any" : e.method().name())
                    .append(" | `").append(e.pattern()).append("` |");
            for (Role role : Role.values()) {
                row.append(' ').append(switch (e.access()) {
                    case PUBLIC -> "public";
                    case AUTHENTICATED -> "✔";
                    case ROLES -> e.roles().contains(role) ? "✔" : "–";
                }).append(" |");
            }
            enforced.add(row.toString());
        }
        assertThat(documented).containsExactlyElementsOf(enforced);
        assertThat(docs).contains("| method | pattern | " + String.join(" | ",
                java.util.Arrays.stream(Role.values()).map(Role::name).toList()) + " |");
    }
}
