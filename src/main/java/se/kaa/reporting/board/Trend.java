package se.kaa.reporting.board;

/** The direction of a figure against the same half-year a year earlier. */
public enum Trend {
    UP, DOWN, SAME;

    /** Message key of the arrow with its words, e.g. "↑ högre". */
    public String messageKey() {
        return "reporting.board.trend." + name();
    }

    /**
     * The direction from {@code before} to {@code now}: by percentage in a share row, by count (or
     * median days) otherwise. Null when either side is suppressed or missing.
     */
    static Trend between(BoardReport.RowKind kind, Cell now, Cell before) {
        if (now == null || before == null || now.suppressed() || before.suppressed()) {
            return null;
        }
        double a;
        double b;
        if (kind == BoardReport.RowKind.SHARE) {
            if (now.percent() == null || before.percent() == null) {
                return null;
            }
            a = now.percent();
            b = before.percent();
        } else {
            if (now.count() == null || before.count() == null) {
                return null;
            }
            a = now.count();
            b = before.count();
        }
        return a > b ? UP : a < b ? DOWN : SAME;
    }
}
