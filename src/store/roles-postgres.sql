-- The three tiptrack roles on PostgreSQL (`tiptrack db init-roles`, docs/team.md). They cannot
-- log in: grant them to the login roles of the people who use the database, with GRANT. Run as
-- the owner of the tables (who created the database's schema), with the CREATEROLE attribute.
-- Running it again brings existing roles' rights up to date.
DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['tiptrack_reader', 'tiptrack_analyst', 'tiptrack_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                -- Another database's init-roles made it meanwhile: roles are the server's.
                NULL;
            END;
        END IF;
    END LOOP;
END
$$;

-- Each role has what the one before it has.
GRANT tiptrack_reader TO tiptrack_analyst;
GRANT tiptrack_analyst TO tiptrack_admin;

-- Start from nothing, so that running this again takes back what an older version granted.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM tiptrack_reader, tiptrack_analyst, tiptrack_admin;

-- tiptrack_reader: lists, reports, dossiers, history, exports.
GRANT USAGE ON SCHEMA public TO tiptrack_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO tiptrack_reader;

-- tiptrack_analyst: statuses (and their dates), notes, evidence (added, accepted, rejected,
-- edited, deleted), review, assignments, and undoing those. Every change is recorded: a
-- command and its events.
GRANT INSERT ON command, event, note, evidence TO tiptrack_analyst;
GRANT UPDATE (status, status_seq, status_date, asked_again_from, owner, supporting, due_date,
              assign_seq, updated_at) ON recommendation TO tiptrack_analyst;
-- The ask table is derived from the items: refreshed whenever a status or assignment changes.
GRANT UPDATE ON ask TO tiptrack_analyst;
GRANT UPDATE (text, deleted) ON note TO tiptrack_analyst;
GRANT UPDATE (quote, source, action_date, state, assessment, review_note, deleted)
    ON evidence TO tiptrack_analyst;

-- tiptrack_admin: imports, links and unlinks, tiers, classification, removing narratives,
-- recomputing suggestions, restoring. Everything but rewriting the history, which no role may.
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tiptrack_admin;
REVOKE UPDATE, DELETE, TRUNCATE ON event FROM tiptrack_admin;
REVOKE INSERT, UPDATE, DELETE ON tiptrack_schema FROM tiptrack_admin;
