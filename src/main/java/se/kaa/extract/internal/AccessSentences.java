package se.kaa.extract.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

import se.kaa.extract.AccessHistory;
import se.kaa.intake.ImportKind;
import se.kaa.security.ActorDirectory;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.Municipalities;

/**
 * Says one access to her data as a Swedish sentence a 16-year-old can read: when, who (by role and
 * municipality, never a user name or id) and what – e.g. "3 december 2026 kl. 14.05 läste en
 * handläggare på kommunala aktivitetsansvaret i Östersund ditt ärende." Every text comes from
 * {@code i18n/extract*.properties}: {@code extract.access.<ACTION>} per audit event type (a guard test
 * fails when an event type the code emits has none), {@code extract.actor.*} for who.
 * A pure function of the logged access and what is known about its actor.
 */
public final class AccessSentences {

    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final Municipalities MUNICIPALITIES = Municipalities.load();
    /** Whom a user of several roles is said to be, when the action does not say better. */
    private static final List<Role> ROLE_ORDER = List.of(Role.HANDLAGGARE, Role.ENHETSCHEF, Role.SKOLRAPPORTOR,
            Role.ADMINISTRATOR, Role.GRANSKARE, Role.SYSTEM);

    private final MessageSource messages;
    private final DateTimeFormatter time;

    public AccessSentences(MessageSource messages) {
        this.messages = messages;
        this.time = DateTimeFormatter.ofPattern(messages.getMessage("extract.access.time", null, SWEDISH), SWEDISH)
                .withZone(SWEDEN);
    }

    /** The sentence for one access by the actor described. */
    public String sentence(AccessHistory.Access access, ActorDirectory.Actor actor) {
        String when = time.format(access.at());
        String who = who(access, actor);
        String what = importContent(access);
        String key = "extract.access." + access.action();
        try {
            return messages.getMessage(key, new Object[] {when, who, what}, SWEDISH);
        } catch (NoSuchMessageException unknown) {
            // an event type without its own sentence (the guard test keeps this from happening)
            return messages.getMessage("WRITE".equals(access.kind()) ? "extract.access.otherWrite"
                    : "extract.access.otherRead", new Object[] {when, who, what}, SWEDISH);
        }
    }

    /** Whether a sentence of its own exists for the event type. */
    public boolean hasSentence(String action) {
        return messages.getMessage("extract.access." + action, null, null, SWEDISH) != null;
    }

    private String who(AccessHistory.Access access, ActorDirectory.Actor actor) {
        String subject = switch (actor.kind()) {
            case SYSTEM_JOB -> "SYSTEM_JOB";
            case API_CLIENT -> "API_CLIENT";
            case UNKNOWN -> "STAFF";
            case STAFF -> role(access.action(), actor).map(Role::name).orElse("STAFF");
        };
        if (actor.kind() == ActorDirectory.Kind.SYSTEM_JOB) {
            return text("extract.actor.SYSTEM_JOB");
        }
        Optional<String> unit = unit(access, actor);
        return unit.map(u -> text("extract.actor." + subject, u))
                .orElseGet(() -> text("extract.actor." + subject + ".noUnit"));
    }

    /** The role the action was most likely done in: a granskare searches the log, a school reports. */
    private static Optional<Role> role(String action, ActorDirectory.Actor actor) {
        Role preferred = action == null ? null
                : action.startsWith("AUDIT_") ? Role.GRANSKARE
                : action.startsWith("NOTICE_RECEIVED") ? Role.SKOLRAPPORTOR
                : action.startsWith("IMPORT_") || action.startsWith("RETENTION_") ? Role.ADMINISTRATOR
                : null;
        if (preferred != null && actor.roles().contains(preferred)) {
            return Optional.of(preferred);
        }
        return ROLE_ORDER.stream().filter(actor.roles()::contains).findFirst();
    }

    /** The municipality she acted for: the entry's, or the only one she is granted. */
    private static Optional<String> unit(AccessHistory.Access access, ActorDirectory.Actor actor) {
        MunicipalityCode code = null;
        if (access.municipality() != null && !access.municipality().isBlank()) {
            try {
                code = MunicipalityCode.of(access.municipality().trim());
            } catch (RuntimeException notACode) {
                code = null;
            }
        } else if (actor.municipalities().size() == 1) {
            code = actor.municipalities().iterator().next();
        }
        return code == null ? Optional.empty() : MUNICIPALITIES.name(code);
    }

    /**
     * What an import held about her, from the kind of file its context starts with (e.g.
     * {@code folkbokforing import batch 41}); the general phrase for anything else.
     */
    private String importContent(AccessHistory.Access access) {
        String context = access.context() == null ? "" : access.context().strip();
        int space = context.indexOf(' ');
        Optional<ImportKind> kind = ImportKind.fromPath(space < 0 ? context : context.substring(0, space));
        return text("extract.importContent." + kind.map(Enum::name).orElse("OTHER"));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }
}
