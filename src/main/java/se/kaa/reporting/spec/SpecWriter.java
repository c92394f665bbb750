package se.kaa.reporting.spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes records (column name -> value in the spec's form) as the spec says: an xlsx in the
 * layout of SCB's template, or delimited text. Values are written as they are – the writers never
 * map or reformat – and a missing or blank value leaves its cell or field empty; keys that are no
 * column of the spec are not written. Validate with {@link SpecValidator} first.
 */
public final class SpecWriter {

    /** The text a provisional return carries on its "Om filen" sheet, in its print header and file name. */
    public static final String PROVISIONAL_NOTICE = "PRELIMINÄR – kolumner och koder är KAA:s tolkning av SCB:s begrepp "
            + "och har inte stämts av mot SCB:s datafilsbeskrivning för perioden.";

    /** Appended to the file name of a provisional return. */
    public static final String PROVISIONAL_SUFFIX = "_PRELIMINAR";

    private static final Pattern MUNICIPALITY = Pattern.compile("\\d{4}");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}H[12]");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,10}");
    /** Rows SXSSF keeps in memory while writing; the rest go to a temporary file. */
    private static final int WINDOW = 200;

    private SpecWriter() {
    }

    /**
     * The return as an xlsx: one sheet named {@code output.sheetName} with a header row of column
     * names and every value as a text cell (dates too, as SCB's templates have them: yyyy-MM-dd
     * text, and the columns formatted as text so that Excel does not turn them into numbers). A
     * provisional return also gets a sheet "Om filen" saying so and the notice in every printed
     * page's header. Title and properties name the spec, municipality, period and version.
     */
    public static byte[] xlsx(ReturnSpec spec, List<Map<String, String>> records, String municipality, String period, int version) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(records, "records");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW)) {
            try {
                return write(workbook, spec, records, municipality, period, version);
            } finally {
                workbook.dispose(); // the temporary files, whatever the POI version's close() does
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(SXSSFWorkbook workbook, ReturnSpec spec, List<Map<String, String>> records, String municipality,
                                String period, int version) throws IOException {
        workbook.setCompressTempFiles(true);
        short textFormat = workbook.createDataFormat().getFormat("@");
        CellStyle text = workbook.createCellStyle();
        text.setDataFormat(textFormat);
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle header = workbook.createCellStyle();
        header.setDataFormat(textFormat);
        header.setFont(bold);

        Sheet sheet = workbook.createSheet(spec.output().sheetName());
        List<Column> columns = spec.columns();
        Row headerRow = sheet.createRow(0);
        for (int j = 0; j < columns.size(); j++) {
            sheet.setDefaultColumnStyle(j, text);
            sheet.setColumnWidth(j, Math.min(60, Math.max(12, columns.get(j).name().length() + 2)) * 256);
            textCell(headerRow, j, columns.get(j).name(), header);
        }
        sheet.createFreezePane(0, 1);
        for (int i = 0; i < records.size(); i++) {
            Row row = sheet.createRow(i + 1);
            Map<String, String> record = records.get(i);
            for (int j = 0; j < columns.size(); j++) {
                String value = record.get(columns.get(j).name());
                if (!SpecValidator.absent(value)) {
                    textCell(row, j, value, text);
                }
            }
        }
        String title = spec.title() + " – kommun " + municipality + ", " + period + ", version " + version
                + (spec.provisional() ? " – PRELIMINÄR" : "");
        if (spec.provisional()) {
            sheet.getHeader().setCenter("PRELIMINÄR – inte avstämd mot SCB:s datafilsbeskrivning");
            sheet.getFooter().setCenter("PRELIMINÄR – " + spec.id() + " version " + spec.version());
            Sheet about = workbook.createSheet(ReturnSpecs.ABOUT_SHEET);
            about.setColumnWidth(0, 120 * 256);
            String[] lines = {
                    PROVISIONAL_NOTICE,
                    "",
                    "Specifikation: " + spec.id() + " version " + spec.version() + " (" + spec.title() + ")",
                    "Kommun: " + municipality,
                    "Period: " + period,
                    "Version av filen: " + version,
            };
            for (int i = 0; i < lines.length; i++) {
                textCell(about.createRow(i), 0, lines[i], i == 0 ? header : text);
            }
            about.getHeader().setCenter("PRELIMINÄR");
        }
        POIXMLProperties properties = workbook.getXSSFWorkbook().getProperties();
        POIXMLProperties.CoreProperties core = properties.getCoreProperties();
        core.setTitle(title);
        core.setSubjectProperty("Kommunernas aktivitetsansvar – halvårsuppgifter till SCB");
        core.setCreator("KAA");
        core.setKeywords(spec.provisional() ? "KAA; SCB; PRELIMINÄR" : "KAA; SCB");
        core.setDescription(spec.provisional() ? PROVISIONAL_NOTICE
                : "Enligt specifikationen " + spec.id() + " version " + spec.version() + ".");
        POIXMLProperties.CustomProperties custom = properties.getCustomProperties();
        custom.addProperty("specId", spec.id());
        custom.addProperty("specVersion", spec.version());
        custom.addProperty("provisional", spec.provisional());
        custom.addProperty("municipality", String.valueOf(municipality));
        custom.addProperty("period", String.valueOf(period));
        custom.addProperty("version", version);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }

    /**
     * The return as delimited text, byte for byte the same for the same input: a header row of
     * column names when {@code output.headerRow}, then one line per record with the values in
     * column order, separated by {@code output.delimiter}, every line ended by CRLF, encoded in
     * {@code output.charset} without a byte order mark. A value holding the delimiter, a quote or a
     * line break is quoted as RFC 4180 says (in quotes, quotes doubled).
     *
     * @throws IllegalArgumentException when a value cannot be encoded in the charset (the validator
     *                                  reports that first); the message names record and column, never the value
     */
    public static byte[] delimited(ReturnSpec spec, List<Map<String, String>> records) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(records, "records");
        char delimiter = spec.output().delimiter();
        CharsetEncoder encoder = spec.output().charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Column> columns = spec.columns();
        StringBuilder line = new StringBuilder();
        if (spec.output().headerRow()) {
            for (int j = 0; j < columns.size(); j++) {
                field(line, j, encodable(encoder, columns.get(j).name(), "the header", columns.get(j)), delimiter);
            }
            write(out, encoder, line);
        }
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> record = records.get(i);
            for (int j = 0; j < columns.size(); j++) {
                String value = record.get(columns.get(j).name());
                field(line, j, SpecValidator.absent(value) ? "" : encodable(encoder, value, "record " + i, columns.get(j)), delimiter);
            }
            write(out, encoder, line);
        }
        return out.toByteArray();
    }

    /**
     * The file name of a return: {@code output.fileNamePattern} with its placeholders filled,
     * {@value #PROVISIONAL_SUFFIX} appended when the spec is provisional, then the extension, e.g.
     * {@code KAA_2380_2026H2_v3_PRELIMINAR.xlsx}. Characters outside A–Z, a–z, 0–9, _, - and . in a
     * filled value become _.
     *
     * @param municipality four digits
     * @param period       yyyyH1 or yyyyH2
     * @param version      the export's version, from 1
     * @param extension    e.g. "xlsx" or ".csv"
     */
    public static String fileName(ReturnSpec spec, String municipality, String period, int version, String extension) {
        if (municipality == null || !MUNICIPALITY.matcher(municipality).matches()) {
            throw new IllegalArgumentException("municipality must be four digits");
        }
        if (period == null || !PERIOD.matcher(period).matches()) {
            throw new IllegalArgumentException("period must be yyyyH1 or yyyyH2");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
        String ext = extension == null ? "" : extension.startsWith(".") ? extension.substring(1) : extension;
        if (!EXTENSION.matcher(ext).matches()) {
            throw new IllegalArgumentException("extension must be 1-10 letters or digits");
        }
        String name = spec.output().fileNamePattern()
                .replace("{municipality}", municipality)
                .replace("{period}", period)
                .replace("{version}", Integer.toString(version))
                .replace("{specVersion}", spec.version());
        name = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return name + (spec.provisional() ? PROVISIONAL_SUFFIX : "") + "." + ext;
    }

    private static void textCell(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column, CellType.STRING);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static void field(StringBuilder line, int index, String value, char delimiter) {
        if (index > 0) {
            line.append(delimiter);
        }
        if (value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
    }

    private static String encodable(CharsetEncoder encoder, String value, String where, Column column) {
        if (!encoder.canEncode(value)) {
            throw new IllegalArgumentException("In " + where + ", column " + column.name() + " holds a character that "
                    + encoder.charset().name() + " cannot encode");
        }
        return value;
    }

    private static void write(ByteArrayOutputStream out, CharsetEncoder encoder, StringBuilder line) {
        line.append("\r\n");
        try {
            ByteBuffer bytes = encoder.reset().encode(CharBuffer.wrap(line));
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("Checked by encodable", e);
        } finally {
            line.setLength(0);
        }
    }
}
