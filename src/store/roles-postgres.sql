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
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM tiptrack_reader, tiptrack_analyst, tiptrack_admin;

-- tiptrack_reader: lists, reports, dossiers, history, exports.
GRANT USAGE ON SCHEMA public TO tiptrack_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO tiptrack_reader;

-- tiptrack_analyst: statuses (and their dates), notes, evidence (added, accepted, rejected,
-- edited, deleted), review, assignments, and undoing those. Every change is recorded: a
-- command and its events. The actor columns (command.actor, event.actor, note.author,
-- evidence.added_by) are left out: they take their default, the session's user, so an analyst
-- records changes under their own name only, and rewrites nobody's.
GRANT INSERT (at, undoes) ON command TO tiptrack_analyst;
GRANT INSERT (narrative_id, recommendation_id, kind, old_value, new_value, note, effective_date,
              at, command, before) ON event TO tiptrack_analyst;
GRANT INSERT (recommendation_id, text, created_at) ON note TO tiptrack_analyst;
GRANT INSERT (recommendation_id, report_year, quote, source, action_date, added_at)
    ON evidence TO tiptrack_analyst;
GRANT UPDATE (status, status_seq, status_date, asked_again_from, owner, supporting, due_date,
              assign_seq, updated_at) ON recommendation TO tiptrack_analyst;
-- The ask table is derived from the items: refreshed whenever a status or assignment changes.
GRANT UPDATE ON ask TO tiptrack_analyst;
-- A status change moves the tallies that count its ask (src/store/asks.rs).
GRANT UPDATE ON narrative_tally, country_tally TO tiptrack_analyst;
GRANT UPDATE (text, deleted) ON note TO tiptrack_analyst;
GRANT UPDATE (report_year, quote, source, action_date, state, assessment, review_note, deleted)
    ON evidence TO tiptrack_analyst;

-- tiptrack_admin: imports, links and unlinks, tiers, classification, removing narratives,
-- recomputing suggestions, restoring and copying (which write the actors a dump carries, and
-- move the id sequences past them). No role may rewrite the history (event), who ran a command
-- (command), or who wrote a note or added evidence.
GRANT INSERT ON ALL TABLES IN SCHEMA public TO tiptrack_admin;
GRANT UPDATE, DELETE ON narrative, narrative_text, section, narrative_warning, recommendation,
    link, link_rejection, ask, narrative_tally, country_tally TO tiptrack_admin;
GRANT UPDATE (text, deleted) ON note TO tiptrack_admin;
GRANT UPDATE (recommendation_id, report_year, quote, source, action_date, added_at, state,
              narrative_id, section, paragraph, start_offset, end_offset, score, reason,
              commitment, assessment, review_note, deleted) ON evidence TO tiptrack_admin;
-- Recomputing suggestions replaces those awaiting review.
GRANT DELETE ON evidence TO tiptrack_admin;
GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO tiptrack_admin;
REVOKE INSERT ON tiptrack_schema FROM tiptrack_admin;
