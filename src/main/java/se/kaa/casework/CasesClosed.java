package se.kaa.casework;

import java.util.List;

/**
 * Cases closed because their membership episodes ended, published with the closing (recorded in its
 * transaction, handled after its commit) – at most 10,000 in one event.
 */
public record CasesClosed(List<CaseClosed> cases) {

    public CasesClosed {
        cases = List.copyOf(cases);
    }
}
