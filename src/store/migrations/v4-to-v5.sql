-- Schema version 4 to 5: asks (one line of linked items across a country's reports, followed
-- as one thing), owners and due dates, user-set tiers, and the history's 'assign' events.
--
-- The recommendation table gains what a user records through an item about its ask (the
-- status's event and date, the owner, supporting institutions and due date) and the derived
-- place of the item in its ask; the narrative table gains who set the tier; the event table's
-- CHECK gains 'assign'. SQLite cannot add a NOT NULL column without a default or change a
-- CHECK in place, so the three tables are rebuilt: renamed aside, created anew under their own
-- name, rows copied in id order (ids kept), the old table dropped. src/store/migrate.rs runs
-- this with foreign keys off and legacy_alter_table on, so the rename does not rewrite the
-- other tables' references (they go on naming "narrative" and "recommendation", the new tables)
-- and checks every foreign key before it commits. The CREATE statements are copied from
-- schema.sql word for word: an upgraded database must have exactly a new database's schema.
--
-- Each item's status is kept as the status recorded through it, with the history event that
-- last set it (`status_seq`) and that event's date. An ask then shows the status set last
-- through any of its items: where a repeat of an ask had been given a status of its own, the
-- later judgement is the ask's, and the earlier ones stay in the history. An 'addressed' with a
-- --date counts a repeat as asked again from the report whose period holds the date.
--
-- Every item starts as its own ask; src/store/asks.rs `upgrade_to_v5` then groups them along
-- the links (the same code an import runs), and dates an 'addressed' given without --date from
-- the reports the ask had when it was marked, in the same transaction.

DROP INDEX recommendation_by_position;
DROP INDEX recommendation_status_counts;

ALTER TABLE narrative RENAME TO narrative_v4;
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
    UNIQUE (iso3, year)
) STRICT;
INSERT INTO narrative (id, country, iso3, year, tier, source_name, content_hash, imported_at,
                       updated_at, tier_set_by)
    SELECT id, country, iso3, year, tier, source_name, content_hash, imported_at, updated_at,
           'copy'
    FROM narrative_v4 ORDER BY id;
DROP TABLE narrative_v4;

ALTER TABLE recommendation RENAME TO recommendation_v4;
CREATE TABLE recommendation (
    id               INTEGER PRIMARY KEY,
    narrative_id     INTEGER NOT NULL REFERENCES narrative (id),
    code             TEXT    NOT NULL UNIQUE CHECK (code = upper(code)),
    seq              INTEGER NOT NULL CHECK (seq >= 1),
    position         INTEGER CHECK (position >= 1),
    text             TEXT    NOT NULL CHECK (text <> ''),
    truncated        INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),  -- the copy ends inside it
    area             TEXT    NOT NULL CHECK (area IN ('prosecution', 'protection', 'prevention',
                                                      'partnership')),
    action           TEXT    NOT NULL CHECK (action IN ('continuing', 'considering', 'general',
                                                        'specific')),
    -- 'rules' while the importer's classification stands; 'user' once a user corrected it,
    -- after which a re-import never reclassifies the item.
    classified_by    TEXT    NOT NULL DEFAULT 'rules' CHECK (classified_by IN ('rules', 'user')),
    status           TEXT    NOT NULL DEFAULT 'open'
                             CHECK (status IN ('open', 'in-progress', 'partially-addressed',
                                               'addressed', 'not-addressed', 'superseded')),
    status_seq       INTEGER,
    status_date      TEXT    CHECK (status_date IS NULL OR date(status_date) = status_date),
    asked_again_from INTEGER,
    owner            TEXT    CHECK (owner <> ''),
    supporting       TEXT    CHECK (supporting IS NULL OR json_valid(supporting)),
    due_date         TEXT    CHECK (due_date IS NULL OR date(due_date) = due_date),
    assign_seq       INTEGER,
    -- Derived from the links (src/link/lineage.rs), recomputed whenever they change: the first
    -- item of this item's ask, and this item's place in the ask's line (1 for the first).
    ask_id           INTEGER NOT NULL REFERENCES recommendation (id),
    ask_position     INTEGER NOT NULL CHECK (ask_position >= 1),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    UNIQUE (narrative_id, seq)
) STRICT;
INSERT INTO recommendation (id, narrative_id, code, seq, position, text, truncated, area, action,
                            classified_by, status, status_seq, status_date, asked_again_from,
                            ask_id, ask_position, created_at, updated_at)
    SELECT r.id, r.narrative_id, r.code, r.seq, r.position, r.text, r.truncated, r.area, r.action,
           r.classified_by, r.status, s.id, coalesce(s.effective_date, date(s.at)),
           CASE WHEN r.status <> 'addressed' THEN NULL
                WHEN s.effective_date IS NULL THEN n.year + 1
                WHEN CAST(strftime('%m', s.effective_date) AS INTEGER) >= 4
                    THEN CAST(strftime('%Y', s.effective_date) AS INTEGER) + 1
                ELSE CAST(strftime('%Y', s.effective_date) AS INTEGER) END,
           r.id, 1, r.created_at, r.updated_at
    FROM recommendation_v4 r
    JOIN narrative n ON n.id = r.narrative_id
    LEFT JOIN event s ON s.id = (SELECT max(e.id) FROM event e
                                 WHERE e.recommendation_id = r.id AND e.kind = 'status')
    ORDER BY r.id;
DROP TABLE recommendation_v4;
CREATE INDEX recommendation_by_ask ON recommendation (ask_id);
CREATE UNIQUE INDEX recommendation_by_position ON recommendation (narrative_id, position)
    WHERE position IS NOT NULL;
CREATE INDEX recommendation_asks_by_narrative
    ON recommendation (narrative_id, ask_id, ask_position, area, action) WHERE position IS NOT NULL;

DROP TRIGGER event_is_append_only_update;
DROP TRIGGER event_is_append_only_delete;
DROP INDEX event_by_recommendation;
ALTER TABLE event RENAME TO event_v4;
CREATE TABLE event (
    id                 INTEGER PRIMARY KEY,
    narrative_id       INTEGER NOT NULL REFERENCES narrative (id),
    recommendation_id  INTEGER REFERENCES recommendation (id),
    kind               TEXT    NOT NULL CHECK (kind IN ('import', 'reimport', 'created', 'status', 'text',
                                                        'position', 'removed', 'note', 'evidence', 'tier',
                                                        'area', 'action', 'link', 'unlink', 'accept',
                                                        'reject', 'assign')),
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
    FROM event_v4 ORDER BY id;
DROP TABLE event_v4;
CREATE INDEX event_by_recommendation ON event (recommendation_id, id);

CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;

CREATE TABLE ask (
    id           INTEGER PRIMARY KEY REFERENCES recommendation (id),
    iso3         TEXT    NOT NULL,
    first_year   INTEGER NOT NULL,
    latest_year  INTEGER NOT NULL,
    reports      INTEGER NOT NULL CHECK (reports >= 1),
    latest_id    INTEGER NOT NULL REFERENCES recommendation (id),
    current      INTEGER NOT NULL CHECK (current IN (0, 1)),
    in_latest    INTEGER NOT NULL CHECK (in_latest IN (0, 1)),
    status       TEXT    NOT NULL CHECK (status IN ('open', 'in-progress', 'partially-addressed',
                                                   'addressed', 'not-addressed', 'superseded')),
    status_item  INTEGER REFERENCES recommendation (id),
    status_date  TEXT,
    asked_again  INTEGER NOT NULL CHECK (asked_again IN (0, 1)),
    owner        TEXT,
    supporting   TEXT,
    due_date     TEXT,
    merged_into  INTEGER REFERENCES recommendation (id),
    split_from   INTEGER REFERENCES recommendation (id)
) STRICT;
CREATE INDEX ask_by_country ON ask (iso3);
