package se.kaa.casework.lifecycle;

import java.util.List;

/** Published by {@link CaseLifecycle} after its transaction: the cases that opened or reopened. */
public record CasesOpened(List<Long> caseIds) {

    public CasesOpened {
        caseIds = List.copyOf(caseIds);
    }
}
