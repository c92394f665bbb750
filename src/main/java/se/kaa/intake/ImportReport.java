package se.kaa.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an import, as returned by the API.
 *
 * @param status    {@code COMPLETED} (applied), {@code REJECTED} (no row accepted),
 *                  {@code AWAITING_CONFIRMATION} (held: nothing applied until an enhetschef or
 *                  administrator confirms it), {@code DISCARDED} or {@code WITHDRAWN}
 * @param duplicate true when the same file had already been imported: this is that batch's report
 * @param followUp  the recomputation of the group and the cases after the batch: {@code PENDING},
 *                  {@code DONE} or {@code FAILED} (retried); {@code null} when there is nothing to do
 * @param effects   what the batch did to the group and the cases (once the follow-up ran)
 * @param hold      why the batch is held and what applying it would do; {@code null} unless it was held
 * @param decision  who confirmed, discarded or withdrew it, when and why; {@code null} otherwise
 */
public record ImportReport(
        long id, String status, int rowsTotal, int rowsAccepted, int rowsRejected,
        List<RowError> errors, List<String> warnings, boolean duplicate,
        String followUp, String followUpError, Effects effects, Hold hold, Decision decision) {

    public ImportReport(long id, String status, int rowsTotal, int rowsAccepted, int rowsRejected,
                        List<RowError> errors, List<String> warnings, boolean duplicate) {
        this(id, status, rowsTotal, rowsAccepted, rowsRejected, errors, warnings, duplicate, null, null,
                null, null, null);
    }

    /** One problem with one row: the 1-based line number in the file, the column, and what was expected. */
    public record RowError(int row, String column, String message) {
    }

    /**
     * What the batch did, summed over its follow-up runs.
     *
     * @param entered persons who entered the target group today, by reason of registration
     * @param left    persons who left it, by exit reason ({@code CORRECTED}: the facts no longer show
     *                the membership)
     */
    public record Effects(Map<String, Integer> entered, Map<String, Integer> left, int casesOpened,
                          int casesReopened, int casesClosed, int casesWithdrawn) {

        public int enteredTotal() {
            return entered.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int leftTotal() {
            return left.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Why a snapshot was held, and what applying it would do.
     *
     * @param reasons        {@code MOVED_OUT} (more would move out than the limits allow) and/or
     *                       {@code FEW_LISTED} (it lists too few of the previous snapshot's residents)
     * @param listed         residents this snapshot lists
     * @param previousListed residents the previous applied snapshot listed
     * @param previousBatch  that snapshot's batch
     * @param movedOut       persons it would count as moved out
     * @param casesClosing   open cases of those persons, which would close
     */
    public record Hold(List<String> reasons, int listed, int previousListed, Long previousBatch, int movedOut,
                       long casesClosing) {
    }

    /** A person's decision on the batch: {@code CONFIRMED}, {@code DISCARDED} or {@code WITHDRAWN}. */
    public record Decision(String kind, String by, Instant at, String reason) {
    }
}
