-- Schema version 6 to 7: the plain `report` from stored tallies (issue 11). Two new tables,
-- narrative_tally and country_tally, keep what the report counts per narrative and per country
-- (derived data, like the ask table: src/store/asks.rs keeps them), filled here from the items
-- and asks there are; and an index finds the asks with a due date. Nothing is rebuilt: the
-- CREATE statements are copied from schema.sql word for word.

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

-- Every narrative's and every country's tally, from the items and asks there are: the same
-- counts as src/store/asks.rs (`retally`) makes for one country.
INSERT INTO narrative_tally (narrative_id, open, in_progress, partially_addressed, addressed,
                             not_addressed, superseded, asked_before, asked_again)
SELECT n.id,
       count(CASE WHEN i.ask_id IS NOT NULL AND coalesce(a.status, 'open') = 'open' THEN 1 END),
       count(CASE WHEN a.status = 'in-progress' THEN 1 END),
       count(CASE WHEN a.status = 'partially-addressed' THEN 1 END),
       count(CASE WHEN a.status = 'addressed' THEN 1 END),
       count(CASE WHEN a.status = 'not-addressed' THEN 1 END),
       count(CASE WHEN a.status = 'superseded' THEN 1 END),
       count(CASE WHEN i.asked_before THEN 1 END),
       count(CASE WHEN a.asked_again <> 0 THEN 1 END)
FROM narrative n
LEFT JOIN (SELECT r.narrative_id, r.ask_id, min(r.ask_position) > 1 AS asked_before
           FROM recommendation r WHERE r.position IS NOT NULL
           GROUP BY r.narrative_id, r.ask_id) i ON i.narrative_id = n.id
LEFT JOIN ask a ON a.id = i.ask_id
WHERE n.removed IS NULL
GROUP BY n.id;

INSERT INTO country_tally (iso3, open, in_progress, partially_addressed, addressed,
                           not_addressed, superseded, asked_before, asked_again)
SELECT c.iso3,
       count(CASE WHEN i.ask_id IS NOT NULL AND coalesce(a.status, 'open') = 'open' THEN 1 END),
       count(CASE WHEN a.status = 'in-progress' THEN 1 END),
       count(CASE WHEN a.status = 'partially-addressed' THEN 1 END),
       count(CASE WHEN a.status = 'addressed' THEN 1 END),
       count(CASE WHEN a.status = 'not-addressed' THEN 1 END),
       count(CASE WHEN a.status = 'superseded' THEN 1 END),
       count(CASE WHEN i.asked_before THEN 1 END),
       count(CASE WHEN a.asked_again <> 0 THEN 1 END)
FROM (SELECT DISTINCT iso3 FROM narrative WHERE removed IS NULL) c
LEFT JOIN (SELECT n.iso3, r.ask_id, max(r.ask_position) > 1 AS asked_before
           FROM recommendation r JOIN narrative n ON n.id = r.narrative_id
           WHERE n.removed IS NULL AND r.position IS NOT NULL
           GROUP BY n.iso3, r.ask_id) i ON i.iso3 = c.iso3
LEFT JOIN ask a ON a.id = i.ask_id
GROUP BY c.iso3;
