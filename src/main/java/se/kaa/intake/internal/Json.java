package se.kaa.intake.internal;

import java.util.List;

/** Tiny JSON writing for the jsonb columns (arrays of strings and of column/message objects). */
final class Json {

    private Json() {
    }

    static String strings(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, values.get(i));
        }
        return json.append(']').toString();
    }

    static String problems(List<RowProblem> problems) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < problems.size(); i++) {
            RowProblem p = problems.get(i);
            json.append(i > 0 ? ",{\"column\":" : "{\"column\":");
            string(json, p.column());
            json.append(",\"message\":");
            string(json, p.message());
            json.append('}');
        }
        return json.append(']').toString();
    }

    /** A held snapshot's assessment, as stored in {@code import_batch.hold}. */
    static String hold(se.kaa.intake.ImportReport.Hold hold) {
        return "{\"reasons\":" + strings(hold.reasons()) + ",\"listed\":" + hold.listed()
                + ",\"previousListed\":" + hold.previousListed() + ",\"previousBatch\":" + hold.previousBatch()
                + ",\"movedOut\":" + hold.movedOut() + ",\"casesClosing\":" + hold.casesClosing() + "}";
    }

    /** {@code {"KEY": n, …}} */
    static String counts(java.util.Map<String, Integer> counts) {
        StringBuilder json = new StringBuilder("{");
        counts.forEach((key, n) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, key);
            json.append(':').append(n);
        });
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
