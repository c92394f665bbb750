package se.kaa.platform.database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code manifest.json} of a backup: what the file holds and how to check it.
 *
 * @param format          always {@value #FORMAT}
 * @param formatVersion   {@value #FORMAT_VERSION}
 * @param createdAt       when the snapshot was taken (UTC, ISO-8601)
 * @param kaaVersion      the KAA that wrote it
 * @param postgresVersion the server it was read from
 * @param flywayVersion   the schema version: a restore creates the schema at exactly this version
 * @param tables          every table of the schema but Flyway's own, in the order they are loaded
 * @param sequences       every sequence's last value in the snapshot
 * @param checksum        SHA-256 over the schema version, every table's name, row count and SHA-256,
 *                        and every sequence ({@link #computeChecksum()})
 */
record BackupManifest(String format, int formatVersion, String createdAt, String kaaVersion, String postgresVersion,
                      String flywayVersion, List<Table> tables, List<SequenceValue> sequences, String checksum) {

    static final String FORMAT = "kaa-backup";
    static final int FORMAT_VERSION = 1;
    static final String ENTRY = "manifest.json";

    /**
     * One table: its rows in PostgreSQL's COPY text format in the ZIP entry {@code entry}.
     *
     * @param sha256 of the entry's bytes
     */
    record Table(String name, List<String> columns, long rows, String sha256, String entry) {
    }

    /** @param lastValue null when the sequence was never used */
    record SequenceValue(String name, Long lastValue) {
    }

    long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    BackupManifest withChecksum() {
        return new BackupManifest(format, formatVersion, createdAt, kaaVersion, postgresVersion, flywayVersion, tables,
                sequences, computeChecksum());
    }

    String computeChecksum() {
        StringBuilder text = new StringBuilder("schema\t").append(flywayVersion).append('\n');
        for (Table t : tables) {
            text.append("table\t").append(t.name()).append('\t').append(String.join(",", t.columns())).append('\t')
                    .append(t.rows()).append('\t').append(t.sha256()).append('\n');
        }
        for (SequenceValue s : sequences) {
            text.append("sequence\t").append(s.name()).append('\t').append(s.lastValue()).append('\n');
        }
        return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
