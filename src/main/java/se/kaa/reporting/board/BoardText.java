package se.kaa.reporting.board;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The board report's cells and notes in Swedish, the same on the page and in the PDF ({@code @boardText}
 * in the page's template, {@code text} in the PDF's): a hidden cell is ".", with the footnote.
 */
@Component("boardText")
public class BoardText {

    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final MessageSource messages;

    BoardText(MessageSource messages) {
        this.messages = messages;
    }

    public String msg(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }

    public String note(BoardReport.Note note) {
        return note == null ? "" : msg(note.key(), note.argsArray());
    }

    /** A cell of a row of the given kind: a count, a share in per cent (of how many), a median in days. */
    public String cell(BoardReport.RowKind kind, Cell c) {
        if (c == null) {
            return "";
        }
        if (c.suppressed()) {
            return msg("reporting.board.value.suppressed");
        }
        if (c.count() == null && c.percent() == null) {
            return c.note() == null ? "–" : msg(c.note());
        }
        return switch (kind) {
            case SHARE -> c.percent() == null ? msg("reporting.board.chart.number", c.count())
                    : msg("reporting.board.value.percent", c.percent())
                            + (c.base() == null ? "" : " (" + msg("reporting.board.value.countOfBase", c.count(), c.base()) + ")");
            case MEDIAN_DAYS -> msg("reporting.board.value.days", c.count());
            default -> c.percent() == null ? msg("reporting.board.chart.number", c.count())
                    : msg("reporting.board.chart.numberPercent", c.count(), c.percent());
        };
    }

    /** A chart table's cell: a count, with its share when it has one. */
    public String count(Cell c) {
        return cell(BoardReport.RowKind.COUNT, c);
    }

    /** The national figure beside a row: its value and when, or nothing. */
    public String national(List<NationalValue> values) {
        if (values == null || values.isEmpty()) {
            return "–";
        }
        NationalValue v = values.get(0);
        return note(v.valueNote()) + " (" + note(v.periodNote()) + ")";
    }

    /** A figure of a national figures file as the board report would show it: "cirka 45,0 % (riket, andra halvåret 2021)". */
    public String national(NationalFigures.Entry e) {
        return national(List.of(e.toValue()));
    }

    public String trend(Trend t) {
        return t == null ? "–" : msg(t.messageKey());
    }

    public String halfYear(se.kaa.shared.HalfYear h) {
        return msg("reporting.board.halfYear.long", String.valueOf(h.year()), h.half());
    }
}
