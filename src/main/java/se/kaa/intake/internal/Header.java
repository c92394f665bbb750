package se.kaa.intake.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import se.kaa.intake.ImportRejectedException;

/** The header row of a file: where each known column is; columns may come in any order. */
final class Header {

    /** The column our rejected-rows download adds; ignored without a warning when such a file comes back. */
    static final String ERROR_COLUMN = "fel";

    private final Map<String, Integer> positions;
    private final int width;
    final List<String> unknownColumns;

    private Header(Map<String, Integer> positions, int width, List<String> unknownColumns) {
        this.positions = positions;
        this.width = width;
        this.unknownColumns = unknownColumns;
    }

    /** Maps the header; refuses the file when a required column is missing or a column repeats. */
    static Header of(List<String> names, List<String> required) {
        Map<String, Integer> positions = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = normalise(names.get(i));
            if (name.isEmpty()) {
                continue;
            }
            if (required.contains(name)) {
                if (positions.putIfAbsent(name, i) != null) {
                    throw new ImportRejectedException("intake.rejected.duplicate-column",
                            "Column " + name + " appears twice", name);
                }
            } else if (!name.equals(ERROR_COLUMN)) {
                unknown.add(names.get(i).strip());
            }
        }
        List<String> missing = required.stream().filter(c -> !positions.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            String expected = String.join(";", required);
            if (names.size() == 1 && (names.get(0).contains(",") || names.get(0).contains("\t"))) {
                throw new ImportRejectedException("intake.rejected.wrong-separator",
                        "The header has no semicolons", expected);
            }
            throw new ImportRejectedException("intake.rejected.missing-columns",
                    "Required columns missing: " + missing, String.join(", ", missing), expected);
        }
        return new Header(positions, names.size(), List.copyOf(unknown));
    }

    int indexOf(String column) {
        Integer index = positions.get(column);
        return index == null ? -1 : index;
    }

    int width() {
        return width;
    }

    static String normalise(String name) {
        String n = name.strip();
        if (!n.isEmpty() && n.charAt(0) == '\uFEFF') {
            n = n.substring(1).strip();
        }
        return n.toLowerCase(Locale.ROOT);
    }
}
