package se.kaa.intake;

import java.util.List;
import java.util.UUID;

/** Reads the notices received about a person, newest first (for her page). */
public interface NoticeLookup {

    List<SchoolNotice> noticesFor(UUID personId);
}
