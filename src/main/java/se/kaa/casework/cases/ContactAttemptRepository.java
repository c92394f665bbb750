package se.kaa.casework.cases;

import java.util.Optional;

import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/** A case's contact attempts (struck out with the row locked), appended through the {@link Case} (Spring Data JDBC). */
public interface ContactAttemptRepository extends Repository<ContactAttempt, Long> {

    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<ContactAttempt> findLockedById(Long id);

    ContactAttempt save(ContactAttempt record);
}
