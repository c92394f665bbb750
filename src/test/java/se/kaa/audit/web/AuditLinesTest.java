package se.kaa.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.audit.AuditEntry;
import se.kaa.audit.AuditEvent;
import se.kaa.security.Role;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestUsers;

/**
 * The granskare's log says each entry as a Swedish sentence: who by her display name (an API client
 * by its key's name, the application as itself), what in words, for whom with a correct plural, and
 * the municipality by name – never an event code.
 */
@KaaIntegrationTest
class AuditLinesTest {

    @Autowired AuditLines lines;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    static AuditEntry entry(String actor, String actorType, String municipality, String action, int persons, Long batch) {
        List<UUID> ids = java.util.stream.IntStream.range(0, persons).mapToObj(i -> UUID.randomUUID()).toList();
        return new AuditEntry(1, Instant.parse("2026-12-03T13:05:00Z"), actor, actorType, municipality, action,
                AuditEvent.Kind.READ, ids, "GET /x", false, "p", "h", batch, 0);
    }

    @Test
    void eachEntryIsASentence() {
        users.ensure();
        String anna = TestUsers.username(Role.HANDLAGGARE);
        String before = jdbc.sql("SELECT display_name FROM app_user WHERE username = ?").param(anna).query(String.class).single();
        jdbc.sql("UPDATE app_user SET display_name = 'Anna Handläggare' WHERE username = ?").param(anna).update();
        try {
            said(anna);
        } finally { // the other classes share the account
            jdbc.sql("UPDATE app_user SET display_name = ? WHERE username = ?").params(before, anna).update();
        }
    }

    private void said(String anna) {

        List<AuditLines.Line> said = lines.of(List.of(
                entry(anna, "USER", "2380", "CASE_VIEWED", 1, null),
                entry(anna, "USER", "2380", "WORKLIST_VIEWED", 1, null),
                entry(anna, "USER", "2361", "WORKLIST_VIEWED", 37, null),
                entry("api-key:4:Skolsystemet", "USER", "2380", "NOTICE_RECEIVED", 1, null),
                entry("cases-on-start", "SYSTEM", "2380", "IMPORT_UPLOADED", 0, 41L),
                entry("gone-user", "USER", null, "AUDIT_SEARCHED", 0, null)), Optional.empty());

        assertThat(said).extracting(AuditLines.Line::sentence).containsExactly(
                "Anna Handläggare läste ärendet för 1 person.",
                "Anna Handläggare såg arbetslistan för 1 person.",
                "Anna Handläggare såg arbetslistan för 37 personer.",
                "Systemet Skolsystemet (API-nyckel) tog emot en anmälan från skola för 1 person.",
                "KAA (automatiskt) importerade en fil – personerna i importfil 41.",
                "gone-user sökte i loggen.");
        assertThat(said).extracting(AuditLines.Line::municipality)
                .containsExactly("2380 Östersund", "2380 Östersund", "2361 Härjedalen", "2380 Östersund", "2380 Östersund", "");
        assertThat(lines.of(List.of(entry(anna, "USER", "2380", "CASE_VIEWED", 1, null)), Optional.of("Alva Ek")))
                .extracting(AuditLines.Line::sentence).containsExactly("Anna Handläggare läste ärendet för Alva Ek.");
    }
}
