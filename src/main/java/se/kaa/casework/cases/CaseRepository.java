package se.kaa.casework.cases;

import java.util.Optional;

import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/**
 * Cases as aggregates (Spring Data JDBC). A change loads its case with the row locked, so that the
 * lifecycle (which follows recomputed entry days set-based) waits for it rather than being overwritten.
 */
public interface CaseRepository extends Repository<Case, Long> {

    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Case> findLockedById(Long id);

    Case save(Case aCase);
}
