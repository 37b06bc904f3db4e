-- Schema version 3 to 4. Suggestions awaiting review are most of the evidence rows, and an import
-- rewrites them: they now store neither their sentence nor their source, which their narrative
-- holds (read from its text by the offsets; written in when the suggestion is decided, so that
-- decided evidence keeps its words whatever a later re-import does to the text). And the unique
-- index on decided sentences leaves them out. The evidence table is rebuilt as in v2-to-v3.sql
-- (a NOT NULL cannot be dropped in place): rows copied in id order, ids kept.
--
-- A later item may now continue more than one earlier item (a merge of two asks into one), so
-- the index of links by later item is no longer unique.
DROP INDEX link_by_later;
CREATE INDEX link_by_later ON link (later_id);
DROP INDEX evidence_by_recommendation;
DROP INDEX evidence_by_sentence;
DROP INDEX evidence_by_narrative;
ALTER TABLE evidence RENAME TO evidence_v3;
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
    CHECK ((narrative_id IS NULL) = (start_offset IS NULL)),
    CHECK (quote IS NOT NULL OR (state = 'suggested' AND narrative_id IS NOT NULL))
) STRICT;
CREATE INDEX evidence_by_recommendation ON evidence (recommendation_id);
CREATE UNIQUE INDEX evidence_by_sentence ON evidence (recommendation_id, narrative_id, quote)
    WHERE narrative_id IS NOT NULL AND state <> 'suggested';
CREATE INDEX evidence_by_narrative ON evidence (narrative_id, state) WHERE narrative_id IS NOT NULL;
INSERT INTO evidence (id, recommendation_id, report_year, quote, source, action_date, added_by,
                      added_at, state, narrative_id, section, paragraph, start_offset, end_offset,
                      score, reason, commitment, assessment, review_note)
    SELECT id, recommendation_id, report_year, quote, source, action_date, added_by, added_at,
           state, narrative_id, section, paragraph, start_offset, end_offset, score, reason,
           commitment, assessment, review_note
    FROM evidence_v3 ORDER BY id;
DROP TABLE evidence_v3;
