package se.kaa.casework;

/**
 * A case closed because her membership episode ended (one of {@link CasesClosed}).
 *
 * @param exitReason the episode's exit reason ({@code UTFLYTTAD}, {@code FYLLT_20}, …), {@code null}
 *                   when the episode turned out never to have existed
 */
public record CaseClosed(long caseId, String exitReason) {
}
