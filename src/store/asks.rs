//! Asks in the database: each item's place in its ask (from the links, by
//! `link::lineage`), and the ask table that gathers what each ask shows (by `ask::state`).
//!
//! Both are derived. A country's placements and asks are rebuilt whenever its links change
//! (an import, a link, an unlink); one ask's row is refreshed whenever a user records something
//! through one of its items. No write walks a chain: a status change reads the ask's own items
//! through `recommendation_by_ask`.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::Connection;

use super::rows;
use super::sql::{Backend, Db, Row, params};
use crate::ask::{self, Member};
use crate::link::lineage::{self, Edge, Item, Lineage};
use crate::model::{Ask, AskFilter, Status};

/// The columns [`member_from_row`] reads, from `recommendation r JOIN narrative n`.
const MEMBER_COLUMNS: &str = "r.id, n.year, r.position IS NOT NULL, r.status, r.status_seq, \
     r.status_date, r.asked_again_from, r.owner, r.supporting, r.due_date, r.assign_seq";

fn member_from_row(row: &Row<'_>) -> Result<Member> {
    Ok(Member {
        id: row.get(0)?,
        year: row.get(1)?,
        current: row.get(2)?,
        status: row.get(3)?,
        status_seq: row.get(4)?,
        status_date: row.get(5)?,
        asked_again_from: row.get(6)?,
        owner: row.get(7)?,
        supporting: row.get(8)?,
        due_date: row.get(9)?,
        assign_seq: row.get(10)?,
    })
}

/// Regroups one country's items into asks along its links, and rebuilds its ask rows and its
/// tallies.
pub(super) fn regroup(db: Db<'_>, iso3: &str) -> Result<()> {
    regroup_items(db, iso3, "n.removed IS NULL")?;
    retally(db, iso3)
}

/// The columns of `narrative_tally` and `country_tally` after their key, in order (as
/// `report::counts_from` reads them).
pub(super) const TALLY_COLUMNS: &str = "open, in_progress, partially_addressed, addressed, not_addressed, \
     superseded, asked_before, asked_again";

/// The tally of a status: its column.
fn tally_column(status: Status) -> &'static str {
    match status {
        Status::Open => "open",
        Status::InProgress => "in_progress",
        Status::PartiallyAddressed => "partially_addressed",
        Status::Addressed => "addressed",
        Status::NotAddressed => "not_addressed",
        Status::Superseded => "superseded",
    }
}

/// The counts of a tally row, over `i` (each ask once: `ask_id`, and `asked_before`, whether an
/// earlier report made it) and `a`, its ask row (an ask without one counts as open, as in
/// `report::build`). The same SQL as the upgrade to version 7 fills the tallies with.
const TALLY_COUNTS: &str = "count(CASE WHEN i.ask_id IS NOT NULL \
     AND coalesce(a.status, 'open') = 'open' THEN 1 END), \
     count(CASE WHEN a.status = 'in-progress' THEN 1 END), \
     count(CASE WHEN a.status = 'partially-addressed' THEN 1 END), \
     count(CASE WHEN a.status = 'addressed' THEN 1 END), \
     count(CASE WHEN a.status = 'not-addressed' THEN 1 END), \
     count(CASE WHEN a.status = 'superseded' THEN 1 END), \
     count(CASE WHEN i.asked_before THEN 1 END), \
     count(CASE WHEN a.asked_again <> 0 THEN 1 END)";

/// Rebuilds one country's tallies from its items and asks: a row per narrative there is (the
/// asks its current items belong to, each once, and whether an earlier report made each: its
/// item there is not the first of its line), and the country's (each ask once; made before if
/// any of its current items is not the first of its line, which is its latest's).
fn retally(db: Db<'_>, iso3: &str) -> Result<()> {
    db.exec(
        "clearing a country's narrative tallies",
        "DELETE FROM narrative_tally WHERE narrative_id IN \
         (SELECT id FROM narrative WHERE iso3 = ?1)",
        params![iso3],
    )?;
    db.exec(
        "clearing a country's tally",
        "DELETE FROM country_tally WHERE iso3 = ?1",
        params![iso3],
    )?;
    db.exec(
        "counting a country's narratives",
        &format!(
            "INSERT INTO narrative_tally (narrative_id, {TALLY_COLUMNS}) \
             SELECT n.id, {TALLY_COUNTS} FROM narrative n \
             LEFT JOIN (SELECT r.narrative_id, r.ask_id, min(r.ask_position) > 1 AS asked_before \
                        FROM recommendation r JOIN narrative rn ON rn.id = r.narrative_id \
                        WHERE rn.iso3 = ?1 AND r.position IS NOT NULL \
                        GROUP BY r.narrative_id, r.ask_id) i ON i.narrative_id = n.id \
             LEFT JOIN ask a ON a.id = i.ask_id \
             WHERE n.iso3 = ?1 AND n.removed IS NULL GROUP BY n.id"
        ),
        params![iso3],
    )?;
    db.exec(
        "counting a country's asks",
        &format!(
            "INSERT INTO country_tally (iso3, {TALLY_COLUMNS}) \
             SELECT c.iso3, {TALLY_COUNTS} \
             FROM (SELECT DISTINCT iso3 FROM narrative WHERE iso3 = ?1 AND removed IS NULL) c \
             LEFT JOIN (SELECT r.ask_id, max(r.ask_position) > 1 AS asked_before \
                        FROM recommendation r JOIN narrative n ON n.id = r.narrative_id \
                        WHERE n.iso3 = ?1 AND n.removed IS NULL AND r.position IS NOT NULL \
                        GROUP BY r.ask_id) i ON 1 = 1 \
             LEFT JOIN ask a ON a.id = i.ask_id GROUP BY c.iso3"
        ),
        params![iso3],
    )?;
    Ok(())
}

/// Moves the tallies that count ask `ask_id` (its current items' narratives', and its
/// country's) from one status and "asked again" to another: what `retally` would give, for
/// the rows of that ask's narratives only.
fn move_tallies(db: Db<'_>, ask_id: i64, from: (Status, bool), to: (Status, bool)) -> Result<()> {
    let mut set = vec![format!(
        "asked_again = asked_again + {}",
        i64::from(to.1) - i64::from(from.1)
    )];
    if from.0 != to.0 {
        let (old, new) = (tally_column(from.0), tally_column(to.0));
        set.push(format!("{old} = {old} - 1, {new} = {new} + 1"));
    }
    let set = set.join(", ");
    let narratives = format!(
        "UPDATE narrative_tally SET {set} WHERE narrative_id IN \
         (SELECT r.narrative_id FROM recommendation r \
          WHERE r.ask_id = ?1 AND r.position IS NOT NULL)"
    );
    let country = format!(
        "UPDATE country_tally SET {set} WHERE iso3 = (SELECT iso3 FROM ask WHERE id = ?1) \
         AND EXISTS (SELECT 1 FROM recommendation r \
                     WHERE r.ask_id = ?1 AND r.position IS NOT NULL)"
    );
    if db.backend() == Backend::Postgres {
        // One statement, so one round trip: PostgreSQL runs an UPDATE in a WITH too.
        db.exec(
            "moving the tallies of an ask's narratives and country",
            &format!("WITH moved AS ({narratives}) {country}"),
            params![ask_id],
        )?;
        return Ok(());
    }
    db.exec(
        "moving the tallies of an ask's narratives",
        &narratives,
        params![ask_id],
    )?;
    db.exec(
        "moving the tally of an ask's country",
        &country,
        params![ask_id],
    )?;
    Ok(())
}

/// [`regroup`] of the items whose narrative (`n`) meets `which`: fixed SQL, the upgrade to
/// version 5 runs before narratives could be removed (and had the column).
fn regroup_items(db: Db<'_>, iso3: &str, which: &str) -> Result<()> {
    let members: Vec<(Member, i64, i64)> = db.rows(
        "a country's items, to group into asks",
        &format!(
            "SELECT {MEMBER_COLUMNS}, r.ask_id, r.ask_position FROM recommendation r \
             JOIN narrative n ON n.id = r.narrative_id WHERE n.iso3 = ?1 AND {which}"
        ),
        params![iso3],
        |row| Ok((member_from_row(row)?, row.get(11)?, row.get(12)?)),
    )?;
    let edges: Vec<Edge> = db.rows(
        "a country's links, to group its items into asks",
        &format!(
            "SELECT k.earlier_id, k.later_id, k.score, k.made_by = 'user' FROM link k \
             JOIN recommendation r ON r.id = k.later_id \
             JOIN narrative n ON n.id = r.narrative_id WHERE n.iso3 = ?1 AND {which}"
        ),
        params![iso3],
        |row| {
            Ok(Edge {
                earlier: row.get(0)?,
                later: row.get(1)?,
                score: row.get(2)?,
                by_user: row.get(3)?,
            })
        },
    )?;
    let items: Vec<Item> = members
        .iter()
        .map(|(m, ..)| Item {
            id: m.id,
            year: m.year,
        })
        .collect();
    let lineage = lineage::asks(&items, &edges);
    for (member, ask_id, position) in &members {
        let new = lineage.placements[&member.id];
        if (new.ask, new.position) != (*ask_id, *position) {
            db.exec(
                "placing an item in its ask",
                "UPDATE recommendation SET ask_id = ?1, ask_position = ?2 WHERE id = ?3",
                params![new.ask, new.position, member.id],
            )?;
        }
    }
    let latest_year: Option<i64> = db.value(
        "a country's latest report year",
        &format!("SELECT max(n.year) FROM narrative n WHERE n.iso3 = ?1 AND {which}"),
        params![iso3],
    )?;
    let by_id: HashMap<i64, &Member> = members.iter().map(|(m, ..)| (m.id, m)).collect();
    let wanted = ask_rows(&lineage, &by_id, latest_year);
    // Most of a country's asks come out of an import as they went in: only the rows that
    // differ are written (an import of a whole report regroups 190 countries).
    let stored: HashMap<i64, AskRow> = db
        .rows(
            "a country's ask rows",
            &format!("SELECT {ASK_ROW} FROM ask WHERE iso3 = ?1"),
            params![iso3],
            ask_row_from,
        )?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    for id in stored.keys().filter(|id| !wanted.contains_key(id)) {
        db.exec(
            "deleting an ask that is no more",
            "DELETE FROM ask WHERE id = ?1",
            params![id],
        )?;
    }
    for (id, row) in &wanted {
        if stored.get(id) == Some(row) {
            continue;
        }
        // Nothing refers to an ask row, and its id is its only key: the upsert does what
        // SQLite's INSERT OR REPLACE did, on both databases.
        db.exec(
            "writing an ask row",
            "INSERT INTO ask (id, iso3, first_year, latest_year, reports, latest_id, \
             current, in_latest, status, status_item, status_date, asked_again, owner, \
             supporting, due_date, merged_into, split_from) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) \
             ON CONFLICT (id) DO UPDATE SET iso3 = excluded.iso3, \
             first_year = excluded.first_year, latest_year = excluded.latest_year, \
             reports = excluded.reports, latest_id = excluded.latest_id, \
             current = excluded.current, in_latest = excluded.in_latest, \
             status = excluded.status, status_item = excluded.status_item, \
             status_date = excluded.status_date, asked_again = excluded.asked_again, \
             owner = excluded.owner, supporting = excluded.supporting, \
             due_date = excluded.due_date, merged_into = excluded.merged_into, \
             split_from = excluded.split_from",
            params![
                row.id,
                iso3,
                row.first_year,
                row.latest_year,
                row.reports,
                row.latest_id,
                row.current,
                row.in_latest,
                row.status,
                row.status_item,
                row.status_date,
                row.asked_again,
                row.owner,
                row.supporting,
                row.due_date,
                row.merged_into,
                row.split_from,
            ],
        )?;
    }
    Ok(())
}

/// One row of the ask table, as [`ASK_ROW`] reads it (the country aside).
#[derive(Debug, Clone, PartialEq)]
struct AskRow {
    id: i64,
    first_year: i64,
    latest_year: i64,
    reports: i64,
    latest_id: i64,
    current: bool,
    in_latest: bool,
    status: crate::model::Status,
    status_item: Option<i64>,
    status_date: Option<String>,
    asked_again: bool,
    owner: Option<String>,
    supporting: Option<String>,
    due_date: Option<String>,
    merged_into: Option<i64>,
    split_from: Option<i64>,
}

const ASK_ROW: &str = "id, first_year, latest_year, reports, latest_id, current, in_latest, \
     status, status_item, status_date, asked_again, owner, supporting, due_date, merged_into, \
     split_from";

fn ask_row_from(row: &Row<'_>) -> Result<AskRow> {
    Ok(AskRow {
        id: row.get(0)?,
        first_year: row.get(1)?,
        latest_year: row.get(2)?,
        reports: row.get(3)?,
        latest_id: row.get(4)?,
        current: row.get(5)?,
        in_latest: row.get(6)?,
        status: row.get(7)?,
        status_item: row.get(8)?,
        status_date: row.get(9)?,
        asked_again: row.get(10)?,
        owner: row.get(11)?,
        supporting: row.get(12)?,
        due_date: row.get(13)?,
        merged_into: row.get(14)?,
        split_from: row.get(15)?,
    })
}

/// The ask rows a country's lineage and items give.
fn ask_rows(
    lineage: &Lineage,
    members: &HashMap<i64, &Member>,
    latest_year: Option<i64>,
) -> HashMap<i64, AskRow> {
    lineage
        .lines
        .iter()
        .map(|(ask_id, line)| {
            let line: Vec<Member> = line.iter().map(|id| members[id].clone()).collect();
            let state = ask::state(&line);
            let (first, latest) = (&line[0], &line[line.len() - 1]);
            let relations = lineage.relations.get(ask_id).copied().unwrap_or_default();
            let row = AskRow {
                id: *ask_id,
                first_year: first.year,
                latest_year: latest.year,
                reports: line.len() as i64,
                latest_id: latest.id,
                current: line.iter().any(|m| m.current),
                in_latest: latest_year == Some(latest.year) && latest.current,
                status: state.status,
                status_item: state.status_item,
                status_date: state.status_date,
                asked_again: state.asked_again,
                owner: state.owner,
                supporting: state.supporting,
                due_date: state.due_date,
                merged_into: relations.merged_into,
                split_from: relations.split_from,
            };
            (*ask_id, row)
        })
        .collect()
}

impl super::Writer<'_> {
    /// A country's asks flagged "asked again after addressed", as (ask ID, latest item ID).
    pub fn flagged_asks(&self, iso3: &str) -> Result<Vec<(String, String)>> {
        self.db().rows(
            "a country's asks asked again after addressed",
            "SELECT ar.code, lr.code FROM ask a JOIN recommendation ar ON ar.id = a.id \
             JOIN recommendation lr ON lr.id = a.latest_id \
             WHERE a.iso3 = ?1 AND a.asked_again <> 0 ORDER BY ar.id",
            params![iso3],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }
}

/// Refreshes what one ask shows after something was recorded through one of its items, and
/// the tallies that count it when its status or "asked again" changed; returns what it shows.
pub(super) fn refresh(db: Db<'_>, ask_id: i64) -> Result<ask::State> {
    let (before, after) = refresh_row(db, ask_id)?;
    let now = (after.status, after.asked_again);
    if let Some(before) = before
        && before != now
    {
        move_tallies(db, ask_id, before, now)?;
    }
    Ok(after)
}

/// [`refresh`] of the ask row alone (the upgrade to version 5 runs before there were
/// tallies): the status and "asked again" it showed (read with its items, in one query; None
/// without an ask row), and what it shows now.
fn refresh_row(db: Db<'_>, ask_id: i64) -> Result<(Option<(Status, bool)>, ask::State)> {
    let mut before = None;
    let members: Vec<Member> = db.rows(
        "the items of an ask, and what it showed",
        &format!(
            "SELECT {MEMBER_COLUMNS}, a.status, a.asked_again FROM recommendation r \
             JOIN narrative n ON n.id = r.narrative_id LEFT JOIN ask a ON a.id = r.ask_id \
             WHERE r.ask_id = ?1"
        ),
        params![ask_id],
        |row| {
            let shown: (Option<Status>, Option<bool>) = (row.get(11)?, row.get(12)?);
            if let (Some(status), Some(asked_again)) = shown {
                before = Some((status, asked_again));
            }
            member_from_row(row)
        },
    )?;
    let state = ask::state(&members);
    db.exec(
        "refreshing an ask",
        "UPDATE ask SET status = ?1, status_item = ?2, status_date = ?3, asked_again = ?4, \
         owner = ?5, supporting = ?6, due_date = ?7 WHERE id = ?8",
        params![
            state.status,
            state.status_item,
            state.status_date,
            state.asked_again,
            state.owner,
            state.supporting,
            state.due_date,
            ask_id
        ],
    )?;
    Ok((before, state))
}

/// The upgrade to schema version 5, after its SQL: groups every country's items into asks
/// (each item starts as its own), then dates the undated `addressed` statuses of the versions
/// before as `set_status` would have: asked again from the report after the latest the ask
/// had when it was marked (its items imported by then).
///
/// SQLite only by nature: a PostgreSQL database is created at the current version, never
/// upgraded from an older one; the migration (migrate.rs) hands over its connection.
pub(super) fn upgrade_to_v5(conn: &Connection) -> Result<()> {
    let db = Db::Sqlite(conn);
    regroup_everything(db)?;
    let marked: Vec<(i64, i64, i64, String)> = db.rows(
        "the addressed statuses without a date",
        "SELECT r.id, r.ask_id, n.year, e.at FROM recommendation r \
         JOIN narrative n ON n.id = r.narrative_id JOIN event e ON e.id = r.status_seq \
         WHERE r.status = 'addressed' AND e.effective_date IS NULL",
        params![],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    for (id, ask_id, year, at) in marked {
        let latest: Option<i64> = db.value(
            "the latest report of an ask when it was marked addressed",
            "SELECT max(n.year) FROM recommendation m JOIN narrative n ON n.id = m.narrative_id \
             WHERE m.ask_id = ?1 AND n.imported_at <= ?2",
            params![ask_id, at],
        )?;
        db.exec(
            "dating an addressed status",
            "UPDATE recommendation SET asked_again_from = ?1 WHERE id = ?2",
            params![latest.unwrap_or(year) + 1, id],
        )?;
        refresh_row(db, ask_id)?;
    }
    Ok(())
}

/// Groups every country's items into asks.
fn regroup_everything(db: Db<'_>) -> Result<()> {
    let countries: Vec<String> = db.rows(
        "the countries to group into asks",
        "SELECT DISTINCT iso3 FROM narrative ORDER BY iso3",
        params![],
        |row| row.get(0),
    )?;
    for iso3 in countries {
        regroup_items(db, &iso3, "1 = 1").with_context(|| format!("grouping {iso3}'s asks"))?;
    }
    Ok(())
}

/// The columns [`ask_from_row`] reads, from [`ASK_FROM`].
const ASK_COLUMNS: &str = "ar.code, n.country, a.iso3, a.first_year, a.latest_year, a.reports, \
     lr.code, lr.text, lr.area, a.status, a.status_date, sr.code, a.asked_again, a.owner, \
     a.supporting, a.due_date, a.in_latest, mr.code, sp.code, a.current, \
     (SELECT string_agg(CAST(mn.year AS TEXT), ',' ORDER BY m.ask_position) \
      FROM recommendation m JOIN narrative mn ON mn.id = m.narrative_id WHERE m.ask_id = a.id), \
     (SELECT string_agg(coalesce(mn.tier, ''), ',' ORDER BY m.ask_position) \
      FROM recommendation m JOIN narrative mn ON mn.id = m.narrative_id WHERE m.ask_id = a.id), \
     (SELECT coalesce(max(e.id), 0) FROM recommendation m \
      JOIN event e ON e.recommendation_id = m.id \
      WHERE m.ask_id = a.id AND e.kind IN ('status', 'assign'))";

/// `a` the ask, `ar` its first item, `lr` its latest, `n` the latest's narrative, `sr` the item
/// its status was set through, `mr` the item it merged into, `sp` the item it split from.
const ASK_FROM: &str = "ask a \
     JOIN recommendation ar ON ar.id = a.id \
     JOIN recommendation lr ON lr.id = a.latest_id \
     JOIN narrative n ON n.id = lr.narrative_id \
     LEFT JOIN recommendation sr ON sr.id = a.status_item \
     LEFT JOIN recommendation mr ON mr.id = a.merged_into \
     LEFT JOIN recommendation sp ON sp.id = a.split_from";

fn ask_from_row(row: &Row<'_>, today: chrono::NaiveDate) -> Result<Ask> {
    let status = row.get(9)?;
    let due: Option<String> = row.get(15)?;
    let supporting: Option<String> = row.get(14)?;
    let years: Option<String> = row.get(20)?;
    let tiers: Option<String> = row.get(21)?;
    Ok(Ask {
        id: row.get(0)?,
        country: row.get(1)?,
        iso3: row.get(2)?,
        first_year: row.get(3)?,
        latest_year: row.get(4)?,
        reports: row.get(5)?,
        years: years
            .unwrap_or_default()
            .split(',')
            .filter_map(|y| y.parse().ok())
            .collect(),
        tiers: tiers
            .unwrap_or_default()
            .split(',')
            .map(|t| t.parse().ok())
            .collect(),
        latest: row.get(6)?,
        text: row.get(7)?,
        area: row.get(8)?,
        status,
        status_date: row.get(10)?,
        status_set_on: row.get(11)?,
        asked_again: row.get(12)?,
        owner: row.get(13)?,
        supporting: crate::ask::institutions(supporting.as_deref()),
        overdue: ask::overdue(status, due.as_deref(), today),
        due,
        still_made: row.get(16)?,
        merged_into: row.get(17)?,
        split_from: row.get(18)?,
        current: row.get(19)?,
        version: row.get(22)?,
    })
}

/// An item of an ask's line: its code, and the item of another ask it merged into (on the last)
/// or split from (on the first).
pub(super) type LineItem = (String, Option<String>, Option<String>);

impl super::Store {
    /// The asks matching `filter`, by country, first year and first item.
    pub fn list_asks(&self, filter: &AskFilter) -> Result<Vec<Ask>> {
        list_asks(self.db(), filter)
    }
}

impl super::Writer<'_> {
    /// The asks matching `filter`, read inside this transaction.
    pub fn list_asks(&self, filter: &AskFilter) -> Result<Vec<Ask>> {
        list_asks(self.db(), filter)
    }

    /// Whether one of the item's ask's items already has a note with exactly this text.
    pub fn ask_has_note(&self, id: &str, text: &str) -> Result<bool> {
        let (_, ids) = rows::find_row(self.db(), id)?;
        self.db().value(
            "whether an ask already has a note",
            "SELECT EXISTS (SELECT 1 FROM note t JOIN recommendation r ON r.id = t.recommendation_id \
             WHERE r.ask_id = ?1 AND t.text = ?2 AND t.deleted IS NULL)",
            params![ids.ask, text],
        )
    }
}

/// The asks matching `filter`, by country, first year and first item.
fn list_asks(db: Db<'_>, filter: &AskFilter) -> Result<Vec<Ask>> {
    let today = crate::period::today();
    // One country's through ask_by_country; all by a scan.
    let country = if filter.iso3.is_some() {
        "a.iso3 = ?1"
    } else {
        "CAST(?1 AS TEXT) IS NULL"
    };
    let mut asks: Vec<Ask> = db.rows(
        "the asks",
        &format!(
            "SELECT {ASK_COLUMNS} FROM {ASK_FROM} \
             WHERE {country} AND (?2 <> 0 OR a.current <> 0) \
             AND (CAST(?3 AS BIGINT) IS NULL OR a.reports > ?3) \
             AND (?4 = 0 OR a.asked_again <> 0) \
             AND (CAST(?5 AS TEXT) IS NULL OR a.due_date < ?5) \
             ORDER BY a.iso3, a.first_year, ar.seq"
        ),
        params![
            filter.iso3,
            filter.include_removed,
            filter.persistent,
            filter.asked_again,
            filter.due_before
        ],
        |row| ask_from_row(row, today),
    )?;
    let owner = filter.owner.as_ref().map(|o| o.trim().to_lowercase());
    asks.retain(|a| {
        (filter.statuses.is_empty() || filter.statuses.contains(&a.status))
            && (!filter.overdue || a.overdue)
            && owner.as_ref().is_none_or(|o| a.serves(o))
    });
    Ok(asks)
}

impl super::Store {
    /// The ask an item belongs to.
    pub fn ask_of(&self, id: &str) -> Result<Ask> {
        let item = rows::find_recommendation(self.db(), id)?;
        let today = crate::period::today();
        self.db().row(
            "the ask of an item",
            &format!("SELECT {ASK_COLUMNS} FROM {ASK_FROM} WHERE ar.code = ?1"),
            params![item.ask],
            |row| ask_from_row(row, today),
        )
    }

    /// The codes of an ask's items in line order, each with the item of another ask it merged
    /// into (on the last) or split from (on the first).
    pub(super) fn ask_line(&self, ask: &str) -> Result<Vec<LineItem>> {
        let line: Vec<LineItem> = self.db().rows(
            "the items of an ask in line order",
            "SELECT r.code, \
             CASE WHEN r.id = a.latest_id THEN mr.code END, \
             CASE WHEN r.id = a.id THEN sp.code END \
             FROM recommendation ar JOIN ask a ON a.id = ar.id \
             JOIN recommendation r ON r.ask_id = a.id \
             LEFT JOIN recommendation mr ON mr.id = a.merged_into \
             LEFT JOIN recommendation sp ON sp.id = a.split_from \
             WHERE ar.code = ?1 ORDER BY r.ask_position",
            params![ask],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        if line.is_empty() {
            // In the middle of an import the ask row may not exist yet: the item alone.
            return Ok(vec![(ask.to_string(), None, None)]);
        }
        Ok(line)
    }
}
