package se.kaa.casework.cases;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/** A case's measures, appended through the {@link Case} (Spring Data JDBC). */
public interface MeasureRepository extends Repository<Measure, Long> {

    Optional<Measure> findById(Long id);

    Measure save(Measure record);
}
