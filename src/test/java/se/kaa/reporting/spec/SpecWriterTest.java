package se.kaa.reporting.spec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The writers: delimited text byte for byte, the xlsx read back with POI, and file names. */
@se.kaa.testsupport.ProcessLane
class SpecWriterTest {

    private static ReturnSpec small(String charset, String delimiter, boolean headerRow, boolean provisional) {
        String json = """
                {
                  "id": "liten", "version": "2", "provisional": %s, "title": "Liten", "appliesFrom": "2017-07-01",
                  "columns": [
                    {"name": "namn", "label": "Namn", "type": "TEXT"},
                    {"name": "datum", "label": "Datum", "type": "DATE"},
                    {"name": "kommentar", "label": "Kommentar", "type": "TEXT"}
                  ],
                  "output": {"sheetName": "Uppgifter", "delimiter": "%s", "charset": "%s", "headerRow": %s,
                             "fileNamePattern": "LITEN_{municipality}_{period}_v{version}_spec{specVersion}"}
                }
                """.formatted(provisional, delimiter, charset, headerRow);
        try {
            return ReturnSpecs.parse(json.getBytes(UTF_8));
        } catch (SpecProblems e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    private static List<Map<String, String>> records() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("namn", "Åsa");
        first.put("datum", "2026-08-01");
        first.put("kommentar", "Sa \"hej\"; då");
        Map<String, String> second = new LinkedHashMap<>();
        second.put("namn", "Bo");
        second.put("kommentar", "rad1\nrad2");
        second.put("okänd", "skrivs inte");
        Map<String, String> third = new LinkedHashMap<>();
        third.put("namn", "  ");
        third.put("datum", "2026-12-31");
        third.put("kommentar", "a,b");
        return List.of(first, second, third);
    }

    @Test
    void delimitedIsQuotedCrlfAndInTheSpecsCharsetLatin1() {
        byte[] bytes = SpecWriter.delimited(small("ISO-8859-1", ";", true, false), records());

        String expected = "namn;datum;kommentar\r\n"
                + "Åsa;2026-08-01;\"Sa \"\"hej\"\"; då\"\r\n"
                + "Bo;;\"rad1\nrad2\"\r\n"
                + ";2026-12-31;a,b\r\n";
        assertThat(bytes).isEqualTo(expected.getBytes(ISO_8859_1));
        assertThat(bytes).hasSize(expected.length());
        assertThat(bytes[22]).as("Å in ISO-8859-1").isEqualTo((byte) 0xC5);
        assertThat(new String(bytes, 0, 22, ISO_8859_1)).isEqualTo("namn;datum;kommentar\r\n");
    }

    @Test
    void delimitedInUtf8HasNoByteOrderMark() {
        byte[] bytes = SpecWriter.delimited(small("UTF-8", ";", true, false), records());

        String expected = "namn;datum;kommentar\r\n"
                + "Åsa;2026-08-01;\"Sa \"\"hej\"\"; då\"\r\n"
                + "Bo;;\"rad1\nrad2\"\r\n"
                + ";2026-12-31;a,b\r\n";
        assertThat(bytes).isEqualTo(expected.getBytes(UTF_8));
        assertThat(bytes).hasSize(expected.length() + 2); // Å and å take two bytes each
        assertThat(new byte[] {bytes[22], bytes[23]}).as("Å in UTF-8").containsExactly((byte) 0xC3, (byte) 0x85);
        assertThat(bytes[0]).isEqualTo((byte) 'n');
    }

    @Test
    void delimitedWithAnotherDelimiterAndNoHeader() {
        byte[] bytes = SpecWriter.delimited(small("UTF-8", ",", false, false), records());

        assertThat(new String(bytes, UTF_8)).isEqualTo("Åsa,2026-08-01,\"Sa \"\"hej\"\"; då\"\r\n"
                + "Bo,,\"rad1\nrad2\"\r\n"
                + ",2026-12-31,\"a,b\"\r\n");
        assertThat(SpecWriter.delimited(small("UTF-8", ",", false, false), records())).as("deterministic").isEqualTo(bytes);
    }

    @Test
    void aValueTheCharsetCannotHoldIsRefusedWithoutQuotingIt() {
        Map<String, String> record = Map.of("namn", "Ŝa");

        assertThatThrownBy(() -> SpecWriter.delimited(small("ISO-8859-1", ";", true, false), List.of(record)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 0").hasMessageContaining("namn")
                .hasMessageNotContaining("Ŝa");
    }

    @Test
    void theXlsxReadsBackWithHeaderTextValuesAndTheProvisionalSheet() throws IOException {
        byte[] bytes = SpecWriter.xlsx(small("UTF-8", ";", false, true), records(), "2380", "2026H2", 3);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
            Sheet data = workbook.getSheetAt(0);
            assertThat(data.getSheetName()).isEqualTo("Uppgifter");
            assertThat(values(data.getRow(0))).containsExactly("namn", "datum", "kommentar");
            assertThat(values(data.getRow(1))).containsExactly("Åsa", "2026-08-01", "Sa \"hej\"; då");
            assertThat(values(data.getRow(2))).containsExactly("Bo", null, "rad1\nrad2");
            assertThat(values(data.getRow(3))).containsExactly(null, "2026-12-31", "a,b");
            assertThat(data.getRow(1).getCell(1).getCellType()).as("dates stay text").isEqualTo(CellType.STRING);
            assertThat(data.getLastRowNum()).isEqualTo(3);
            assertThat(data.getHeader().getCenter()).startsWith("PRELIMINÄR");

            Sheet about = workbook.getSheet("Om filen");
            assertThat(about).isNotNull();
            assertThat(about.getRow(0).getCell(0).getStringCellValue()).isEqualTo("PRELIMINÄR – kolumner och koder är KAA:s tolkning "
                    + "av SCB:s begrepp och har inte stämts av mot SCB:s datafilsbeskrivning för perioden.");
            assertThat(about.getRow(3).getCell(0).getStringCellValue()).isEqualTo("Kommun: 2380");

            var core = workbook.getProperties().getCoreProperties();
            assertThat(core.getTitle()).isEqualTo("Liten – kommun 2380, 2026H2, version 3 – PRELIMINÄR");
            assertThat(core.getCreator()).isEqualTo("KAA");
            var custom = workbook.getProperties().getCustomProperties();
            assertThat(custom.getProperty("specId").getLpwstr()).isEqualTo("liten");
            assertThat(custom.getProperty("provisional").getBool()).isTrue();
        }
    }

    @Test
    void aFinalReturnHasNoProvisionalSheet() throws IOException {
        byte[] bytes = SpecWriter.xlsx(small("UTF-8", ";", true, false), records(), "2380", "2026H2", 1);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            assertThat(workbook.getSheet("Om filen")).isNull();
            assertThat(workbook.getProperties().getCoreProperties().getTitle()).isEqualTo("Liten – kommun 2380, 2026H2, version 1");
            assertThat(values(workbook.getSheetAt(0).getRow(0))).containsExactly("namn", "datum", "kommentar");
        }
    }

    @Test
    void theShippedSpecWritesAllItsColumns() throws IOException {
        ReturnSpec shipped = ReturnSpecs.shipped();
        Map<String, String> record = new LinkedHashMap<>();
        record.put("kommun", "2380");
        record.put("personnummer", TestSpecs.PNR_3);
        record.put("atgard3_syss_efter", "99");

        byte[] bytes = SpecWriter.xlsx(shipped, List.of(record), "2380", "2026H2", 2);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet data = workbook.getSheet("Data");
            assertThat(values(data.getRow(0))).hasSize(25).startsWith("kommun", "period", "personnummer").endsWith("atgard3_syss_efter");
            assertThat(data.getRow(1).getCell(2).getStringCellValue()).isEqualTo(TestSpecs.PNR_3);
            assertThat(data.getRow(1).getCell(24).getStringCellValue()).isEqualTo("99");
            assertThat(workbook.getSheet("Om filen")).isNotNull();
        }
        String csv = new String(SpecWriter.delimited(shipped, List.of(record)), ISO_8859_1);
        assertThat(csv).startsWith("kommun;period;personnummer;forsta_reg_datum;").endsWith("\r\n2380;;" + TestSpecs.PNR_3
                + ";;;;;;;;;;;;;;;;;;;;;;99\r\n");
    }

    @Test
    void fileNames() {
        assertThat(SpecWriter.fileName(ReturnSpecs.shipped(), "2380", "2026H2", 3, "xlsx")).isEqualTo("KAA_2380_2026H2_v3_PRELIMINAR.xlsx");
        assertThat(SpecWriter.fileName(ReturnSpecs.shipped(), "0180", "2027H1", 1, ".csv")).isEqualTo("KAA_0180_2027H1_v1_PRELIMINAR.csv");
        assertThat(SpecWriter.fileName(small("UTF-8", ";", true, false), "2380", "2026H2", 12, "csv"))
                .isEqualTo("LITEN_2380_2026H2_v12_spec2.csv");
        assertThatThrownBy(() -> SpecWriter.fileName(ReturnSpecs.shipped(), "23800", "2026H2", 1, "xlsx"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecWriter.fileName(ReturnSpecs.shipped(), "2380", "2026H3", 1, "xlsx"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecWriter.fileName(ReturnSpecs.shipped(), "2380", "2026H2", 0, "xlsx"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecWriter.fileName(ReturnSpecs.shipped(), "2380", "2026H2", 1, "../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> values(Row row) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 3 || i < row.getLastCellNum(); i++) {
            Cell cell = row.getCell(i);
            values.add(cell == null ? null : cell.getStringCellValue());
        }
        return values;
    }
}
