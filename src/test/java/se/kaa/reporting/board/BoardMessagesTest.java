package se.kaa.reporting.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import se.kaa.reporting.board.BoardReport.Column;
import se.kaa.reporting.board.BoardReport.Note;
import se.kaa.reporting.board.BoardReport.Row;
import se.kaa.reporting.board.BoardReport.Section;
import se.kaa.reporting.board.ChartTable.ChartRow;
import se.kaa.shared.HalfYear;

/** Every key a report carries has a Swedish text, and every text is a valid pattern. */
class BoardMessagesTest {

    @Test
    void everyKeyOfManyReportsHasASwedishText() {
        Random rnd = new Random(11);
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HalfYear period = i % 2 == 0 ? new HalfYear(2026, 1) : new HalfYear(2026, 2);
            BoardReport r = BoardFigures.compute(BoardTestData.randomInput(rnd, period, 40, Suppression.DEFAULT));
            notes.addAll(r.notes());
            for (Section s : r.sections()) {
                notes.add(Note.of(s.titleKey()));
                for (Row row : s.rows()) {
                    notes.add(Note.of(row.labelKey()));
                    if (row.note() != null) {
                        notes.add(row.note());
                    }
                    if (row.trend() != null) {
                        notes.add(Note.of(row.trend().messageKey()));
                    }
                    for (Column c : Column.values()) {
                        if (row.cell(c) != null && row.cell(c).note() != null) {
                            notes.add(Note.of(row.cell(c).note()));
                        }
                    }
                    for (NationalValue v : row.national()) {
                        notes.add(Note.of(v.figure().labelKey()));
                        notes.add(v.valueNote());
                        notes.add(v.periodNote());
                    }
                }
            }
            for (ChartTable t : r.chartTables()) {
                notes.add(Note.of(t.titleKey()));
                notes.addAll(t.series());
                if (t.note() != null) {
                    notes.add(t.note());
                }
                for (ChartRow row : t.rows()) {
                    notes.add(row.label());
                    notes.addAll(row.notes());
                }
            }
        }
        for (NationalFigures.Figure f : NationalFigures.Figure.values()) {
            notes.add(Note.of(f.labelKey()));
        }
        for (Trend t : Trend.values()) {
            notes.add(Note.of(t.messageKey()));
        }
        for (Note n : notes) {
            String text = BoardTestData.RESOLVER.apply(n.key(), n.argsArray());
            assertThat(text).as(n.key()).isNotBlank().doesNotContain("{", "}");
        }
    }

    @Test
    void everyTextIsAValidPatternAndKeysArePrefixed() {
        List<String> board = BoardTestData.messages().stringPropertyNames().stream()
                .filter(k -> k.startsWith("reporting.board.")).toList();
        assertThat(board).as("the board report's texts in the module's bundle").hasSizeGreaterThan(100);
        for (String key : board) {
            String text = BoardTestData.messages().getProperty(key);
            assertThat(text).as(key).isNotBlank().doesNotContain("'");
            new MessageFormat(text, Locale.forLanguageTag("sv-SE")); // throws on a broken pattern
        }
    }
}
