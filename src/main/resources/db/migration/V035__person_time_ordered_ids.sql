-- A new person's id is time-ordered: a UUID of version 7 (RFC 9562), the first 48 bits the
-- millisecond it was made, the rest random (issue 11). With random ids (version 4) every index by
-- person – the person table's own, and those of enrolments, population records, episodes, due days and
-- cases – took each new person on a random page: a national first load, 290 municipalities creating
-- their persons file by file, read and wrote pages all over those indexes. Persons created together now
-- sit together, and a municipality's import touches its own neighbouring pages. Existing ids stay as
-- they are. The id still says nothing about who she is; it says when the register first knew of her,
-- which the audit log records anyway. (PostgreSQL 18 has uuidv7(); 17 does not.)
CREATE FUNCTION kaa_uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    SELECT encode(
               set_bit(set_bit(
                   overlay(uuid_send(gen_random_uuid())
                           PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                           FROM 1 FOR 6),
                   52, 1), 53, 1),
               'hex')::uuid
$$;

ALTER TABLE person ALTER COLUMN id SET DEFAULT kaa_uuid_v7();
