package se.kaa.reporting.board;

import java.util.Objects;

import se.kaa.reporting.board.BoardReport.Note;
import se.kaa.reporting.board.NationalFigures.Figure;
import se.kaa.reporting.board.NationalFigures.PeriodKind;
import se.kaa.reporting.board.NationalFigures.Unit;

/**
 * A national figure beside a municipality's: its value, which period it is of and whether the source
 * gives it only approximately ("cirka"). {@code period} is "2022H2", "2022/23" or null (undated);
 * {@code note} is the file's Swedish note, if any.
 */
public record NationalValue(Figure figure, PeriodKind kind, String period, double value, boolean approximate, String note) {

    public NationalValue {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(kind, "kind");
    }

    /** The value as words and number, e.g. "cirka 45,0 %" or "50 300 unga". */
    public Note valueNote() {
        if (figure.unit() == Unit.COUNT) {
            return Note.of(approximate ? "reporting.board.national.countApprox" : "reporting.board.national.count", Math.round(value));
        }
        return Note.of(approximate ? "reporting.board.national.percentApprox" : "reporting.board.national.percent", value);
    }

    /** Which period the figure is of, e.g. "riket, andra halvåret 2021". */
    public Note periodNote() {
        return switch (kind) {
            case HALF_YEAR -> Note.of("reporting.board.national.halfYear", period.substring(0, 4), (int) (period.charAt(5) - '0'));
            case SCHOOL_YEAR -> Note.of("reporting.board.national.schoolYear", period);
            case UNDATED -> Note.of("reporting.board.national.undated");
        };
    }

    /** The value as a cell (count or percentage), for chart tables. */
    public Cell asCell() {
        return figure.unit() == Unit.COUNT ? Cell.count(Math.round(value)) : new Cell(null, value, null, false, null);
    }
}
