-- Schema version 7 to 8: the CHECK constraints that list three or more values are written as
-- OR chains (`tier = 'Tier 1' OR tier = 'Tier 2' OR ...`) instead of IN lists. They accept and
-- refuse exactly the same values; but SQLite checks an IN list of three or more constants by
-- building a temporary b-tree of them, at every row it writes, and that was a tenth of the time
-- of a whole report's import. Not one stored byte changes, only the text of these six tables
-- in sqlite_schema: src/store/migrate.rs (`upgrade_to_v8`) makes them in a database of its own,
-- checks that each has the same columns and foreign keys as the one it replaces, writes their
-- text into sqlite_schema (SQLite's procedure for changing a CHECK constraint without
-- rebuilding a table, https://sqlite.org/lang_altertable.html#otheralter), and checks every
-- row against the new constraints. Each statement is schema.sql's, word for word, at version 8.

CREATE TABLE narrative (
    id            INTEGER PRIMARY KEY,
    country       TEXT    NOT NULL,
    iso3          TEXT    NOT NULL CHECK (length(iso3) = 3 AND iso3 = upper(iso3)),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    tier          TEXT    CHECK (tier = 'Tier 1' OR tier = 'Tier 2' OR tier = 'Tier 2 Watch List'
                                 OR tier = 'Tier 3' OR tier = 'Special Case'),
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

CREATE TABLE section (
    narrative_id  INTEGER NOT NULL REFERENCES narrative (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 1),
    kind          TEXT    NOT NULL CHECK (kind = 'introduction' OR kind = 'recommendations'
                                          OR kind = 'prosecution' OR kind = 'protection'
                                          OR kind = 'prevention' OR kind = 'profile'
                                          OR kind = 'other'),
    heading       TEXT,
    body          TEXT    NOT NULL,
    PRIMARY KEY (narrative_id, position)
) STRICT;

CREATE TABLE recommendation (
    id               INTEGER PRIMARY KEY,
    narrative_id     INTEGER NOT NULL REFERENCES narrative (id),
    code             TEXT    NOT NULL UNIQUE CHECK (code = upper(code)),
    seq              INTEGER NOT NULL CHECK (seq >= 1),
    position         INTEGER CHECK (position >= 1),
    text             TEXT    NOT NULL CHECK (text <> ''),
    truncated        INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),  -- the copy ends inside it
    area             TEXT    NOT NULL CHECK (area = 'prosecution' OR area = 'protection'
                                             OR area = 'prevention' OR area = 'partnership'),
    action           TEXT    NOT NULL CHECK (action = 'continuing' OR action = 'considering'
                                             OR action = 'general' OR action = 'specific'),
    -- 'rules' while the importer's classification stands; 'user' once a user corrected it,
    -- after which a re-import never reclassifies the item.
    classified_by    TEXT    NOT NULL DEFAULT 'rules' CHECK (classified_by IN ('rules', 'user')),
    status           TEXT    NOT NULL DEFAULT 'open'
                             CHECK (status = 'open' OR status = 'in-progress'
                                    OR status = 'partially-addressed' OR status = 'addressed'
                                    OR status = 'not-addressed' OR status = 'superseded'),
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
                               CHECK (state = 'suggested' OR state = 'accepted'
                                      OR state = 'rejected'),
    narrative_id       INTEGER REFERENCES narrative (id),
    section            TEXT    CHECK (section IS NULL OR (section = 'introduction'
                                                          OR section = 'prosecution'
                                                          OR section = 'protection'
                                                          OR section = 'prevention'
                                                          OR section = 'profile'
                                                          OR section = 'other')),
    paragraph          INTEGER CHECK (paragraph IS NULL OR paragraph >= 1),
    start_offset       INTEGER CHECK (start_offset IS NULL OR start_offset >= 0),
    end_offset         INTEGER CHECK (end_offset IS NULL OR end_offset > start_offset),
    score              REAL,
    reason             TEXT,
    commitment         INTEGER NOT NULL DEFAULT 0 CHECK (commitment IN (0, 1)),
    assessment         TEXT    CHECK (assessment IS NULL OR (assessment = 'progress'
                                                             OR assessment = 'no-progress'
                                                             OR assessment = 'regression')),
    review_note        TEXT,
    -- The command that deleted it (`evidence delete`), NULL while it stands; as note.deleted.
    deleted            INTEGER REFERENCES command (id),
    CHECK ((narrative_id IS NULL) = (start_offset IS NULL)),
    CHECK (quote IS NOT NULL OR (state = 'suggested' AND narrative_id IS NOT NULL))
) STRICT;

CREATE TABLE event (
    id                 INTEGER PRIMARY KEY,
    narrative_id       INTEGER NOT NULL REFERENCES narrative (id),
    recommendation_id  INTEGER REFERENCES recommendation (id),
    kind               TEXT    NOT NULL CHECK (kind = 'import' OR kind = 'reimport'
                                               OR kind = 'created' OR kind = 'status'
                                               OR kind = 'text' OR kind = 'position'
                                               OR kind = 'removed' OR kind = 'note'
                                               OR kind = 'evidence' OR kind = 'tier'
                                               OR kind = 'area' OR kind = 'action'
                                               OR kind = 'link' OR kind = 'unlink'
                                               OR kind = 'accept' OR kind = 'reject'
                                               OR kind = 'assign' OR kind = 'note-edit'
                                               OR kind = 'note-delete' OR kind = 'evidence-edit'
                                               OR kind = 'evidence-delete' OR kind = 'date'
                                               OR kind = 'remove' OR kind = 'restore'
                                               OR kind = 'undo'),
    old_value          TEXT,
    new_value          TEXT,
    note               TEXT,
    effective_date     TEXT    CHECK (effective_date IS NULL OR date(effective_date) = effective_date),
    actor              TEXT    NOT NULL,
    at                 TEXT    NOT NULL,
    command            INTEGER REFERENCES command (id),
    before             TEXT    CHECK (before IS NULL OR json_valid(before))
) STRICT;

CREATE TABLE ask (
    id           INTEGER PRIMARY KEY REFERENCES recommendation (id),
    iso3         TEXT    NOT NULL,
    first_year   INTEGER NOT NULL,
    latest_year  INTEGER NOT NULL,
    reports      INTEGER NOT NULL CHECK (reports >= 1),
    latest_id    INTEGER NOT NULL REFERENCES recommendation (id),
    current      INTEGER NOT NULL CHECK (current IN (0, 1)),
    in_latest    INTEGER NOT NULL CHECK (in_latest IN (0, 1)),
    status       TEXT    NOT NULL CHECK (status = 'open' OR status = 'in-progress'
                                         OR status = 'partially-addressed' OR status = 'addressed'
                                         OR status = 'not-addressed' OR status = 'superseded'),
    status_item  INTEGER REFERENCES recommendation (id),
    status_date  TEXT,
    asked_again  INTEGER NOT NULL CHECK (asked_again IN (0, 1)),
    owner        TEXT,
    supporting   TEXT,
    due_date     TEXT,
    merged_into  INTEGER REFERENCES recommendation (id),
    split_from   INTEGER REFERENCES recommendation (id)
) STRICT;
