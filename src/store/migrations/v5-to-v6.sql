-- Schema version 5 to 6: corrections and undo (issue 11). A command table groups the history's
-- events by the command that recorded them, and each event gains `before`, what it replaced, so
-- that `undo` can take a whole command back. Notes and evidence gain `deleted` (a soft delete:
-- nothing a user entered is lost), narratives `removed` (`tiptrack remove`, also soft), and the
-- event kinds for the new corrections.
--
-- As in v4-to-v5.sql, the tables are rebuilt (a column with a REFERENCES added in place would
-- leave a CREATE text unlike schema.sql's, and the event CHECK cannot change in place): renamed
-- aside, created anew, rows copied in id order (ids kept), old tables dropped; src/store/
-- migrate.rs runs this with foreign keys off and legacy_alter_table on, and checks every foreign
-- key before it commits. The CREATE statements are copied from schema.sql word for word.
-- Events recorded before this version have no command: they stay in the history, and cannot be
-- undone.

CREATE TABLE command (
    id      INTEGER PRIMARY KEY,
    actor   TEXT    NOT NULL,
    at      TEXT    NOT NULL,
    undoes  INTEGER UNIQUE REFERENCES command (id)
) STRICT;
CREATE INDEX command_by_actor ON command (actor, id);

ALTER TABLE narrative RENAME TO narrative_v5;
CREATE TABLE narrative (
    id            INTEGER PRIMARY KEY,
    country       TEXT    NOT NULL,
    iso3          TEXT    NOT NULL CHECK (length(iso3) = 3 AND iso3 = upper(iso3)),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    tier          TEXT    CHECK (tier IN ('Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case')),
    source_name   TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,  -- SHA-256 of the narrative text as stored, hex
    imported_at   TEXT    NOT NULL,  -- first import
    updated_at    TEXT    NOT NULL,  -- last import that changed it
    -- 'copy' while the tier is the one the imported text states; 'user' once a user set it
    -- (`tiptrack tier`), after which a re-import never changes it.
    tier_set_by   TEXT    NOT NULL DEFAULT 'copy' CHECK (tier_set_by IN ('copy', 'user')),
    -- The command that removed the narrative (`tiptrack remove`), NULL while it is there. A
    -- removed narrative and its items are kept, with everything recorded about them, but no
    -- read shows them; `undo` brings them back, and so does importing the narrative again.
    removed       INTEGER REFERENCES command (id),
    UNIQUE (iso3, year)
) STRICT;
INSERT INTO narrative (id, country, iso3, year, tier, source_name, content_hash, imported_at,
                       updated_at, tier_set_by)
    SELECT id, country, iso3, year, tier, source_name, content_hash, imported_at, updated_at,
           tier_set_by
    FROM narrative_v5 ORDER BY id;
DROP TABLE narrative_v5;

DROP INDEX note_by_recommendation;
ALTER TABLE note RENAME TO note_v5;
CREATE TABLE note (
    id                 INTEGER PRIMARY KEY,
    recommendation_id  INTEGER NOT NULL REFERENCES recommendation (id),
    text               TEXT    NOT NULL CHECK (text <> ''),
    author             TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    -- The command that deleted the note (`note delete`), NULL while it stands: a deleted note
    -- is kept, and `undo` brings it back. An edit changes `text`; the history keeps the old one.
    deleted            INTEGER REFERENCES command (id)
) STRICT;
INSERT INTO note (id, recommendation_id, text, author, created_at)
    SELECT id, recommendation_id, text, author, created_at FROM note_v5 ORDER BY id;
DROP TABLE note_v5;
CREATE INDEX note_by_recommendation ON note (recommendation_id);

DROP INDEX evidence_by_recommendation;
DROP INDEX evidence_by_sentence;
DROP INDEX evidence_by_narrative;
ALTER TABLE evidence RENAME TO evidence_v5;
CREATE TABLE evidence (
    id                 INTEGER PRIMARY KEY,
    recommendation_id  INTEGER NOT NULL REFERENCES recommendation (id),
    report_year        INTEGER NOT NULL CHECK (report_year BETWEEN 2000 AND 2100),
    quote              TEXT    CHECK (quote <> ''),
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
    -- The command that deleted it (`evidence delete`), NULL while it stands; as note.deleted.
    deleted            INTEGER REFERENCES command (id),
    CHECK ((narrative_id IS NULL) = (start_offset IS NULL)),
    CHECK (quote IS NOT NULL OR (state = 'suggested' AND narrative_id IS NOT NULL))
) STRICT;
INSERT INTO evidence (id, recommendation_id, report_year, quote, source, action_date, added_by,
                      added_at, state, narrative_id, section, paragraph, start_offset, end_offset,
                      score, reason, commitment, assessment, review_note)
    SELECT id, recommendation_id, report_year, quote, source, action_date, added_by, added_at,
           state, narrative_id, section, paragraph, start_offset, end_offset, score, reason,
           commitment, assessment, review_note
    FROM evidence_v5 ORDER BY id;
DROP TABLE evidence_v5;
CREATE INDEX evidence_by_recommendation ON evidence (recommendation_id);
CREATE UNIQUE INDEX evidence_by_sentence ON evidence (recommendation_id, narrative_id, quote)
    WHERE narrative_id IS NOT NULL AND state <> 'suggested';
CREATE INDEX evidence_by_narrative ON evidence (narrative_id, state) WHERE narrative_id IS NOT NULL;

DROP TRIGGER event_is_append_only_update;
DROP TRIGGER event_is_append_only_delete;
DROP INDEX event_by_recommendation;
ALTER TABLE event RENAME TO event_v5;
CREATE TABLE event (
    id                 INTEGER PRIMARY KEY,
    narrative_id       INTEGER NOT NULL REFERENCES narrative (id),
    recommendation_id  INTEGER REFERENCES recommendation (id),
    kind               TEXT    NOT NULL CHECK (kind IN ('import', 'reimport', 'created', 'status', 'text',
                                                        'position', 'removed', 'note', 'evidence', 'tier',
                                                        'area', 'action', 'link', 'unlink', 'accept',
                                                        'reject', 'assign', 'note-edit', 'note-delete',
                                                        'evidence-edit', 'evidence-delete', 'date',
                                                        'remove', 'restore', 'undo')),
    old_value          TEXT,
    new_value          TEXT,
    note               TEXT,
    effective_date     TEXT    CHECK (effective_date IS NULL OR date(effective_date) = effective_date),
    actor              TEXT    NOT NULL,
    at                 TEXT    NOT NULL,
    command            INTEGER REFERENCES command (id),
    before             TEXT    CHECK (before IS NULL OR json_valid(before))
) STRICT;
INSERT INTO event (id, narrative_id, recommendation_id, kind, old_value, new_value, note,
                   effective_date, actor, at)
    SELECT id, narrative_id, recommendation_id, kind, old_value, new_value, note,
           effective_date, actor, at
    FROM event_v5 ORDER BY id;
DROP TABLE event_v5;
CREATE INDEX event_by_recommendation ON event (recommendation_id, id);
CREATE INDEX event_by_command ON event (command, id);
CREATE INDEX event_by_narrative ON event (narrative_id, id);

CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;
