-- tiptrack database schema, version 8.
--
-- Applied by src/store/migrate.rs to a new database, which then sets PRAGMA user_version = 8.
-- Later schema changes are appended as migrations (see MIGRATIONS in src/store/migrate.rs), one
-- transaction per version; this file always describes the newest version in full.
--
-- Times are UTC RFC 3339 strings ("2026-11-28T15:35:15Z"); dates are "YYYY-MM-DD".
--
-- A CHECK that lists three or more allowed values is an OR chain, not an IN list: SQLite checks
-- an IN list of constants by building a temporary b-tree of them at every row it writes
-- (src/store/migrations/v7-to-v8.sql).

-- One command a user ran that changed something: one invocation of tiptrack (an import of many
-- files is one), or one decision in `review`. Its events (event.command) are what `undo` takes
-- back, whole; an undo is itself a command, `undoes` naming the one it took back.
CREATE TABLE command (
    id      INTEGER PRIMARY KEY,
    actor   TEXT    NOT NULL,
    at      TEXT    NOT NULL,
    undoes  INTEGER UNIQUE REFERENCES command (id)
) STRICT;
CREATE INDEX command_by_actor ON command (actor, id);

-- One imported country narrative of one report year.
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

-- The narrative's full text (page furniture removed), apart from the narrative row so that
-- scanning narratives for a report does not read every text.
CREATE TABLE narrative_text (
    narrative_id  INTEGER PRIMARY KEY REFERENCES narrative (id) ON DELETE CASCADE,
    full_text     TEXT    NOT NULL
) STRICT;

-- The narrative cut into its sections, in order.
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

-- What the importer could not do cleanly, kept with the narrative so it can be found later.
CREATE TABLE narrative_warning (
    narrative_id  INTEGER NOT NULL REFERENCES narrative (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    message       TEXT    NOT NULL,
    PRIMARY KEY (narrative_id, position)
) STRICT;

-- One recommendation of a narrative: the tracked item.
-- `code` is the public ID (ISO3-YEAR-N). N is the item's position when it was first imported and
-- never changes; `position` is where the item stands in the current text, NULL once a re-import
-- no longer contains it (the item and everything recorded about it are kept).
--
-- Items linked across a country's reports form asks (see the ask table). What a user records
-- about an ask is stored on the item it was recorded through, and the ask shows the latest of
-- what its items hold: `status` is the status last set through this item ('open' while none
-- was), `status_seq` the history event that set it (NULL while none did), `status_date` the day
-- it took effect (the --date given, else the day it was set) and `asked_again_from` the first
-- report year that, making the ask again, contradicts an 'addressed' (see src/ask.rs). Likewise
-- the assignment: `owner` (the lead institution), `supporting` (a JSON array of institutions),
-- `due_date`, and `assign_seq`, the history event that set them. So regrouping asks (a link or
-- unlink, an import) moves nothing a user entered, and undoing a regrouping gives back exactly
-- what each side showed before.
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
CREATE INDEX recommendation_by_ask ON recommendation (ask_id);
CREATE UNIQUE INDEX recommendation_by_position ON recommendation (narrative_id, position)
    WHERE position IS NOT NULL;

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
CREATE INDEX note_by_recommendation ON note (recommendation_id);

-- Evidence that a government acted (or did not) on a recommendation. A user's evidence (`evidence
-- add`) is 'accepted' from the start and has no narrative. A suggestion is a sentence of a later
-- narrative (`narrative_id`) that the matcher found to speak to the item (src/suggest.rs):
-- `section`, `paragraph` (1-based, within the section), `start_offset`..`end_offset` (byte offsets
-- into narrative_text.full_text), `score` (BM25), `reason` (the matched words) and `commitment`
-- (the sentence states a plan or pledge, not an action). Suggestions still 'suggested' are
-- derived data, recomputed on import; 'accepted' and 'rejected' ones are a user's decisions and
-- never touched by a recomputation. A suggestion stores neither its sentence (`quote`) nor its
-- `source`: they are read from its narrative (the text by the offsets) until it is decided, when
-- they are written in, so decided evidence keeps its words whatever a re-import does to the text
-- (its offsets then tell where the sentence was in the text it was decided on).
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
CREATE INDEX evidence_by_recommendation ON evidence (recommendation_id);
-- One decision per item and sentence: a recomputation skips sentences a user already decided
-- on. Suggestions awaiting review are kept apart from it by the code (one per item, narrative
-- and sentence), and left out of the index: they are most of the rows, and rewritten often.
CREATE UNIQUE INDEX evidence_by_sentence ON evidence (recommendation_id, narrative_id, quote)
    WHERE narrative_id IS NOT NULL AND state <> 'suggested';
CREATE INDEX evidence_by_narrative ON evidence (narrative_id, state) WHERE narrative_id IS NOT NULL;

-- Append-only log of every change. A row concerns one recommendation, or (for narrative-level
-- events such as a changed text on re-import) only a narrative.
--
-- `command` groups the events of one command (NULL for events recorded before schema version
-- 6, which cannot be undone). `before` is what the change replaced, as JSON, for `undo` to put
-- back: the row (`"table"` and `"id"`) and the old value of each column it set (`"set"`).
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

-- `list --country X --year Y` goes through narrative's UNIQUE (iso3, year) and then
-- recommendation_by_position; `report` counts each narrative's asks (and how each is classed
-- and whether an earlier report made it) from this covering index and the ask table.
CREATE INDEX recommendation_asks_by_narrative
    ON recommendation (narrative_id, ask_id, ask_position, area, action) WHERE position IS NOT NULL;

-- A recurring recommendation: `later_id` continues `earlier_id`, an item of one of the same
-- country's earlier imported reports (the nearest, or an older one for an ask that skipped
-- reports). Links `made_by` 'auto' are derived data: every import of the country deletes and
-- recomputes them (see src/store/links.rs). A 'user' link is a correction and is never touched
-- by an import. An item has one predecessor, or several where it merges asks of the nearest
-- earlier report into one (see MERGE_MIN in src/link.rs).
CREATE TABLE link (
    earlier_id  INTEGER NOT NULL REFERENCES recommendation (id),
    later_id    INTEGER NOT NULL REFERENCES recommendation (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('repeated', 'reworded')),
    score       REAL    NOT NULL CHECK (score BETWEEN 0 AND 1),
    made_by     TEXT    NOT NULL CHECK (made_by IN ('auto', 'user')),
    PRIMARY KEY (earlier_id, later_id),
    CHECK (earlier_id <> later_id)
) STRICT;
CREATE INDEX link_by_later ON link (later_id);
CREATE INDEX link_by_earlier ON link (earlier_id);

-- Pairs a user unlinked: never linked automatically again.
CREATE TABLE link_rejection (
    earlier_id  INTEGER NOT NULL REFERENCES recommendation (id),
    later_id    INTEGER NOT NULL REFERENCES recommendation (id),
    PRIMARY KEY (earlier_id, later_id)
) STRICT;

-- An ask: one line of linked items across a country's reports, followed as one thing. Derived
-- data, like the links it comes from: rebuilt for a country whenever its links change, and one
-- row refreshed whenever a user records something through one of its items. Nothing here is
-- entered by a user; it is what the items hold (see recommendation), gathered so that listing
-- and counting asks reads one row per ask.
--
-- `id` is the ask's first item, whose code is the ask's ID. `status` and the assignment are
-- the latest recorded through any of its items (`status_item` says which; NULL while none).
-- `asked_again`: the ask is 'addressed', and a report later than that judgement makes it again.
-- `in_latest`: the country's latest imported report makes it. `merged_into`: the ask's last
-- item is continued by an item of another ask (two asks made one, this one gave way): that
-- item. `split_from`: the ask's first item continues an item whose own ask goes on through
-- another item: that item.
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
CREATE INDEX ask_by_country ON ask (iso3);

-- What the plain `report` counts, kept counted so that it reads a row per narrative and per
-- country, not one per item: the asks each narrative's current items belong to (each once),
-- by status; how many of them an earlier report made too (`asked_before`); how many are
-- addressed although a later report made them again (`asked_again`). Derived data, like the
-- ask table: rebuilt for a country whenever its asks are regrouped (an import, a link, an
-- unlink, a remove), and moved for the narratives of one ask when its status changes
-- (src/store/asks.rs). Overdue is not kept: it depends on the day the report is made. A
-- removed narrative has no row.
CREATE TABLE narrative_tally (
    narrative_id         INTEGER PRIMARY KEY REFERENCES narrative (id),
    open                 INTEGER NOT NULL,
    in_progress          INTEGER NOT NULL,
    partially_addressed  INTEGER NOT NULL,
    addressed            INTEGER NOT NULL,
    not_addressed        INTEGER NOT NULL,
    superseded           INTEGER NOT NULL,
    asked_before         INTEGER NOT NULL,
    asked_again          INTEGER NOT NULL
) STRICT;

-- The same for each country, over all its reports: each ask once, however many made it.
CREATE TABLE country_tally (
    iso3                 TEXT    PRIMARY KEY,
    open                 INTEGER NOT NULL,
    in_progress          INTEGER NOT NULL,
    partially_addressed  INTEGER NOT NULL,
    addressed            INTEGER NOT NULL,
    not_addressed        INTEGER NOT NULL,
    superseded           INTEGER NOT NULL,
    asked_before         INTEGER NOT NULL,
    asked_again          INTEGER NOT NULL
) STRICT;

-- The plain `report` finds the overdue asks (the only count it cannot keep) from this index.
CREATE INDEX ask_by_due_date ON ask (due_date) WHERE due_date IS NOT NULL;
