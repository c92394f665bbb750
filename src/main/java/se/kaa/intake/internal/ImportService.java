package se.kaa.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.intake.FactsChanged;
import se.kaa.intake.ImportKind;
import se.kaa.intake.ImportRejectedException;
import se.kaa.intake.ImportReport;
import se.kaa.intake.ImportRequest;
import se.kaa.intake.Imports;
import se.kaa.person.PersonDirectory;
import se.kaa.platform.Installation;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * Imports a canonical CSV file as one batch, streaming: rows are validated a chunk at a time, their
 * persons resolved in bulk, valid rows copied into a temporary staging table with PostgreSQL COPY
 * and rejected rows batch-inserted; then set-based SQL applies the staged rows. Everything happens
 * in one transaction, so a failure anywhere leaves no trace. Memory depends on the chunk size only.
 */
@Service
public class ImportService implements Imports {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    /** An import of at least this many rows refreshes the planner's statistics of what it wrote. */
    static final int ANALYZE_AFTER_ROWS = 10_000;

    private final TransactionTemplate transaction;
    private final PersonDirectory persons;
    private final Installation installation;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final IntakeProperties properties;
    private final IntakeMessages messages;
    private final ImportBatches batches;
    private final Map<ImportKind, ImportFormat> formats = new EnumMap<>(ImportKind.class);
    private final AuditLog audit;
    private final SnapshotHold hold;

    public ImportService(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
                         PersonDirectory persons, Installation installation, Clock clock,
                         ApplicationEventPublisher events, IntakeProperties properties, IntakeMessages messages,
                         ImportBatches batches, List<ImportFormat> formats, AuditLog audit, SnapshotHold hold) {
        this.hold = hold;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactionManager);
        this.persons = persons;
        this.installation = installation;
        this.clock = clock;
        this.events = events;
        this.properties = properties;
        this.messages = messages;
        this.batches = batches;
        formats.forEach(f -> this.formats.put(f.kind(), f));
        this.audit = audit;
    }

    /** The formats' canonical columns, for the upload page. */
    public List<String> columns(ImportKind kind) {
        return formats.get(kind).columns();
    }

    public long maxFileSizeBytes() {
        return properties.maxFileSize().toBytes();
    }

    /** When a snapshot is held for confirmation, for the batch page. */
    public IntakeProperties.Hold holdLimits() {
        return properties.hold();
    }

    public long maxFileSizeMegabytes() {
        return properties.maxFileSize().toMegabytes();
    }

    @Override
    public ImportReport importFile(ImportRequest request) {
        checkRequest(request);
        FileInspection inspection;
        try {
            if (Files.size(request.content()) > properties.maxFileSize().toBytes()) {
                throw tooLarge();
            }
            inspection = FileInspection.of(request.content());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file", e);
        }
        var earlier = batches.findByHash(request.kind().source(), request.municipality(), inspection.sha256(), request.asOf());
        if (earlier.isPresent()) {
            return batches.report(earlier.get(), true).orElseThrow();
        }
        long batchId;
        try {
            // The follow-up (recomputation, cases) is published in the transaction and runs right after
            // its commit, before this returns; were the process to die in between, the event
            // publication registry has it and it is resubmitted at the next start.
            batchId = transaction.execute(status -> importInTransaction(request, inspection));
        } catch (DuplicateKeyException e) {
            // The same file was imported concurrently and committed first.
            return batches.findByHash(request.kind().source(), request.municipality(), inspection.sha256(), request.asOf())
                    .flatMap(id -> batches.report(id, true)).orElseThrow(() -> e);
        }
        return batches.report(batchId, false).orElseThrow();
    }

    public ImportRejectedException tooLarge() {
        return new ImportRejectedException(HttpStatus.CONTENT_TOO_LARGE, "intake.rejected.too-large",
                "The file is larger than kaa.intake.max-file-size", List.of(), maxFileSizeMegabytes());
    }

    private void checkRequest(ImportRequest request) {
        if (request.municipality() == null || !installation.serves(request.municipality())) {
            throw ImportRejectedException.field("municipality", "intake.rejected.municipality-not-served",
                    "Municipality not served by this installation",
                    request.municipality() == null ? "" : request.municipality().value(),
                    installation.servedMunicipalities().stream().map(MunicipalityCode::value)
                            .collect(Collectors.joining(", ")));
        }
        if (request.kind() == ImportKind.FOLKBOKFORING && request.asOf() == null) {
            throw ImportRejectedException.field("asOf", "intake.rejected.as-of-required",
                    "A folkbokföring snapshot needs its date (asOf)");
        }
        if (request.asOf() != null && request.asOf().isAfter(LocalDate.now(clock))) {
            throw ImportRejectedException.field("asOf", "intake.rejected.as-of-future", "asOf is in the future");
        }
    }

    private long importInTransaction(ImportRequest request, FileInspection inspection) {
        ImportFormat format = formats.get(request.kind());
        Instant receivedAt = clock.instant();
        LocalDate referenceDate = request.asOf() != null ? request.asOf() : LocalDate.ofInstant(receivedAt, clock.getZone());
        int lastLine = 1;
        long tStart = System.nanoTime();
        try (InputStream in = Files.newInputStream(request.content())) {
            in.skipNBytes(inspection.bomLength());
            Reader reader = new InputStreamReader(in, inspection.charset());
            CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(';').quoteCharacter('"')
                    .skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true).ofCsvRecord(reader);
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw FileInspection.empty();
            }
            CsvRecord headerRecord = records.next();
            Header header = Header.of(headerRecord.getFields(), format.columns());
            List<String> warnings = new ArrayList<>();
            if (!inspection.utf8()) {
                warnings.add(messages.get("intake.warning.windows-1252"));
            }
            for (String unknown : header.unknownColumns) {
                String shown = CsvLines.maskPins(unknown);
                warnings.add(messages.get("intake.warning.unknown-column",
                        shown.length() > 60 ? shown.substring(0, 60) + "…" : shown));
            }
            long batchId = insertBatch(request, inspection, headerRecord, receivedAt);
            ImportFormat.Context context = new ImportFormat.Context(batchId, request.kind(), request.municipality(),
                    request.asOf(), referenceDate, receivedAt, jdbc);
            jdbc.execute(format.stagingDdl());
            Chunk chunk = new Chunk(format, context);
            int rowsTotal = 0;
            while (records.hasNext()) {
                CsvRecord record = records.next();
                List<String> fields = record.getFields();
                lastLine = (int) record.getStartingLineNumber();
                if (fields.stream().allMatch(String::isBlank)) {
                    continue; // a line of only separators, as spreadsheets leave at the end
                }
                rowsTotal++;
                Row row = new Row(header, fields, messages);
                ImportFormat.Staged staged = null;
                if (fields.size() != header.width()) {
                    row.problem(null, "intake.row.field-count", fields.size(), header.width());
                } else if (inspection.utf8() && fields.stream().anyMatch(f -> f.indexOf(CsvLines.REPLACEMENT) >= 0)) {
                    // bytes that are not UTF-8 in an otherwise UTF-8 file: this row only is refused
                    row.problem(null, "intake.row.invalid-encoding");
                } else {
                    staged = format.parse(row, context);
                }
                String raw = CsvLines.join(fields);
                if (staged != null) {
                    chunk.accept(lastLine, raw, staged);
                } else {
                    chunk.reject(lastLine, raw, row.problems, identifiable(row, referenceDate));
                }
                if (chunk.size() >= properties.chunkSize()) {
                    chunk.flush();
                }
            }
            chunk.flush();
            long tStaged = System.nanoTime();
            if (rowsTotal == 0) {
                throw new ImportRejectedException("intake.rejected.no-rows", "The file has a header but no rows");
            }
            jdbc.execute("CREATE INDEX ON " + ImportFormat.STAGE + " (row_number)");
            jdbc.execute("ANALYZE " + ImportFormat.STAGE);
            rejectDuplicates(format, batchId);
            int accepted = jdbc.queryForObject("SELECT count(*) FROM " + ImportFormat.STAGE, Integer.class);
            int rejected = jdbc.queryForObject("SELECT count(*) FROM import_rejected_row WHERE batch_id = ?",
                    Integer.class, batchId);
            long tDedupe = System.nanoTime();
            ImportReport.Hold held = null;
            if (accepted > 0 && request.kind() == ImportKind.FOLKBOKFORING) {
                held = hold.assess(context);
            }
            String status;
            if (accepted == 0) {
                status = "REJECTED";
                warnings.add(messages.get("intake.warning.all-rejected"));
            } else if (held != null) {
                status = "AWAITING_CONFIRMATION";
                hold.keep(batchId); // nothing of it counts until a person confirms it
            } else {
                status = "COMPLETED";
                format.apply(context);
            }
            jdbc.update("""
                    UPDATE import_batch SET status = ?, rows_total = ?, rows_accepted = ?, rows_rejected = ?,
                           warnings = ?::jsonb, completed_at = ?, hold = ?::jsonb, follow_up = ?
                    WHERE id = ?""", status, rowsTotal, accepted, rejected,
                    Json.strings(warnings), Timestamp.from(clock.instant()), held == null ? null : Json.hold(held),
                    "COMPLETED".equals(status) ? "PENDING" : null, batchId);
            if ("COMPLETED".equals(status) && accepted >= ANALYZE_AFTER_ROWS) {
                // A first load multiplies a table's size: without fresh statistics the recomputation and
                // the case lifecycle that follow may plan on the old, small one (a nested loop over a
                // sequential scan). ANALYZE in the import's transaction is visible at its commit.
                jdbc.execute("ANALYZE person, " + format.factTable());
            }
            long tApplied = System.nanoTime();
            // Audited in the import's transaction as its batch: the persons are those of its rows.
            String cause = request.kind().path() + " import batch " + batchId;
            // whether a person of it has protected identity, from its staged rows: the audit log's own
            // look-up goes through every protected person of the installation, for each file
            boolean protectedPerson = Boolean.TRUE.equals(jdbc.queryForObject("""
                    SELECT EXISTS (SELECT 1 FROM %s s JOIN person p ON p.id = s.person_id
                                   WHERE p.protected_identity)""".formatted(ImportFormat.STAGE), Boolean.class));
            audit.record(AuditEvent.ofBatch(held != null ? "IMPORT_HELD" : "IMPORT_UPLOADED", AuditEvent.Kind.WRITE,
                    request.municipality(), batchId, cause, protectedPerson));
            long tAudited = System.nanoTime();
            if ("COMPLETED".equals(status)) {
                // recorded with the facts; the recomputation and the cases follow after the commit
                events.publishEvent(FactsChanged.ofBatch(batchId, cause));
            }
            log.info("Imported {} batch {} for {}: {} rows, {} accepted, {} rejected, {} (ms: staged {}, checked {}, "
                            + "applied {}, audited {}; of which resolving persons {})",
                    request.kind(), batchId, request.municipality(), rowsTotal, accepted, rejected, status,
                    (tStaged - tStart) / 1_000_000, (tDedupe - tStaged) / 1_000_000, (tApplied - tDedupe) / 1_000_000,
                    (tAudited - tApplied) / 1_000_000, chunk.resolveNanos / 1_000_000);
            return batchId;
        } catch (CsvParseException e) {
            throw new ImportRejectedException("intake.rejected.unparseable", "The file is not valid CSV", lastLine + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file", e);
        }
    }

    private long insertBatch(ImportRequest request, FileInspection inspection, CsvRecord header, Instant receivedAt) {
        return jdbc.queryForObject("""
                INSERT INTO import_batch (source, municipality, as_of, file_name, sha256, status, encoding, header_line,
                       uploaded_by, received_at)
                VALUES (?, ?, ?, ?, ?, 'COMPLETED', ?, ?, ?, ?) RETURNING id""", Long.class,
                request.kind().source().name(), request.municipality().value(),
                request.kind() == ImportKind.FOLKBOKFORING ? request.asOf() : null,
                request.fileName(), inspection.sha256(), inspection.charset().name(), CsvLines.join(header.getFields()),
                request.username(), Timestamp.from(receivedAt));
    }

    /** A later row for the same fact as an earlier row of the file is rejected, naming the earlier row. */
    private void rejectDuplicates(ImportFormat format, long batchId) {
        jdbc.update("""
                WITH dup AS (
                    SELECT row_number, first_row FROM (
                        SELECT row_number, min(row_number) OVER (PARTITION BY %s) AS first_row FROM intake_stage) x
                    WHERE row_number <> first_row),
                del AS (
                    DELETE FROM intake_stage s USING dup WHERE s.row_number = dup.row_number
                    RETURNING s.row_number, s.raw_line, dup.first_row)
                INSERT INTO import_rejected_row (batch_id, row_number, raw_line, errors)
                SELECT ?, row_number, raw_line,
                       jsonb_build_array(jsonb_build_object('column', 'personnummer',
                                                            'message', replace(?, '%%ROW%%', first_row::text)))
                FROM del""".formatted(format.duplicateKey()),
                batchId, messages.get(format.duplicateMessageKey(), "%ROW%"));
    }

    /**
     * The personnummer of a rejected row when it is itself valid: a person whose snapshot row was
     * rejected for another column is still listed in that snapshot, and must not look moved out.
     */
    private static PersonalIdentityNumber identifiable(Row row, LocalDate referenceDate) {
        String text = row.rawText("personnummer");
        if (text == null) {
            return null;
        }
        try {
            return PersonalIdentityNumber.parse(text, referenceDate);
        } catch (PersonalIdentityNumber.InvalidException e) {
            return null;
        }
    }

    /** Up to one chunk of rows: valid ones go to the staging table by COPY, rejected ones by a JDBC batch. */
    private final class Chunk {
        private final ImportFormat format;
        private final ImportFormat.Context context;
        private final String copySql;
        private final List<Integer> lines = new ArrayList<>();
        private final List<String> raws = new ArrayList<>();
        private final List<ImportFormat.Staged> staged = new ArrayList<>();
        private final List<Object[]> rejected = new ArrayList<>();
        long resolveNanos;

        private final boolean detailsAtCreation;

        Chunk(ImportFormat format, ImportFormat.Context context) {
            this.format = format;
            this.context = context;
            this.copySql = format.copySql();
            this.detailsAtCreation = format.detailsAtCreation(context);
        }

        int size() {
            return staged.size() + rejected.size();
        }

        void accept(int line, String raw, ImportFormat.Staged row) {
            lines.add(line);
            raws.add(raw);
            staged.add(row);
        }

        void reject(int line, String raw, List<RowProblem> problems, PersonalIdentityNumber pin) {
            rejected.add(new Object[] {context.batchId(), line, raw, Json.problems(problems),
                    pin == null ? null : pin.value()});
        }

        void flush() {
            if (!staged.isEmpty()) {
                long t = System.nanoTime();
                Map<PersonalIdentityNumber, UUID> ids;
                if (detailsAtCreation) {
                    Map<PersonalIdentityNumber, se.kaa.person.RegisteredDetails> details = new java.util.HashMap<>();
                    staged.forEach(row -> details.putIfAbsent(row.pin(), format.newPersonDetails(row, context)));
                    ids = persons.resolveOrCreate(details.keySet(), details::get);
                } else {
                    ids = persons.resolveOrCreate(staged.stream().map(ImportFormat.Staged::pin).toList());
                }
                resolveNanos += System.nanoTime() - t;
                StringBuilder copy = new StringBuilder(staged.size() * 160);
                for (int i = 0; i < staged.size(); i++) {
                    ImportFormat.Staged row = staged.get(i);
                    copy.append(lines.get(i)).append('\t');
                    copyValue(copy, raws.get(i));
                    copy.append('\t').append(ids.get(row.pin()));
                    for (Object value : row.values()) {
                        copy.append('\t');
                        copyValue(copy, value);
                    }
                    copy.append('\n');
                }
                copyIn(copy);
            }
            if (!rejected.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO import_rejected_row (batch_id, row_number, raw_line, errors, pnr) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?)", rejected);
            }
            lines.clear();
            raws.clear();
            staged.clear();
            rejected.clear();
        }

        private void copyIn(StringBuilder data) {
            // The connection of the current transaction: the COPY is part of the import's all-or-nothing.
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn(copySql, new StringReader(data.toString()));
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into the staging table failed", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    /** One value in PostgreSQL's COPY text format. */
    private static void copyValue(StringBuilder copy, Object value) {
        if (value == null) {
            copy.append("\\N");
            return;
        }
        if (value instanceof Boolean b) {
            copy.append(b ? 't' : 'f');
            return;
        }
        String text = value instanceof Enum<?> e ? e.name() : value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> copy.append("\\\\");
                case '\t' -> copy.append("\\t");
                case '\n' -> copy.append("\\n");
                case '\r' -> copy.append("\\r");
                default -> copy.append(c);
            }
        }
    }
}
