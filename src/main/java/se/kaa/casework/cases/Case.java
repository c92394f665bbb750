package se.kaa.casework.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.http.HttpStatus;

import se.kaa.casework.cases.CaseCommands.ChangeMeasure;
import se.kaa.casework.cases.CaseCommands.MeasureTerms;
import se.kaa.casework.cases.CaseCommands.OfferMeasure;
import se.kaa.casework.cases.CaseCommands.RecordContact;
import se.kaa.casework.cases.CaseCommands.RecordOccupation;
import se.kaa.casework.cases.CaseCommands.SetContactDetails;
import se.kaa.casework.cases.CaseCommands.WriteNote;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.platform.ProblemException;
import se.kaa.shared.MunicipalityCode;

/**
 * A young person's case in one municipality: the aggregate every change goes through, and
 * the one place that holds its rules – what a closed case still takes (contact attempts and notes: what
 * happened after it closed is worth keeping) and what it refuses ({@code 409}), that the version she saw
 * is still the case's ({@code 409}, someone else saved first), and the checks that need the case or the
 * day (a contact in the future, an end before its start, a measure type the municipality does not
 * offer). Each method answers with the record to append; the caller saves the case (its version goes
 * up by one, Spring Data JDBC's {@code @Version}) and the record in one transaction, with the case's
 * row locked ({@link CaseRepository#findLockedById}).
 *
 * <p>Closing and reopening follow the membership episodes ({@link #close}, {@link #reopen}): nobody
 * closes a case by hand, since the group decides who is in it. The lifecycle feature decides which cases
 * close or reopen, in SQL, and applies these methods when a synchronisation concerns a few persons (a
 * notice, one school's file); for many at once (an import of 100,000 rows must not load 100,000
 * aggregates) it applies the same change set-based, and {@code CaseLifecycleTest} shows the two agree.
 */
@Table("casework_case")
public class Case {

    public enum Status { OPEN, CLOSED }

    /** A contact a minute or two "in the future" is a clock a little ahead, not a mistake. */
    static final long FUTURE_SLACK_SECONDS = 300;
    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    @Id
    private final Long id;
    /** A wrapper, not {@code long}: Spring Data JDBC takes a primitive 0 for a case never saved. */
    @Version
    private Long version;
    private final UUID personId;
    private final String municipality;
    private Status status;
    private LocalDate entered;
    private String reason;
    private LocalDate closedOn;
    private String exitReason;
    private String assignee;
    private final Instant createdAt;
    private Instant updatedAt;

    @PersistenceCreator
    Case(Long id, Long version, UUID personId, String municipality, Status status, LocalDate entered, String reason,
         LocalDate closedOn, String exitReason, String assignee, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.version = version;
        this.personId = personId;
        this.municipality = municipality;
        this.status = status;
        this.entered = entered;
        this.reason = reason;
        this.closedOn = closedOn;
        this.exitReason = exitReason;
        this.assignee = assignee;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public long id() {
        return id;
    }

    public long version() {
        return version;
    }

    public UUID personId() {
        return personId;
    }

    public MunicipalityCode municipality() {
        return MunicipalityCode.of(municipality);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    public String assignee() {
        return assignee;
    }

    /** The day her current (or, closed, her last) membership began. */
    public LocalDate entered() {
        return entered;
    }

    /** The day the case closed, the clocks' last day; null while it is open. */
    public LocalDate closedOn() {
        return closedOn;
    }

    // --- contact attempts

    /** Logs an attempt to reach her; a closed case takes it too. */
    public ContactAttempt recordContact(long expectedVersion, RecordContact c, String by, Instant now) {
        Problems p = new Problems();
        if (c.outcome() == ContactAttempt.Outcome.SENT) {
            p.add("outcome", "input.choice");
        }
        Instant at = c.attemptedAt().atZone(SWEDEN).toInstant();
        if (at.isAfter(now.plusSeconds(FUTURE_SLACK_SECONDS))) {
            p.add("attemptedAt", "caserecords.field.future");
        }
        p.check();
        changed(expectedVersion, now);
        return new ContactAttempt(null, id, at, c.channel(), c.outcome(), c.note(), c.nextAttemptDue(), by, now, null,
                null, null);
    }

    /**
     * Strikes out an attempt logged by mistake: one of another case is unknown here ({@code 404}), one
     * already struck out {@code 409}. A closed case's attempts can be struck out, as they can be added.
     */
    public ContactAttempt strikeContact(long expectedVersion, ContactAttempt attempt, String reason, String by, Instant now) {
        if (attempt.caseId() != id) {
            throw ProblemException.notFound("Contact attempt");
        }
        if (attempt.struck()) {
            throw new ProblemException(HttpStatus.CONFLICT, "caserecords.problem.alreadyStruck",
                    "Contact attempt " + attempt.id() + " is already struck out");
        }
        changed(expectedVersion, now);
        return attempt.struckOut(reason, by, now);
    }

    // --- occupations, measures, the plan

    public Occupation recordOccupation(long expectedVersion, RecordOccupation c, String by, Instant now) {
        Problems p = new Problems();
        if (c.started() != null && c.ended() != null && c.ended().isBefore(c.started())) {
            p.add("ended", "caserecords.field.endBeforeStart");
        }
        if (c.verifiedOn().isAfter(LocalDate.ofInstant(now, SWEDEN))) {
            p.add("verifiedOn", "caserecords.field.future");
        }
        p.check();
        requireOpen();
        changed(expectedVersion, now);
        return new Occupation(null, id, c.type(), c.source(), c.started(), c.ended(), c.verifiedOn(), c.note(), by, now);
    }

    /** Offers a measure of the municipality's catalogue ({@code activeTypes}: the ids it offers today). */
    public Measure offerMeasure(long expectedVersion, OfferMeasure c, Set<Long> activeTypes, String by, Instant now) {
        Problems p = new Problems();
        if (!activeTypes.contains(c.measureTypeId())) {
            p.add("measureTypeId", "input.choice");
        }
        MeasureTerms t = terms(p, c.terms());
        if (t.decidedOn() != null && t.decidedOn().isBefore(c.offeredOn())) {
            p.add("decidedOn", "caserecords.field.decidedBeforeOffered");
        }
        p.check();
        requireOpen();
        changed(expectedVersion, now);
        return new Measure(null, id, c.measureTypeId(), t.responsible(), t.responsibleActor(), t.status(), c.offeredOn(),
                t.decidedOn(), t.starts(), t.ends(), t.endReason(), t.followUp(), t.note(), by, now);
    }

    /** Changes a measure's status and dates; its type and offer stay. One of another case is {@code 404}. */
    public Measure changeMeasure(long expectedVersion, Measure measure, ChangeMeasure c, Instant now) {
        if (measure.caseId() != id) {
            throw ProblemException.notFound("Measure");
        }
        Problems p = new Problems();
        MeasureTerms t = terms(p, c.terms());
        if (t.decidedOn() != null && t.decidedOn().isBefore(measure.offeredOn())) {
            p.add("decidedOn", "caserecords.field.decidedBeforeOffered");
        }
        p.check();
        requireOpen();
        changed(expectedVersion, now);
        return measure.with(t);
    }

    /** Allows a new revision of the plan (its goal, or after a measure changed). */
    public void revisePlan(long expectedVersion, Instant now) {
        requireOpen();
        changed(expectedVersion, now);
    }

    // --- notes, contact details

    /** Writes a note; a closed case takes it too. */
    public Note writeNote(long expectedVersion, WriteNote c, String by, Instant now) {
        changed(expectedVersion, now);
        return new Note(null, id, c.text(), by, now);
    }

    /**
     * Allows new contact details: refused ({@code 403}) when they are hidden from her (a protected
     * identity without the permission to see protected addresses).
     */
    public void changeContactDetails(long expectedVersion, SetContactDetails c, boolean hiddenFromHer, Instant now) {
        if (hiddenFromHer) {
            throw contactDetailsHidden();
        }
        requireOpen();
        changed(expectedVersion, now);
    }

    /** The refusal to change contact details hidden from her (a protected identity). */
    public static ProblemException contactDetailsHidden() {
        return new ProblemException(HttpStatus.FORBIDDEN, "caserecords.problem.protected",
                "Contact details of a protected identity");
    }

    // --- assignment

    /**
     * Assigns the open case by hand to a case worker {@code assignable} says may have it (null:
     * unassigns); answers the previous assignee.
     */
    public String assign(long expectedVersion, String to, Predicate<String> assignable, Instant now) {
        if (!open()) {
            // Only open cases are worked, and so assigned; a closed one is left as it is.
            throw new ProblemException(HttpStatus.CONFLICT, "casework.problem.closed", "Case " + id + " is closed");
        }
        requireAssignable(to, assignable);
        changed(expectedVersion, now);
        return reassign(to);
    }

    /** Assigns the case as one of many: no version is checked. False when she already had it. */
    public boolean assignAlongOthers(String to, Predicate<String> assignable, Instant now) {
        requireAssignable(to, assignable);
        if (Objects.equals(assignee, to)) {
            return false;
        }
        updatedAt = now;
        reassign(to);
        return true;
    }

    /** Assigns the case by a rule: only while it is open and nobody has it. */
    public boolean assignByRule(String to, Instant now) {
        if (!open() || assignee != null) {
            return false;
        }
        updatedAt = now;
        reassign(to);
        return true;
    }

    private String reassign(String to) {
        String previous = assignee;
        assignee = to;
        return previous;
    }

    private static void requireAssignable(String to, Predicate<String> assignable) {
        if (to != null && !assignable.test(to)) {
            throw ProblemException.invalidFields(List.of(new FieldProblem("assignee", "casework.assignment.invalidAssignee")));
        }
    }

    // --- closing and reopening, from the membership episodes

    /**
     * Closes the open case on the day her membership ended (the clocks stop there) with the episode's
     * exit reason – none when the facts show she never was a member but there is work on the case.
     */
    public void close(LocalDate on, String exitReason, Instant now) {
        requireOpen();
        status = Status.CLOSED;
        closedOn = on;
        this.exitReason = exitReason;
        updatedAt = now;
    }

    /**
     * Reopens the closed case when she is in the group again: the same case, with everything recorded on
     * it, counting its clocks from the new entry day.
     */
    public void reopen(LocalDate enteredAgain, String reasonAgain, Instant now) {
        if (open()) {
            throw new ProblemException(HttpStatus.CONFLICT, "caserecords.problem.open", "Case " + id + " is open");
        }
        status = Status.OPEN;
        entered = enteredAgain;
        reason = reasonAgain;
        closedOn = null;
        exitReason = null;
        updatedAt = now;
    }

    // --- rules

    private void requireOpen() {
        if (!open()) {
            throw new ProblemException(HttpStatus.CONFLICT, "caserecords.problem.closed", "Case " + id + " is closed");
        }
    }

    /** Someone else saved first when the version she saw is no longer the case's. */
    private void changed(long expectedVersion, Instant now) {
        if (expectedVersion != version.longValue()) {
            throw new ProblemException(HttpStatus.CONFLICT, "casework.problem.stale",
                    "Case " + id + " was changed by someone else");
        }
        updatedAt = now;
    }

    private static MeasureTerms terms(Problems p, MeasureTerms t) {
        String actor = t.responsibleActor();
        if (t.responsible() == Measure.Responsible.OTHER && actor == null) {
            p.add("responsibleActor", "caserecords.field.actorRequired");
        }
        if (t.responsible() != Measure.Responsible.OTHER) {
            actor = null;
        }
        if (t.starts() != null && t.ends() != null && t.ends().isBefore(t.starts())) {
            p.add("ends", "caserecords.field.endBeforeStart");
        }
        if (t.status() == Measure.Status.ENDED && t.ends() == null) {
            p.add("ends", "caserecords.field.endRequired");
        }
        if (t.endReason() != null && t.status() != Measure.Status.ENDED && t.status() != Measure.Status.DECLINED) {
            p.add("endReason", "caserecords.field.endReasonOnlyWhenEnded");
        }
        return new MeasureTerms(t.responsible(), actor, t.status(), t.decidedOn(), t.starts(), t.ends(), t.endReason(),
                t.followUp(), t.note());
    }

    /** Field problems found together, thrown as one {@code 400}. */
    private static final class Problems {
        private final List<FieldProblem> problems = new ArrayList<>();

        void add(String field, String key) {
            if (problems.stream().noneMatch(x -> x.field().equals(field))) {
                problems.add(new FieldProblem(field, key));
            }
        }

        void check() {
            if (!problems.isEmpty()) {
                throw ProblemException.invalidFields(problems);
            }
        }
    }
}
