-- Schema version 6 to 7 on PostgreSQL: v6-to-v7.sql in PostgreSQL's terms (the CREATE
-- statements copied from schema-postgres.sql word for word, the same fill), and the roles of
-- src/store/roles-postgres.sql given the new tables where a server has them (`db init-roles`
-- grants the same when run again).

-- What the plain `report` counts, kept counted so that it reads a row per narrative and per
-- country, not one per item: the asks each narrative's current items belong to (each once),
-- by status; how many of them an earlier report made too (`asked_before`); how many are
-- addressed although a later report made them again (`asked_again`). Derived data, like the
-- ask table: rebuilt for a country whenever its asks are regrouped (an import, a link, an
-- unlink, a remove), and moved for the narratives of one ask when its status changes
-- (src/store/asks.rs). Overdue is not kept: it depends on the day the report is made. A
-- removed narrative has no row.
CREATE TABLE narrative_tally (
    narrative_id         BIGINT PRIMARY KEY REFERENCES narrative (id) DEFERRABLE,
    open                 BIGINT NOT NULL,
    in_progress          BIGINT NOT NULL,
    partially_addressed  BIGINT NOT NULL,
    addressed            BIGINT NOT NULL,
    not_addressed        BIGINT NOT NULL,
    superseded           BIGINT NOT NULL,
    asked_before         BIGINT NOT NULL,
    asked_again          BIGINT NOT NULL
);

-- The same for each country, over all its reports: each ask once, however many made it.
CREATE TABLE country_tally (
    iso3                 TEXT COLLATE "C" PRIMARY KEY,
    open                 BIGINT NOT NULL,
    in_progress          BIGINT NOT NULL,
    partially_addressed  BIGINT NOT NULL,
    addressed            BIGINT NOT NULL,
    not_addressed        BIGINT NOT NULL,
    superseded           BIGINT NOT NULL,
    asked_before         BIGINT NOT NULL,
    asked_again          BIGINT NOT NULL
);

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

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tiptrack_reader') THEN
        GRANT SELECT ON narrative_tally, country_tally TO tiptrack_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tiptrack_analyst') THEN
        GRANT UPDATE ON narrative_tally, country_tally TO tiptrack_analyst;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tiptrack_admin') THEN
        GRANT INSERT, UPDATE, DELETE ON narrative_tally, country_tally TO tiptrack_admin;
    END IF;
END
$$;

-- The date check in SQL, as schema-postgres.sql has it since version 7 (the same days taken):
-- the PL/pgSQL one loaded the language into every new connection's server process on its first
-- dated write, about 1.5 ms of each `status`.
CREATE OR REPLACE FUNCTION tiptrack_is_date(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    RETURN CASE
        WHEN value !~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN false
        WHEN substr(value, 1, 4) = '0000' THEN false
        ELSE substr(value, 9, 2)::int <= CASE substr(value, 6, 2)
            WHEN '02' THEN CASE
                WHEN substr(value, 1, 4)::int % 400 = 0 THEN 29
                WHEN substr(value, 1, 4)::int % 100 = 0 THEN 28
                WHEN substr(value, 1, 4)::int % 4 = 0 THEN 29
                ELSE 28
            END
            WHEN '04' THEN 30
            WHEN '06' THEN 30
            WHEN '09' THEN 30
            WHEN '11' THEN 30
            ELSE 31
        END
    END;
