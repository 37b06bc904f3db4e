-- Schema version 2 to 3: suggested evidence (sentences of later narratives matched to earlier
-- recommendations, with their place, score and matched words) and the history's 'accept' and
-- 'reject' events.
--
-- As in v1-to-v2.sql, SQLite cannot alter a CHECK constraint nor add a column with one and keep
-- the CREATE text identical to schema.sql's, so evidence and event are rebuilt: renamed aside,
-- created anew, rows copied in id order (ids kept), old tables dropped. Every existing piece of
-- evidence was entered by a user, so it becomes 'accepted'. Nothing references either table.
DROP INDEX evidence_by_recommendation;
ALTER TABLE evidence RENAME TO evidence_v2;
CREATE TABLE evidence (
    id                 INTEGER PRIMARY KEY,
    recommendation_id  INTEGER NOT NULL REFERENCES recommendation (id),
    report_year        INTEGER NOT NULL CHECK (report_year BETWEEN 2000 AND 2100),
    quote              TEXT    NOT NULL CHECK (quote <> ''),
    source             TEXT,
    action_date        TEXT    CHECK (action_date IS NULL OR date(action_date) = action_date),
    added_by           TEXT    NOT NULL,
    added_at           TEXT    NOT NULL,
    state              TEXT    NOT NULL DEFAULT 'accepted'
                               CHECK (state IN ('suggested', 'accepted', 'rejected')),
    narrative_id       INTEGER REFERENCES narrative (id),
    section            TEXT    CHECK (section IS NULL OR section IN ('introduction', 'prosecution',
                                      'protection', 'prevention', 'profile', 'other')),
    paragraph          INTEGER CHECK (paragraph IS NULL OR paragraph >= 1),
    start_offset       INTEGER CHECK (start_offset IS NULL OR start_offset >= 0),
    end_offset         INTEGER CHECK (end_offset IS NULL OR end_offset > start_offset),
    score              REAL,
    reason             TEXT,
    commitment         INTEGER NOT NULL DEFAULT 0 CHECK (commitment IN (0, 1)),
    assessment         TEXT    CHECK (assessment IS NULL OR assessment IN ('progress', 'no-progress',
                                                                         'regression')),
    review_note        TEXT,
    CHECK ((narrative_id IS NULL) = (start_offset IS NULL))
) STRICT;
CREATE INDEX evidence_by_recommendation ON evidence (recommendation_id);
-- One row per item and sentence: a recomputation skips sentences a user already decided on.
CREATE UNIQUE INDEX evidence_by_sentence ON evidence (recommendation_id, narrative_id, quote)
    WHERE narrative_id IS NOT NULL;
CREATE INDEX evidence_by_narrative ON evidence (narrative_id, state) WHERE narrative_id IS NOT NULL;
INSERT INTO evidence (id, recommendation_id, report_year, quote, source, action_date, added_by,
                      added_at, state)
    SELECT id, recommendation_id, report_year, quote, source, action_date, added_by, added_at,
           'accepted'
    FROM evidence_v2 ORDER BY id;
DROP TABLE evidence_v2;

DROP TRIGGER event_is_append_only_update;
DROP TRIGGER event_is_append_only_delete;
DROP INDEX event_by_recommendation;
ALTER TABLE event RENAME TO event_v2;
CREATE TABLE event (
    id                 INTEGER PRIMARY KEY,
    narrative_id       INTEGER NOT NULL REFERENCES narrative (id),
    recommendation_id  INTEGER REFERENCES recommendation (id),
    kind               TEXT    NOT NULL CHECK (kind IN ('import', 'reimport', 'created', 'status', 'text',
                                                        'position', 'removed', 'note', 'evidence', 'tier',
                                                        'area', 'action', 'link', 'unlink', 'accept',
                                                        'reject')),
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
    FROM event_v2 ORDER BY id;
DROP TABLE event_v2;
CREATE INDEX event_by_recommendation ON event (recommendation_id, id);

CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;
