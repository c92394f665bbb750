package se.kaa.audit.web;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import se.kaa.audit.AuditEntry;
import se.kaa.platform.ProblemException;
import se.kaa.platform.ProblemException.FieldProblem;

/** Parsing search criteria, and the CSV export shared by the pages and the API. */
final class AuditQueries {

    static final DateTimeFormatter SWEDISH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Europe/Stockholm"));

    private final List<FieldProblem> problems = new ArrayList<>();

    LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "problem.field.date", name));
            return null;
        }
    }

    UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(name, "problem.field.type-mismatch", name));
            return null;
        }
    }

    List<FieldProblem> problems() {
        return problems;
    }

    void check() {
        if (!problems.isEmpty()) {
            throw ProblemException.invalidFields(problems);
        }
    }

    /** A short description of the criteria for the audit entry of the search itself (never a personnummer). */
    static String describe(String channel, UUID personId, String user, LocalDate from, LocalDate to) {
        List<String> parts = new ArrayList<>();
        if (personId != null) {
            parts.add("personId=" + personId);
        }
        if (user != null && !user.isBlank()) {
            parts.add("user=" + user.strip());
        }
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        return channel + (parts.isEmpty() ? "" : " " + String.join(" ", parts));
    }

    static void writeCsv(List<AuditEntry> entries, Writer out) throws IOException {
        out.write('\uFEFF');
        out.write("id;tidpunkt;anvandare;typ_av_anvandare;kommun;handelse;lasning_skrivning;antal_personer;"
                + "person_ids;importfil;sammanhang;skyddad_identitet;foregaende_hash;hash\r\n");
        for (AuditEntry e : entries) {
            out.write(String.join(";", List.of(Long.toString(e.id()), SWEDISH_TIME.format(e.occurredAt()),
                    csv(e.actor()), e.actorType(), e.municipality() == null ? "" : e.municipality(), csv(e.action()),
                    e.kind().name(), Integer.toString(e.personIds().size()),
                    e.personIds().stream().map(UUID::toString).collect(Collectors.joining(" ")),
                    e.batchId() == null ? "" : e.batchId().toString(), csv(e.context()),
                    e.protectedIdentity() ? "JA" : "NEJ", e.prevHash(), e.hash())));
            out.write("\r\n");
        }
        out.flush();
    }

    /** Quotes a field when needed; a leading formula character is neutralised for spreadsheets. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
