package se.kaa.casework.cases;

import org.springframework.data.repository.Repository;

/** A case's occupations, appended through the {@link Case} (Spring Data JDBC). */
public interface OccupationRepository extends Repository<Occupation, Long> {

    Occupation save(Occupation record);
}
