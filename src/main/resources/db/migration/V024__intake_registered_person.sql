-- Everyone ever registered (any population record) or placed in a municipality: the persons a full
-- recomputation of the target group looks at. Intake owns the facts; the target group streams its
-- persons from this view instead of collecting their ids in memory.
CREATE VIEW intake_registered_person AS
    SELECT person_id, municipality FROM population_record
    UNION
    SELECT person_id, municipality FROM placement;
