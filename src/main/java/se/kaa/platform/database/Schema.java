package se.kaa.platform.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The application's schema as the catalogue describes it: tables, their columns, their foreign keys. */
final class Schema {

    private Schema() {
    }

    /** Every table of the current schema except Flyway's history, parents before the tables referring to them. */
    static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                ORDER BY c.relname""")) {
            while (r.next()) {
                if (!Backup.FLYWAY_TABLE.equals(r.getString(1))) {
                    names.add(r.getString(1));
                }
            }
        }
        Map<String, Set<String>> references = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("""
                SELECT c.relname, p.relname FROM pg_constraint f
                JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE f.contype = 'f' AND n.nspname = current_schema()""")) {
            while (r.next()) {
                if (!r.getString(1).equals(r.getString(2))) {
                    references.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(2));
                }
            }
        }
        // parents first, so that a load that must check foreign keys finds them; a cycle keeps name order
        Set<String> ordered = new LinkedHashSet<>();
        boolean progress = true;
        while (ordered.size() < names.size() && progress) {
            progress = false;
            for (String table : names) {
                if (!ordered.contains(table) && references.getOrDefault(table, Set.of()).stream()
                        .allMatch(p -> ordered.contains(p) || !names.contains(p))) {
                    ordered.add(table);
                    progress = true;
                }
            }
        }
        ordered.addAll(names);
        return List.copyOf(ordered);
    }

    /** The columns COPY can write and read: not dropped, not generated. */
    static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT a.attname FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.attgenerated = ''
                ORDER BY a.attnum""")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        }
        return columns;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String columnList(List<String> columns) {
        return columns.stream().map(Schema::quote).collect(Collectors.joining(", "));
    }
}
