package se.kaa.security;

import java.util.Collection;
import java.util.Map;

/**
 * The names staff go by, for pages where one member of staff reads what another did (the granskare's
 * audit log). Unlike {@link ActorDirectory}, which a young person's register extract uses, it names
 * people: it is for staff only.
 */
public interface StaffNames {

    /** Display names by user name, of those of {@code usernames} that are accounts here. */
    Map<String, String> displayNames(Collection<String> usernames);
}
