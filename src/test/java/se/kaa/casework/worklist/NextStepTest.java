package se.kaa.casework.worklist;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import se.kaa.casework.cases.CaseStates.ContactState;
import se.kaa.casework.cases.CaseStates.DeadlineClock;
import se.kaa.casework.worklist.NextStep.Kind;
import se.kaa.casework.worklist.Worklist.Category;

import static org.assertj.core.api.Assertions.assertThat;

/** The single next step of a worklist line: the first that applies, in the documented order. */
class NextStepTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final DeadlineClock OPEN_ATTEMPT = new DeadlineClock(7, null, 12, true);
    static final DeadlineClock DONE = new DeadlineClock(7, TODAY.minusDays(5), 3, false);
    static final DeadlineClock OPEN_CONTACT = new DeadlineClock(14, null, 12, false);
    static final DeadlineClock OPEN_MEASURE = new DeadlineClock(30, null, 40, true);

    @Test
    void noAttemptYetIsTheFirstAttemptWithItsClock() {
        NextStep next = NextStep.of(row(OPEN_ATTEMPT, OPEN_CONTACT, OPEN_MEASURE, EnumSet.of(Category.NOT_CONTACTED), 5), TODAY);
        assertThat(next.kind()).isEqualTo(Kind.FIRST_ATTEMPT);
        assertThat(next.days()).isEqualTo(12);
        assertThat(next.targetDays()).isEqualTo(7);
        assertThat(next.overdue()).isTrue();
    }

    @Test
    void aDueAttemptComesBeforeTheContactClock() {
        NextStep next = NextStep.of(row(DONE, OPEN_CONTACT, OPEN_MEASURE,
                EnumSet.of(Category.ATTEMPT_DUE, Category.NOT_CONTACTED), 0), TODAY);
        assertThat(next.kind()).isEqualTo(Kind.ATTEMPT_DUE);
        assertThat(next.date()).isEqualTo(TODAY.minusDays(1));
        assertThat(NextStep.of(row(DONE, OPEN_CONTACT, OPEN_MEASURE, EnumSet.of(Category.NOT_CONTACTED), 0), TODAY).kind())
                .isEqualTo(Kind.FIRST_CONTACT);
    }

    @Test
    void reachedThenFollowUpThenFirstMeasureThenTheDatesThenNothing() {
        assertThat(NextStep.of(row(DONE, DONE, OPEN_MEASURE, EnumSet.of(Category.FOLLOW_UP_DUE), 10), TODAY).kind())
                .isEqualTo(Kind.FOLLOW_UP_DUE);
        assertThat(NextStep.of(row(DONE, DONE, OPEN_MEASURE, EnumSet.noneOf(Category.class), 10), TODAY).kind())
                .isEqualTo(Kind.FIRST_MEASURE);
        assertThat(NextStep.of(row(DONE, DONE, DONE, EnumSet.of(Category.TURNING_20, Category.MEASURE_ENDING), 0), TODAY)
                .kind()).isEqualTo(Kind.TURNING_20);
        assertThat(NextStep.of(row(DONE, DONE, DONE, EnumSet.of(Category.MEASURE_ENDING), 0), TODAY).kind())
                .isEqualTo(Kind.MEASURE_ENDING);
        assertThat(NextStep.of(row(DONE, DONE, DONE, EnumSet.of(Category.OCCUPATION_STALE), 0), TODAY).kind())
                .isEqualTo(Kind.CONFIRM_OCCUPATION);
        NextStep nothing = NextStep.of(row(DONE, DONE, DONE, EnumSet.noneOf(Category.class), 0), TODAY);
        assertThat(nothing.kind()).isEqualTo(Kind.NOTHING_DUE);
        assertThat(nothing.date()).as("the follow-up planned after today").isEqualTo(TODAY.plusDays(9));
        assertThat(nothing.overdue()).isFalse();
    }

    private static Worklist.Row row(DeadlineClock attempt, DeadlineClock contact, DeadlineClock measure,
                                    Set<Category> categories, int overdueDays) {
        return new Worklist.Row(1, UUID.randomUUID(), "x", "Alva", "Ek", LocalDate.of(2008, 1, 1), 18, false, "AVBROTT",
                TODAY.minusDays(12), "12345678", null, 0, ContactState.TRIED_NOT_REACHED, TODAY.minusDays(1), attempt, contact,
                measure, categories.contains(Category.FOLLOW_UP_DUE) ? TODAY : TODAY.plusDays(9), TODAY.plusDays(10),
                TODAY.plusDays(30), "WORK", TODAY.minusDays(3), categories, overdueDays);
    }
}
