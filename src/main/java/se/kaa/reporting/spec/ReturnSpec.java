package se.kaa.reporting.spec;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of the SCB return's format: columns in output order (repeat groups already
 * expanded), code lists, checks, output and suggested mappings of our values to the spec's codes.
 * Read one with {@link ReturnSpecs#parse(byte[])}, which validates it; this constructor does not.
 *
 * @param appliesFrom first day of the first half-year the spec is meant for
 * @param appliesTo   last day it is meant for, null when open
 * @param suggestedMappings code list name -> (our value -> spec code); may be empty
 */
public record ReturnSpec(String id, String version, boolean provisional, String title,
                         LocalDate appliesFrom, LocalDate appliesTo,
                         List<Column> columns,
                         Map<String, CodeList> codeLists,
                         List<Check> checks,
                         Output output,
                         Map<String, Map<String, String>> suggestedMappings) {

    public ReturnSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(output, "output");
        columns = List.copyOf(columns);
        codeLists = ordered(codeLists);
        checks = checks == null ? List.of() : List.copyOf(checks);
        Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
        if (suggestedMappings != null) {
            suggestedMappings.forEach((list, mapping) -> mappings.put(list, ordered(mapping)));
        }
        suggestedMappings = Collections.unmodifiableMap(mappings);
    }

    /** The column with this name, or null when the spec has none. */
    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The columns filled from a concept, in output order (one per index for a repeated concept). */
    public List<Column> columnsFor(String concept) {
        return columns.stream().filter(c -> concept.equals(c.concept())).toList();
    }

    /** The column filled from a concept at a repeat index (null for a non-repeated column). */
    public Optional<Column> column(String concept, Integer index) {
        return columns.stream().filter(c -> concept.equals(c.concept()) && Objects.equals(index, c.index())).findFirst();
    }

    /** How many measures a record can hold: the highest index of a {@code measure.*} column, 0 if none. */
    public int maxMeasures() {
        return columns.stream().filter(c -> c.concept() != null && Concepts.perMeasure(c.concept()) && c.index() != null)
                .mapToInt(Column::index).max().orElse(0);
    }

    /** The code list of this name, if any. */
    public Optional<CodeList> codeList(String name) {
        return Optional.ofNullable(name == null ? null : codeLists.get(name));
    }

    /** The suggested mapping (our value -> code) for a code list; empty when the spec suggests none. */
    public Map<String, String> suggestedMapping(String codeList) {
        return suggestedMappings.getOrDefault(codeList, Map.of());
    }

    /**
     * The spec's code for one of our values in a column's code list, by the suggested mapping; empty
     * when the spec suggests none (an unmapped value is the service's error to report, never a
     * silent default).
     */
    public Optional<String> suggestedCode(Column column, String ourValue) {
        return column.codeList() == null ? Optional.empty()
                : Optional.ofNullable(suggestedMapping(column.codeList()).get(ourValue));
    }

    /**
     * The yes/no code of a YES_NO column: the suggested mapping of {@code "true"}/{@code "false"} in
     * its code list, else {@code J}/{@code N}.
     */
    public String yesNo(Column column, boolean value) {
        return suggestedCode(column, Boolean.toString(value)).orElse(value ? "J" : "N");
    }

    /** Whether the spec is meant for (some of) the period {@code first..last}. */
    public boolean coversPeriod(LocalDate first, LocalDate last) {
        return (appliesFrom == null || !appliesFrom.isAfter(last)) && (appliesTo == null || !appliesTo.isBefore(first));
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
