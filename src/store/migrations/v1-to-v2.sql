-- Schema version 1 to 2: recurring-recommendation links, and the history's 'link' and
-- 'unlink' events.
--
-- The history needs two new event kinds, and SQLite cannot alter a CHECK constraint, so the
-- event table is rebuilt: renamed aside, created anew under its own name, its rows copied in
-- id order (ids kept, so the history's order is kept), the old table dropped. This keeps the
-- history in one table, which every history query reads, rather than splitting link events
-- into a second log every reader would have to merge. Nothing references event, so the rename
-- touches no foreign key; its triggers and index follow the renamed table, so they are dropped
-- first and created again on the new one. The CREATE statements are copied from schema.sql word
-- for word: an upgraded database must have exactly a new database's schema.
DROP TRIGGER event_is_append_only_update;
DROP TRIGGER event_is_append_only_delete;
DROP INDEX event_by_recommendation;
ALTER TABLE event RENAME TO event_v1;
CREATE TABLE event (
    id                 INTEGER PRIMARY KEY,
    narrative_id       INTEGER NOT NULL REFERENCES narrative (id),
    recommendation_id  INTEGER REFERENCES recommendation (id),
    kind               TEXT    NOT NULL CHECK (kind IN ('import', 'reimport', 'created', 'status', 'text',
                                                        'position', 'removed', 'note', 'evidence', 'tier',
                                                        'area', 'action', 'link', 'unlink')),
    old_value          TEXT,
    new_value          TEXT,
    note               TEXT,
    effective_date     TEXT    CHECK (effective_date IS NULL OR date(effective_date) = effective_date),
    actor              TEXT    NOT NULL,
    at                 TEXT    NOT NULL
) STRICT;
INSERT INTO event (id, narrative_id, recommendation_id, kind, old_value, new_value, note,
                   effective_date, actor, at)
    SELECT id, narrative_id, recommendation_id, kind, old_value, new_value, note,
           effective_date, actor, at
    FROM event_v1 ORDER BY id;
DROP TABLE event_v1;
CREATE INDEX event_by_recommendation ON event (recommendation_id, id);

CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;

-- A recurring recommendation: `later_id` continues `earlier_id`, an item of the same country's
-- nearest earlier imported report. Links `made_by` 'auto' are derived data: every import of
-- the country deletes and recomputes them (see src/link.rs). A 'user' link is a correction and
-- is never touched by an import. An item has at most one predecessor.
CREATE TABLE link (
    earlier_id  INTEGER NOT NULL REFERENCES recommendation (id),
    later_id    INTEGER NOT NULL REFERENCES recommendation (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('repeated', 'reworded')),
    score       REAL    NOT NULL CHECK (score BETWEEN 0 AND 1),
    made_by     TEXT    NOT NULL CHECK (made_by IN ('auto', 'user')),
    PRIMARY KEY (earlier_id, later_id),
    CHECK (earlier_id <> later_id)
) STRICT;
CREATE UNIQUE INDEX link_by_later ON link (later_id);
CREATE INDEX link_by_earlier ON link (earlier_id);

-- Pairs a user unlinked: never linked automatically again.
CREATE TABLE link_rejection (
    earlier_id  INTEGER NOT NULL REFERENCES recommendation (id),
    later_id    INTEGER NOT NULL REFERENCES recommendation (id),
    PRIMARY KEY (earlier_id, later_id)
) STRICT;
