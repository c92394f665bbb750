package se.kaa.reporting.spec;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small spec with a column of every type and a check of every kind, and records for it. The
 * personnummer are Skatteverket's test numbers (../shared/testdata/).
 */
final class TestSpecs {

    static final String PNR = "200801172388";
    static final String PNR_2 = "200802012385";
    static final String PNR_3 = "200701012387";
    /** {@link #PNR} with its check digit changed: it cannot belong to anyone. */
    static final String PNR_BAD_CHECK_DIGIT = "200801172387";

    static final LocalDate H2_FIRST = LocalDate.of(2026, 7, 1);
    static final LocalDate H2_LAST = LocalDate.of(2026, 12, 31);

    private TestSpecs() {
    }

    static String minimal() {
        return """
                {
                  "id": "test",
                  "version": "7",
                  "provisional": false,
                  "title": "Testspecifikation",
                  "appliesFrom": "2017-07-01",
                  "appliesTo": null,
                  "columns": [
                    {"name": "kommun", "label": "Kommun", "concept": "municipality", "type": "MUNICIPALITY", "mandatory": true},
                    {"name": "period", "label": "Period", "concept": "period", "type": "PERIOD", "mandatory": true},
                    {"name": "pnr", "label": "Personnummer", "concept": "personnummer", "type": "PERSONNUMMER", "mandatory": true},
                    {"name": "antal", "label": "Antal", "type": "INTEGER", "length": 3},
                    {"name": "namn", "label": "Namn", "type": "TEXT", "length": 5},
                    {"name": "reg", "label": "Registrerad", "concept": "registered", "type": "DATE", "mandatory": true},
                    {"name": "avreg", "label": "Avregistrerad", "concept": "exited", "type": "DATE"},
                    {"name": "orsak", "label": "Orsak", "concept": "exitReason", "type": "CODE", "codeList": "orsak"},
                    {"name": "svar", "label": "Svar", "concept": "contactDuringPeriod", "type": "YES_NO"},
                    {"repeat": {"max": 2, "columns": [
                      {"namePattern": "a{n}_typ", "labelPattern": "Åtgärd {n}: typ", "concept": "measure.type", "type": "CODE", "codeList": "typ"},
                      {"namePattern": "a{n}_start", "labelPattern": "Åtgärd {n}: start", "concept": "measure.start", "type": "DATE"},
                      {"namePattern": "a{n}_slut", "labelPattern": "Åtgärd {n}: slut", "concept": "measure.end", "type": "DATE"}
                    ]}}
                  ],
                  "codeLists": {
                    "orsak": {"label": "Avregistreringsorsak", "codes": [
                      {"code": "A", "label": "Alltid giltig"},
                      {"code": "B", "label": "Borttagen", "validTo": "2018-06-30"},
                      {"code": "C", "label": "Kommande", "validFrom": "2027-01-01"}
                    ]},
                    "typ": {"label": "Åtgärdstyp", "codes": [{"code": "T1", "label": "Vägledning"}]}
                  },
                  "checks": [
                    {"id": "orsak-kravs", "kind": "REQUIRED_IF_PRESENT", "column": "orsak", "other": "avreg", "severity": "ERROR",
                     "message": "Avregistreringsorsak saknas fast avregistreringsdatum finns."},
                    {"id": "slut-kraver-start-{n}", "kind": "ABSENT_IF_ABSENT", "column": "a{n}_slut", "other": "a{n}_start", "severity": "ERROR",
                     "message": "Åtgärd {n}: slut utan start."},
                    {"id": "slut-efter-start", "kind": "NOT_BEFORE", "column": "a{n}_slut", "other": "a{n}_start", "severity": "ERROR",
                     "message": "Åtgärd {n}: slut före start."},
                    {"id": "avreg-i-perioden", "kind": "WITHIN_PERIOD", "column": "avreg", "severity": "WARNING",
                     "message": "Avregistreringsdatum utanför perioden."},
                    {"id": "reg-senast-slut", "kind": "NOT_AFTER_PERIOD", "column": "reg", "severity": "ERROR",
                     "message": "Registreringsdatum efter periodens slut."},
                    {"id": "svar-vid-avreg", "kind": "ONE_OF_IF", "column": "svar", "other": "avreg", "values": ["J"], "severity": "ERROR",
                     "message": "Svar ska vara J när avregistreringsdatum finns."}
                  ],
                  "output": {"sheetName": "Data", "delimiter": ";", "charset": "UTF-8", "headerRow": true,
                             "fileNamePattern": "KAA_{municipality}_{period}_v{version}"},
                  "suggestedMappings": {"orsak": {"FYLLT_20": "A"}}
                }
                """;
    }

    static ReturnSpec spec() {
        try {
            return ReturnSpecs.parse(minimal().getBytes(UTF_8));
        } catch (SpecProblems e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    /** A record of {@link #spec()} without problems in 2026H2. */
    static Map<String, String> record() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("kommun", "2380");
        r.put("period", "2026H2");
        r.put("pnr", PNR);
        r.put("antal", "12");
        r.put("namn", "Åsa");
        r.put("reg", "2026-03-01");
        r.put("avreg", "2026-10-15");
        r.put("orsak", "A");
        r.put("svar", "J");
        r.put("a1_typ", "T1");
        r.put("a1_start", "2026-08-01");
        r.put("a1_slut", "2026-09-30");
        return r;
    }

    /** {@link #record()} with changes; a null value removes the column. */
    static Map<String, String> record(String... columnsAndValues) {
        Map<String, String> r = record();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            if (columnsAndValues[i + 1] == null) {
                r.remove(columnsAndValues[i]);
            } else {
                r.put(columnsAndValues[i], columnsAndValues[i + 1]);
            }
        }
        return r;
    }
}
