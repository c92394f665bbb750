package se.kaa.intake.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writing rows back as {@code ;}-separated lines, and masking personnummer in text shown on screen. */
public final class CsvLines {

    /** What a byte sequence that is not UTF-8 is decoded as: a row holding it is refused. */
    static final char REPLACEMENT = '\uFFFD';

    /** 10 or 12 digits with an optional - or + before the last four: anything that may be a personnummer. */
    private static final Pattern PIN_LIKE = Pattern.compile("(?<!\\d)(\\d{6}|\\d{8})[-+]?\\d{4}(?!\\d)");

    private CsvLines() {
    }

    public static String join(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(';');
            }
            line.append(quote(fields.get(i)));
        }
        return line.toString();
    }

    public static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(';') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** Replaces the last four digits of everything that looks like a personnummer with {@code ****}. */
    public static String maskPins(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PIN_LIKE.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "-****"));
    }
}
