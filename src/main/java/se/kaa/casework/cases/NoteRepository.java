package se.kaa.casework.cases;

import org.springframework.data.repository.Repository;

/** A case's notes, appended through the {@link Case} (Spring Data JDBC). */
public interface NoteRepository extends Repository<Note, Long> {

    Note save(Note record);
}
