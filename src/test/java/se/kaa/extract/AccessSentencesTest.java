package se.kaa.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import se.kaa.extract.internal.AccessSentences;
import se.kaa.security.ActorDirectory;
import se.kaa.security.ActorDirectory.Actor;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

/**
 * The access history's sentences, without Spring: every audit event type the code emits has its own
 * Swedish sentence (a new event type without one fails here), and a sentence names who by role and
 * municipality – never a user name, an event code or a path.
 */
class AccessSentencesTest {

    static final AccessSentences SENTENCES = new AccessSentences(messages());
    static final Instant AT = Instant.parse("2026-12-03T13:05:00Z"); // 14.05 Swedish time
    static final Actor CASE_WORKER = new Actor(ActorDirectory.Kind.STAFF, Set.of(Role.HANDLAGGARE),
            Set.of(MunicipalityCode.of("2380")));

    @Test
    void everyAuditEventTypeTheCodeEmitsHasASentence() throws IOException {
        Set<String> types = emittedEventTypes();
        // the scan itself must find what is known to be there, including the batch events of imports
        assertThat(types).contains("CASE_VIEWED", "PERSON_EXTRACT", "CASE_OPENED", "CASE_CONTACT_RECORDED",
                "EPISODES_RECOMPUTED", "IMPORT_UPLOADED", "IMPORT_HELD", "IMPORT_CONFIRMED", "IMPORT_DISCARDED",
                "IMPORT_WITHDRAWN", "IMPORT_BATCH_READ", "NOTICE_RECEIVED", "HANDOVER_PRODUCED", "MESSAGE_SENT");
        List<String> missing = types.stream().filter(t -> !SENTENCES.hasSentence(t)).toList();
        assertThat(missing).as("audit event types without extract.access.<TYPE> in i18n/extract.properties")
                .isEmpty();
    }

    /** The granskare's page says what each entry records in Swedish, not its code. */
    @Test
    void everyAuditEventTypeTheCodeEmitsHasALabelForTheGranskare() throws IOException {
        java.util.Properties labels = new java.util.Properties();
        try (var in = new java.io.InputStreamReader(
                AccessSentencesTest.class.getResourceAsStream("/i18n/audit.properties"), java.nio.charset.StandardCharsets.UTF_8)) {
            labels.load(in);
        }
        List<String> missing = emittedEventTypes().stream().filter(t -> !labels.containsKey("audit.action." + t)).toList();
        assertThat(missing).as("audit event types without audit.action.<TYPE> in i18n/audit.properties").isEmpty();
    }

    @Test
    void aSentenceSaysWhenWhoByRoleAndMunicipalityAndWhat() {
        assertThat(SENTENCES.sentence(access("CASE_VIEWED", "READ", "2380", "GET /arenden/{id}", false),
                CASE_WORKER)).isEqualTo(
                "3 december 2026 kl. 14.05 läste en handläggare på kommunala aktivitetsansvaret i Östersund ditt ärende.");
        assertThat(SENTENCES.sentence(access("CASE_OPENED", "WRITE", "2380", "membership episode started", true),
                Actor.of(ActorDirectory.Kind.SYSTEM_JOB)))
                .isEqualTo("3 december 2026 kl. 14.05 öppnade registret automatiskt ett ärende om dig.");
        assertThat(SENTENCES.sentence(access("IMPORT_UPLOADED", "WRITE", "2361", "examina import batch 7", false),
                new Actor(ActorDirectory.Kind.STAFF, Set.of(Role.ADMINISTRATOR, Role.HANDLAGGARE), Set.of())))
                .isEqualTo("3 december 2026 kl. 14.05 läste en person som sköter registret i Härjedalen in en fil med "
                        + "uppgifter om dina examina och bevis från skolan.");
        assertThat(SENTENCES.sentence(access("AUDIT_SEARCHED", "READ", null, "GET /granskning personId=x", false),
                new Actor(ActorDirectory.Kind.STAFF, Set.of(Role.GRANSKARE, Role.ENHETSCHEF),
                        Set.of(MunicipalityCode.of("2380")))))
                .isEqualTo("3 december 2026 kl. 14.05 sökte en granskare som kontrollerar hur registret används i "
                        + "Östersund i loggen efter vem som har tagit del av dina uppgifter.");
        assertThat(SENTENCES.sentence(access("NOTICE_RECEIVED", "WRITE", "2380", "notice 4", false),
                new Actor(ActorDirectory.Kind.API_CLIENT, Set.of(Role.SYSTEM), Set.of())))
                .isEqualTo("3 december 2026 kl. 14.05 skickade ett datasystem som är kopplat till registret i "
                        + "Östersund en anmälan om dig från en skola.");
        assertThat(SENTENCES.sentence(access("PERSON_VIEWED", "READ", null, "GET /personer/{id}", false),
                Actor.of(ActorDirectory.Kind.UNKNOWN)))
                .isEqualTo("3 december 2026 kl. 14.05 läste en medarbetare uppgifterna om dig i registret.");
    }

    @Test
    void anEventTypeWithoutASentenceIsStillSaidInWords() {
        assertThat(SENTENCES.sentence(access("SOMETHING_NEW", "WRITE", "2380", "POST /api/v1/x", false), CASE_WORKER))
                .isEqualTo("3 december 2026 kl. 14.05 ändrade en handläggare på kommunala aktivitetsansvaret i "
                        + "Östersund uppgifter om dig.");
    }

    @Test
    void noSentenceHoldsACodeAPathOrAUserName() throws IOException {
        for (String type : emittedEventTypes()) {
            for (Actor actor : List.of(CASE_WORKER, Actor.of(ActorDirectory.Kind.SYSTEM_JOB),
                    new Actor(ActorDirectory.Kind.API_CLIENT, Set.of(Role.SYSTEM), Set.of()))) {
                String sentence = SENTENCES.sentence(new AccessHistory.Access(AT, "role-handlaggare", false, type,
                        "READ", "2380", "GET /api/v1/persons/{id}/extract folkbokforing import batch 1", 1L), actor);
                assertThat(sentence).as(type)
                        .doesNotContain(type, "_", "/", "role-handlaggare", "batch", "{", "}")
                        .startsWith("3 december 2026 kl. 14.05 ")
                        .endsWith(".");
            }
        }
    }

    private static AccessHistory.Access access(String action, String kind, String municipality, String context,
                                               boolean systemJob) {
        return new AccessHistory.Access(AT, systemJob ? "recompute" : "anna.andersson", systemJob, action, kind,
                municipality, context, null);
    }

    /**
     * The event types in the code: the first argument of every {@code AuditEvent} factory or
     * constructor call, and – where that argument is a variable – the event-type literals a file passes
     * as the first argument of its own helpers (e.g. {@code audited("CASE_NOTE_WRITTEN", …)}).
     */
    static Set<String> emittedEventTypes() throws IOException {
        Pattern call = Pattern.compile("(?:AuditEvent\\.(?:read|write|ofBatch)|new AuditEvent)\\(");
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
        Pattern helperArgument = Pattern.compile("\\w\\(\\s*\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
        Set<String> types = new TreeSet<>();
        TreeMap<Path, Integer> indirect = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("se/kaa/audit/AuditEvent.java")))
                    .toList();
        }
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = call.matcher(source);
            boolean viaVariable = false;
            while (m.find()) {
                String first = firstArgument(source, m.end());
                Matcher l = literal.matcher(first);
                boolean any = false;
                while (l.find()) {
                    types.add(l.group(1));
                    any = true;
                }
                viaVariable |= !any;
            }
            if (viaVariable) {
                Matcher h = helperArgument.matcher(source);
                int found = 0;
                while (h.find()) {
                    types.add(h.group(1));
                    found++;
                }
                indirect.put(file, found);
            }
        }
        List<Path> unresolved = new ArrayList<>();
        indirect.forEach((file, found) -> {
            if (found == 0) {
                unresolved.add(file);
            }
        });
        assertThat(unresolved).as("files recording audit events whose types this scan cannot find").isEmpty();
        return types;
    }

    private static String firstArgument(String source, int from) {
        int depth = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return source.substring(from, i);
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return source.substring(from, i);
            }
        }
        return source.substring(from);
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/extract");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
