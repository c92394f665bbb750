package se.kaa.intake.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.web.multipart.MultipartFile;

import se.kaa.audit.AuditEvent;
import se.kaa.intake.ImportRejectedException;
import se.kaa.intake.internal.ImportBatches;
import se.kaa.intake.internal.ImportService;
import se.kaa.platform.Installation;
import se.kaa.platform.UploadSpool;
import se.kaa.security.AccessScope;
import se.kaa.shared.MunicipalityCode;

/** Turning an upload into an import request: parameters checked, the file spooled under the data directory. */
final class Uploads {

    private Uploads() {
    }

    /**
     * Copies the upload into the spool under the data directory (deleted by the caller) so the import
     * can read it twice; 507 when the disk is full.
     */
    static Path spool(MultipartFile file, ImportService imports, UploadSpool spool) {
        if (file.getSize() > imports.maxFileSizeBytes()) {
            throw imports.tooLarge();
        }
        try (InputStream in = file.getInputStream()) {
            return spool.store(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload", e);
        }
    }

    /** The audit event of reading a batch's report or rejected rows: the known persons of its rejected rows. */
    static AuditEvent batchRead(ImportBatches batches, long id, String context) {
        return AuditEvent.read("IMPORT_BATCH_READ", batches.batch(id).map(b -> MunicipalityCode.of(b.municipality()))
                .orElse(null), batches.rejectedPersons(id), context);
    }

    /**
     * The reason given for a decision on a batch, stripped; {@code null} when none was given and none
     * is required.
     */
    static String reason(String value, boolean required) {
        String reason = value == null ? "" : value.strip();
        if (reason.isEmpty()) {
            if (required) {
                throw se.kaa.platform.ProblemException.invalidFields(List.of(
                        new se.kaa.platform.ProblemException.FieldProblem("reason", "intake.decision.reason.required")));
            }
            return null;
        }
        if (reason.length() > se.kaa.intake.internal.BatchDecisions.MAX_REASON_LENGTH) {
            throw se.kaa.platform.ProblemException.invalidFields(List.of(new se.kaa.platform.ProblemException.FieldProblem(
                    "reason", "intake.decision.reason.too-long", se.kaa.intake.internal.BatchDecisions.MAX_REASON_LENGTH)));
        }
        if (reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw se.kaa.platform.ProblemException.invalidFields(List.of(
                    new se.kaa.platform.ProblemException.FieldProblem("reason", "intake.decision.reason.control")));
        }
        return reason;
    }

    static void delete(Path temp) {
        UploadSpool.delete(temp);
    }

    static MunicipalityCode municipality(String value) {
        if (!MunicipalityCode.isValid(value)) {
            throw ImportRejectedException.field("municipality", "intake.rejected.municipality-invalid",
                    "The municipality is not four digits");
        }
        return MunicipalityCode.of(value);
    }

    /**
     * A municipality the user is granted; any other is refused exactly like one the installation
     * does not serve, listing only her own.
     */
    static MunicipalityCode grantedMunicipality(String value, AccessScope access, Installation installation) {
        MunicipalityCode code = municipality(value);
        if (!access.grants(code)) {
            throw ImportRejectedException.field("municipality", "intake.rejected.municipality-not-served",
                    "Municipality not served by this installation", code.value(),
                    access.granted(installation.servedMunicipalities()).stream().map(MunicipalityCode::value)
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
        return code;
    }

    /** The batch, if it belongs to a municipality the user is granted. */
    static java.util.Optional<ImportBatches.Batch> grantedBatch(ImportBatches batches, long id, AccessScope access) {
        return batches.batch(id).filter(b -> access.grants(MunicipalityCode.of(b.municipality())));
    }

    static LocalDate asOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ImportRejectedException.field("asOf", "intake.rejected.as-of-invalid", "asOf is not YYYY-MM-DD");
    }

    /** The file name without any directory a browser may send; never shown unescaped. */
    static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            return null;
        }
        name = name.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
