package se.kaa.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.springframework.stereotype.Component;

import se.kaa.intake.ImportRejectedException;
import se.kaa.intake.SchoolUnits;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.SchoolUnitCode;

/**
 * Reads a school unit file (docs/imports.md, "Skolenheter"): {@code skolenhetskod;namn;huvudman;
 * skolformer;kommunkod}, semicolons, UTF-8 (or Windows-1252 as the other imports). Every row is checked;
 * the rows that pass are saved – new units added, known ones updated – and each refused row is named
 * with its line, column and what is expected. A file that cannot be read as such is refused whole.
 */
@Component
public class SchoolUnitFile {

    static final List<String> COLUMNS = List.of("skolenhetskod", "namn", "huvudman", "skolformer", "kommunkod");
    static final int MAX_ROWS = 50_000;

    /** A refused row: its line in the file, the column, a message key of intake.properties and its arguments. */
    public record Refused(long line, String column, String messageKey, List<Object> args) {
    }

    /** What an upload did. */
    public record Result(int rows, int saved, int unchanged, List<Refused> refused) {
    }

    private final SchoolUnits units;

    SchoolUnitFile(SchoolUnits units) {
        this.units = units;
    }

    public Result read(Path file, String user) {
        try {
            FileInspection inspection = FileInspection.of(file);
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(inspection.bomLength());
                Reader reader = new InputStreamReader(in, inspection.charset());
                CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(';').quoteCharacter('"')
                        .skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true).ofCsvRecord(reader);
                var records = csv.iterator();
                if (!records.hasNext()) {
                    throw FileInspection.empty();
                }
                Header header = Header.of(records.next().getFields(), COLUMNS);
                Map<String, SchoolUnits.Unit> accepted = new LinkedHashMap<>();
                List<Refused> refused = new ArrayList<>();
                int rows = 0;
                while (records.hasNext()) {
                    CsvRecord record = records.next();
                    if (++rows > MAX_ROWS) {
                        throw new ImportRejectedException("intake.schoolUnits.tooManyRows",
                                "More than " + MAX_ROWS + " rows", MAX_ROWS);
                    }
                    long line = record.getStartingLineNumber();
                    Refused problem = check(record, header, line, accepted);
                    if (problem != null) {
                        refused.add(problem);
                    }
                }
                SchoolUnits.Saved saved = units.save(accepted.values(), "CSV", user);
                return new Result(rows, saved.saved(), saved.unchanged(), refused);
            }
        } catch (CsvParseException e) {
            throw new ImportRejectedException("intake.rejected.unparseable", "The file is not valid CSV", 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file", e);
        }
    }

    private static Refused check(CsvRecord record, Header header, long line, Map<String, SchoolUnits.Unit> accepted) {
        String code = field(record, header, "skolenhetskod");
        String name = field(record, header, "namn");
        String organiser = field(record, header, "huvudman");
        String types = field(record, header, "skolformer");
        String municipality = field(record, header, "kommunkod");
        if (record.getFieldCount() != header.width()) {
            return new Refused(line, null, "intake.schoolUnits.fieldCount", List.of(record.getFieldCount(), header.width()));
        }
        if (code.isEmpty()) {
            return new Refused(line, "skolenhetskod", "intake.schoolUnits.required", List.of());
        }
        if (!SchoolUnitCode.isValid(code)) {
            return new Refused(line, "skolenhetskod", "intake.schoolUnits.code", List.of(shown(code)));
        }
        if (accepted.containsKey(code)) {
            return new Refused(line, "skolenhetskod", "intake.schoolUnits.duplicate", List.of(code));
        }
        if (name.isEmpty()) {
            return new Refused(line, "namn", "intake.schoolUnits.required", List.of());
        }
        if (name.length() > 200 || organiser.length() > 200) {
            return new Refused(line, name.length() > 200 ? "namn" : "huvudman", "intake.schoolUnits.long", List.of(200));
        }
        if (hasControl(name) || hasControl(organiser)) {
            return new Refused(line, hasControl(name) ? "namn" : "huvudman", "intake.schoolUnits.control", List.of());
        }
        List<String> unknown = SchoolUnits.unknownTypes(types);
        if (!unknown.isEmpty()) {
            return new Refused(line, "skolformer", "intake.schoolUnits.types", List.of(shown(String.join(", ", unknown))));
        }
        if (!municipality.isEmpty() && !MunicipalityCode.isValid(municipality)) {
            return new Refused(line, "kommunkod", "intake.schoolUnits.municipality", List.of(shown(municipality)));
        }
        accepted.put(code, new SchoolUnits.Unit(code, name, organiser.isEmpty() ? null : organiser,
                SchoolUnits.types(types), municipality.isEmpty() ? null : MunicipalityCode.of(municipality)));
        return null;
    }

    /** A value as a message repeats it: control characters as "?", at most 30 characters. */
    static String shown(String value) {
        String clean = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.codePointCount(0, clean.length()) <= 30 ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, 30)) + "…";
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl) || s.indexOf(CsvLines.REPLACEMENT) >= 0;
    }

    private static String field(CsvRecord record, Header header, String column) {
        int i = header.indexOf(column);
        return i < 0 || i >= record.getFieldCount() ? "" : record.getField(i).strip();
    }
}
