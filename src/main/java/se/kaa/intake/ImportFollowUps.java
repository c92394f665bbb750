package se.kaa.intake;

import java.util.Map;

/**
 * What the follow-up work of an import reports back on its batch: the recomputation of the group
 * and the case lifecycle, run after the batch's commit (and again after a crash), say what they did
 * and when they are done. The batch page and the API report show it ("every import says what it
 * did"). Effects are added, never overwritten: a follow-up that is retried after a crash adds what
 * the retry changed, and a retry of work already done adds nothing.
 */
public interface ImportFollowUps {

    /**
     * Adds who entered and who left the target group today, by reason of registration and by exit
     * reason ({@code CORRECTED} when the facts no longer show the membership at all). Call it in
     * the transaction that wrote the change.
     */
    void addMembershipEffects(long batchId, Map<String, Integer> entered, Map<String, Integer> left);

    /** Adds the cases the follow-up opened, reopened, closed and withdrawn; in the same transaction. */
    void addCaseEffects(long batchId, int opened, int reopened, int closed, int withdrawn);

    /** The follow-up of the batch is done: the group and the cases follow its facts. */
    void done(long batchId);

    /** The follow-up failed; it stays pending and is retried (the error is shown on the batch page). */
    void failed(long batchId, Throwable error);
}
