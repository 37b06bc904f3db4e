//! The facts the progress report is built from (`report::build` counts them): the narratives,
//! the asks each made, and what each ask shows, now or as of an earlier day.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::Store;
use super::asks::TALLY_COLUMNS;
use super::rows::Conditions;
use super::sql::{Backend, Row, params};
use crate::ask;
use crate::model::{Action, Area, Filter, Status, Tier};
use crate::period::{self, Period};
use crate::report::{AskFacts, Counted, Counts, Facts, Grouping, Narrative, Tallied};
use anyhow::Result;
use chrono::NaiveDate;

/// When the report looks: now, or as of a day; and the days between which status changes are
/// counted.
#[derive(Debug, Clone, Copy, Default)]
pub struct Window {
    pub as_of: Option<NaiveDate>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Store {
    /// The facts for a report with rows `grouping`: for the plain report (a row per country
    /// and year, now, over every year, with no class filter) from the tallies the store keeps,
    /// a row per narrative and per country; else from every item ([`Store::report_facts`]).
    pub fn report(&self, filter: &Filter, window: Window, grouping: Grouping) -> Result<Facts> {
        let plain = grouping == Grouping::Year
            && window.as_of.is_none()
            && window.since.is_none()
            && window.until.is_none()
            && filter.year.is_none()
            && filter.areas.is_empty()
            && filter.actions.is_empty();
        if plain {
            return self.tallied_facts(filter);
        }
        let classes = matches!(grouping, Grouping::Area | Grouping::Action);
        self.report_facts(filter, window, classes)
    }

    /// The facts of the plain report over the countries `filter` selects (one, or all): the
    /// narratives with their tallies, the countries' tallies, and the asks overdue today added
    /// to the narratives and countries that count them.
    fn tallied_facts(&self, filter: &Filter) -> Result<Facts> {
        let db = self.db();
        // Read in the table's order, then sorted here by country and year: read by the
        // (iso3, year) index instead, each of the 3,920 narratives and its tally row was a
        // descent of its table's b-tree (a fifth of a `report`); in the table's order, the
        // tally row of the next narrative is the next row of its table. One country is a few
        // rows from the index.
        let only = if filter.iso3.is_some() {
            "n.iso3 = ?1"
        } else {
            "CAST(?1 AS TEXT) IS NULL"
        };
        let mut counts: Vec<Counts> = Vec::new();
        let mut narratives: Vec<Narrative> = db.rows(
            "the narratives a report covers, with their tallies",
            &format!(
                "SELECT n.id, n.country, n.iso3, n.year, n.tier, {TALLY_COLUMNS} \
                 FROM narrative n LEFT JOIN narrative_tally t ON t.narrative_id = n.id \
                 WHERE {only} AND n.removed IS NULL"
            ),
            params![filter.iso3],
            |row| {
                counts.push(counts_from(row, 5)?);
                narrative_from_row(row)
            },
        )?;
        let mut order = report_order(&narratives);
        arrange(&mut narratives, &mut order.clone());
        arrange(&mut counts, &mut order);
        let mut tallied = Tallied {
            narratives: counts,
            ..Tallied::default()
        };
        db.each(
            "the tallies of the countries a report covers",
            &format!(
                "SELECT t.iso3, {TALLY_COLUMNS} FROM country_tally t \
                 WHERE CAST(?1 AS TEXT) IS NULL OR t.iso3 = ?1"
            ),
            params![filter.iso3],
            |row| {
                tallied.countries.insert(row.get(0)?, counts_from(row, 1)?);
                Ok(())
            },
        )?;
        // Overdue is judged on the day: the asks due before it (few, from their index), each
        // added where it is counted, its current items' narratives and its country.
        let today = period::today();
        let due: Vec<(i64, String, Status, Option<String>)> = db.rows(
            "the asks due before today",
            "SELECT a.id, a.iso3, a.status, a.due_date FROM ask a \
             WHERE a.due_date IS NOT NULL AND a.due_date < ?2 \
             AND (CAST(?1 AS TEXT) IS NULL OR a.iso3 = ?1)",
            params![filter.iso3, today.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
        let due: Vec<(i64, String)> = due
            .into_iter()
            .filter(|(_, _, status, date)| ask::overdue(*status, date.as_deref(), today))
            .map(|(id, iso3, ..)| (id, iso3))
            .collect();
        if !due.is_empty() {
            let slot: HashMap<i64, usize> = narratives
                .iter()
                .enumerate()
                .map(|(i, n)| (n.id, i))
                .collect();
            for (ask_id, iso3) in due {
                let shown: Vec<i64> = db.rows(
                    "the narratives an overdue ask is counted in",
                    "SELECT DISTINCT r.narrative_id FROM recommendation r \
                     WHERE r.ask_id = ?1 AND r.position IS NOT NULL",
                    params![ask_id],
                    |row| row.get(0),
                )?;
                if shown.is_empty() {
                    continue;
                }
                for narrative in shown {
                    if let Some(&i) = slot.get(&narrative) {
                        tallied.narratives[i].overdue += 1;
                    }
                }
                if let Some(country) = tallied.countries.get_mut(&iso3) {
                    country.overdue += 1;
                }
            }
        }
        // The tiers are left out: the plain report covers every year, so a narrative's previous
        // tier is that of the narrative before it (see `report::build`).
        Ok(Facts {
            narratives,
            tallied: Some(tallied),
            ..Facts::default()
        })
    }

    /// The facts for a report over the narratives `filter` selects. With `classes`, each
    /// counted item's 3P area and kind of action are read too (the grouping by them needs them;
    /// without, they may be left at the first of each: the year rows never look at them).
    pub fn report_facts(&self, filter: &Filter, window: Window, classes: bool) -> Result<Facts> {
        let db = self.db();
        let as_of = window.as_of.map(|d| d.to_string());
        let narratives: Vec<Narrative> = db.rows(
            "the narratives a report covers",
            &format!(
                "SELECT n.id, n.country, n.iso3, n.year, n.tier FROM narrative n \
                 WHERE (CAST(?1 AS TEXT) IS NULL OR n.iso3 = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR n.year = ?2) \
                 AND {} AND n.removed IS NULL ORDER BY n.iso3, n.year",
                published("?3")
            ),
            params![filter.iso3, filter.year, as_of],
            narrative_from_row,
        )?;
        let mut tiers: HashMap<String, BTreeMap<i64, Option<Tier>>> = HashMap::new();
        if filter.year.is_none() {
            // Every year is shown: the tiers are those of the narratives just read.
            for n in &narratives {
                tiers
                    .entry(n.iso3.clone())
                    .or_default()
                    .insert(n.year, n.tier);
            }
        } else {
            db.each(
                "the tiers of the countries a report covers",
                &format!(
                    "SELECT n.iso3, n.year, n.tier FROM narrative n \
                     WHERE (CAST(?1 AS TEXT) IS NULL OR n.iso3 = ?1) AND {} AND n.removed IS NULL",
                    published("?2")
                ),
                params![filter.iso3, as_of],
                |row| {
                    tiers
                        .entry(row.get(0)?)
                        .or_default()
                        .insert(row.get(1)?, row.get(2)?);
                    Ok(())
                },
            )?;
        }

        let mut conditions = Conditions::default();
        conditions.clause("r.position IS NOT NULL");
        conditions.narrative(filter);
        conditions.classes(filter);
        // Every current item from one covering index; the narratives joined only to filter.
        let from = if filter.iso3.is_some() || filter.year.is_some() {
            "recommendation r JOIN narrative n ON n.id = r.narrative_id"
        } else if db.backend() == Backend::Sqlite {
            "recommendation r INDEXED BY recommendation_asks_by_narrative"
        } else {
            "recommendation r"
        };
        // Each column read through the SQLite API costs about as much as stepping to the row
        // (at 50,000 items, the two class columns were a third of the read): the classes are
        // read only when asked for, and without them an item's narrative, ask and whether an
        // earlier report made it come packed in one integer, whenever the ids fit in 31 bits.
        // (PostgreSQL sends whole rows: nothing to gain there.)
        let packed = !classes && db.backend() == Backend::Sqlite && self.ids_pack()?;
        let columns = if packed {
            "(r.narrative_id << 32) | (r.ask_id << 1) | (r.ask_position > 1)"
        } else {
            "r.narrative_id, r.ask_id, r.ask_position > 1, r.area, r.action"
        };
        let sql = format!("SELECT {columns} FROM {from}{}", conditions.where_sql());
        let mut counted: Vec<Counted> = Vec::new();
        db.each(
            "the items a report counts",
            &sql,
            &conditions.params(),
            |row| {
                counted.push(if packed {
                    let item: i64 = row.get(0)?;
                    Counted {
                        narrative: item >> 32,
                        ask: (item >> 1) & (PACKED - 1),
                        asked_before: item & 1 == 1,
                        area: Area::ALL[0],
                        action: Action::ALL[0],
                    }
                } else {
                    Counted {
                        narrative: row.get(0)?,
                        ask: row.get(1)?,
                        asked_before: row.get(2)?,
                        area: row.get(3)?,
                        action: row.get(4)?,
                    }
                });
                Ok(())
            },
        )?;
        if as_of.is_some() {
            let shown: std::collections::HashSet<i64> = narratives.iter().map(|n| n.id).collect();
            counted.retain(|c| shown.contains(&c.narrative));
        }

        let today = window.as_of.unwrap_or_else(period::today);
        let mut asks: FxHashMap<i64, AskFacts> = FxHashMap::default();
        let mut due: FxHashMap<i64, String> = FxHashMap::default();
        db.each(
            "the asks a report counts",
            "SELECT id, status, asked_again, owner, due_date FROM ask WHERE CAST(?1 AS TEXT) IS NULL OR iso3 = ?1",
            params![filter.iso3],
            |row| {
                let id: i64 = row.get(0)?;
                if let Some(date) = row.get::<Option<String>>(4)? {
                    due.insert(id, date);
                }
                asks.insert(
                    id,
                    AskFacts {
                        status: row.get(1)?,
                        asked_again: row.get(2)?,
                        owner: row.get(3)?,
                        overdue: false,
                        changed: false,
                    },
                );
                Ok(())
            },
        )?;
        if let Some(day) = window.as_of {
            self.status_history(filter.iso3.as_deref())?
                .replay(day, &mut asks);
        }
        // Owners and due dates are today's; overdue is judged on the report's day.
        for (id, facts) in asks.iter_mut() {
            facts.overdue = ask::overdue(facts.status, due.get(id).map(String::as_str), today);
        }
        if window.since.is_some() || window.until.is_some() {
            let since = window.since.map(|d| d.to_string());
            let until = window.until.map(|d| d.to_string());
            db.each(
                "the asks whose status changed in the report's window",
                "SELECT DISTINCT r.ask_id FROM event e \
                 JOIN recommendation r ON r.id = e.recommendation_id \
                 JOIN narrative n ON n.id = r.narrative_id \
                 WHERE e.kind = 'status' AND (CAST(?1 AS TEXT) IS NULL OR n.iso3 = ?1) \
                 AND (CAST(?2 AS TEXT) IS NULL \
                      OR coalesce(e.effective_date, substr(e.at, 1, 10)) >= ?2) \
                 AND (CAST(?3 AS TEXT) IS NULL \
                      OR coalesce(e.effective_date, substr(e.at, 1, 10)) <= ?3)",
                params![filter.iso3, since, until],
                |row| {
                    if let Some(facts) = asks.get_mut(&row.get::<i64>(0)?) {
                        facts.changed = true;
                    }
                    Ok(())
                },
            )?;
        }
        Ok(Facts {
            narratives,
            tiers,
            counted,
            asks,
            as_of,
            since: window.since.map(|d| d.to_string()),
            until: window.until.map(|d| d.to_string()),
            tallied: None,
        })
    }

    /// Whether every narrative id and item id is within 0 to [`PACKED`] (the extreme rowids,
    /// read from the ends of the tables' b-trees, not by a scan). SQLite's scalar min and max.
    fn ids_pack(&self) -> Result<bool> {
        let (smallest, largest): (i64, i64) = self.db().row(
            "the extreme ids of narratives and items",
            "SELECT min(coalesce((SELECT min(id) FROM narrative), 0), \
             coalesce((SELECT min(id) FROM recommendation), 0)), \
             max(coalesce((SELECT max(id) FROM narrative), 0), \
             coalesce((SELECT max(id) FROM recommendation), 0))",
            params![],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(smallest >= 0 && largest < PACKED)
    }

    /// Every status event and every current item of the asks of one country (or of all),
    /// for replaying the history to an earlier day.
    pub(super) fn status_history(&self, iso3: Option<&str>) -> Result<History> {
        // With a country, from its narratives down (an index all the way); without, one pass
        // over the log.
        let db = self.db();
        // CROSS JOIN is SQLite's way to fix the join order; PostgreSQL plans it itself.
        let from = match (iso3.is_some(), db.backend()) {
            (true, Backend::Sqlite) => {
                "narrative n CROSS JOIN recommendation r ON r.narrative_id = n.id \
                 CROSS JOIN event e ON e.recommendation_id = r.id WHERE n.iso3 = ?1"
            }
            (true, Backend::Postgres) => {
                "narrative n JOIN recommendation r ON r.narrative_id = n.id \
                 JOIN event e ON e.recommendation_id = r.id WHERE n.iso3 = ?1"
            }
            (false, _) => {
                "event e JOIN recommendation r ON r.id = e.recommendation_id \
                 WHERE CAST(?1 AS TEXT) IS NULL"
            }
        };
        let events: Vec<StatusEvent> = db.rows(
            "the status history to replay",
            &format!(
                "SELECT r.ask_id, e.new_value, coalesce(e.effective_date, substr(e.at, 1, 10)), \
                 e.effective_date IS NOT NULL, e.at, \
                 CASE WHEN e.id = r.status_seq THEN r.asked_again_from END \
                 FROM {from} AND e.kind = 'status' ORDER BY e.id"
            ),
            params![iso3],
            |row| {
                Ok(StatusEvent {
                    ask: row.get(0)?,
                    status: row
                        .get::<Option<String>>(1)?
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(Status::Open),
                    effective: row.get(2)?,
                    dated: row.get(3)?,
                    at: row.get(4)?,
                    asked_again_from: row.get(5)?,
                })
            },
        )?;
        let mut members: HashMap<i64, Vec<Member>> = HashMap::new();
        db.each(
            "the items of the asks to replay",
            &format!(
                "SELECT r.ask_id, n.year, n.imported_at, {PUBLISHED} \
                 FROM recommendation r JOIN narrative n ON n.id = r.narrative_id \
                 WHERE r.position IS NOT NULL AND (CAST(?1 AS TEXT) IS NULL OR n.iso3 = ?1)"
            ),
            params![iso3],
            |row| {
                members.entry(row.get(0)?).or_default().push(Member {
                    year: row.get(1)?,
                    imported: row.get(2)?,
                    published: row.get(3)?,
                });
                Ok(())
            },
        )?;
        Ok(History { events, members })
    }
}

/// A status event, as replayed for an earlier day.
struct StatusEvent {
    ask: i64,
    status: Status,
    /// When it took effect: its --date, else the day it was recorded.
    effective: String,
    /// It was given a --date.
    dated: bool,
    at: String,
    /// For the event that set the item's current status, the year `set_status` stored.
    asked_again_from: Option<i64>,
}

/// A current item of an ask, as replayed.
struct Member {
    year: i64,
    imported: String,
    /// The day its report counts from: the day it was imported, or June 30 of its year if
    /// that is earlier.
    published: String,
}

/// What replaying the history to an earlier day needs (see [`Store::status_history`]).
pub struct History {
    events: Vec<StatusEvent>,
    members: HashMap<i64, Vec<Member>>,
}

impl History {
    /// The asks that a report out by `day` had made.
    pub fn counted_on(&self, day: NaiveDate) -> HashSet<i64> {
        let day = day.to_string();
        self.members
            .iter()
            .filter(|(_, items)| items.iter().any(|m| m.published <= day))
            .map(|(ask, _)| *ask)
            .collect()
    }

    /// Sets each ask's status (and whether it was asked again after addressed) to what the
    /// history says it was on `day`: the history replayed in the order it was recorded, leaving
    /// out the changes that took effect after `day` (on their --date, else the day they were
    /// recorded) and the reports not yet out.
    pub fn replay(&self, day: NaiveDate, asks: &mut FxHashMap<i64, AskFacts>) {
        let as_of = day.to_string();
        let mut last: HashMap<i64, &StatusEvent> = HashMap::new();
        for event in self.events.iter().filter(|e| e.effective <= as_of) {
            last.insert(event.ask, event);
        }
        for (id, facts) in asks.iter_mut() {
            let event = last.get(id);
            facts.status = event.map_or(Status::Open, |e| e.status);
            facts.asked_again = event.is_some_and(|e| {
                let items: Vec<&Member> = self
                    .members
                    .get(id)
                    .into_iter()
                    .flatten()
                    .filter(|m| m.published <= as_of)
                    .collect();
                // The current judgement as stored; an earlier one as set_status would have
                // judged it.
                let from = match e.asked_again_from {
                    Some(from) => from,
                    None if e.dated => period::parse_date(&e.effective)
                        .map_or(i64::MAX, |date| Period::of(date).year),
                    None => {
                        items
                            .iter()
                            .filter(|m| m.imported <= e.at)
                            .map(|m| m.year)
                            .max()
                            .unwrap_or(i64::MAX - 1)
                            + 1
                    }
                };
                e.status == Status::Addressed && items.iter().any(|m| m.year >= from)
            });
        }
    }
}

/// The counts of a tally row whose [`TALLY_COLUMNS`] columns start at `first` (none, from a LEFT JOIN
/// that found no row: zero).
fn counts_from(row: &super::sql::Row<'_>, first: usize) -> Result<Counts> {
    let at = |i: usize| -> Result<i64> { Ok(row.get::<Option<i64>>(first + i)?.unwrap_or(0)) };
    Ok(Counts {
        tally: crate::report::Tally {
            open: at(0)?,
            in_progress: at(1)?,
            partially_addressed: at(2)?,
            addressed: at(3)?,
            not_addressed: at(4)?,
            superseded: at(5)?,
        },
        asked_before: at(6)?,
        asked_again: at(7)?,
        overdue: 0,
    })
}

/// The indexes of `narratives` in the report's order: by country (ISO code, byte by byte, as
/// SQL orders text), then year. Each narrative's place is one integer when its code is three
/// bytes and its year fits in 32 bits, as the schema's checks make every one: sorting 3,920
/// integers, not comparing strings.
fn report_order(narratives: &[Narrative]) -> Vec<usize> {
    let place = |n: &Narrative| -> Option<u64> {
        let [a, b, c]: [u8; 3] = n.iso3.as_bytes().try_into().ok()?;
        let year = u32::try_from(n.year).ok()?;
        Some(u64::from(a) << 56 | u64::from(b) << 48 | u64::from(c) << 40 | u64::from(year))
    };
    let places: Option<Vec<(u64, usize)>> = narratives
        .iter()
        .enumerate()
        .map(|(i, n)| Some((place(n)?, i)))
        .collect();
    match places {
        Some(mut places) => {
            places.sort_unstable();
            places.into_iter().map(|(_, i)| i).collect()
        }
        None => {
            let mut order: Vec<usize> = (0..narratives.len()).collect();
            order.sort_by(|&a, &b| {
                let (a, b) = (&narratives[a], &narratives[b]);
                (a.iso3.as_str(), a.year).cmp(&(b.iso3.as_str(), b.year))
            });
            order
        }
    }
}

/// Puts `items` in `order` (the item at `k` becomes the one that was at `order[k]`) in place,
/// following each cycle of the permutation, rather than into copies (3,920 narratives and
/// their tallies, 600 KB of fresh pages); `order` is left the identity.
fn arrange<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The bound below which the ids of a narrative and of an ask's first item fit together in one
/// integer (see `report_facts`).
const PACKED: i64 = 1 << 31;

/// The condition that a narrative `n` is out by the day in parameter `day`: a report of year
/// Y exists from the day it was imported or, for one imported later, from June 30 of Y
/// (reports come out in June).
fn published(day: &str) -> String {
    format!("(CAST({day} AS TEXT) IS NULL OR {PUBLISHED} <= {day})")
}

/// The day a narrative `n`'s report counts from: the day it was imported, or June 30 of its
/// year if that is earlier (years have four digits: the schema keeps them within 2000-2100).
const PUBLISHED: &str = "CASE WHEN substr(n.imported_at, 1, 10) < n.year || '-06-30' \
     THEN substr(n.imported_at, 1, 10) ELSE n.year || '-06-30' END";

/// A narrative from its first five columns: id, country, iso3, year, tier.
fn narrative_from_row(row: &Row<'_>) -> Result<Narrative> {
    Ok(Narrative {
        id: row.get(0)?,
        country: row.get(1)?,
        iso3: row.get(2)?,
        year: row.get(3)?,
        tier: row.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::{Narrative, arrange, report_order};

    fn narrative(id: i64, iso3: &str, year: i64) -> Narrative {
        Narrative {
            id,
            country: iso3.to_lowercase(),
            iso3: iso3.to_string(),
            year,
            tier: None,
        }
    }

    #[test]
    fn narratives_read_in_table_order_are_put_in_the_reports() {
        let read = [
            (1, "KAZ", 2011),
            (2, "AFG", 2011),
            (3, "KAZ", 2010),
            (4, "ABW", 2012),
            (5, "AFG", 2010),
            (6, "KAZ", 2012),
        ];
        let expected = [4, 5, 2, 3, 1, 6];
        let mut narratives: Vec<Narrative> = read
            .iter()
            .map(|&(id, iso3, year)| narrative(id, iso3, year))
            .collect();
        // A code of another length is ordered by comparing the codes themselves.
        let mut odd = narratives.clone();
        odd.push(narrative(7, "AB", 2011));
        let mut order = report_order(&odd);
        arrange(&mut odd, &mut order);
        let ids: Vec<i64> = odd.iter().map(|n| n.id).collect();
        assert_eq!(ids, [7, 4, 5, 2, 3, 1, 6]);
        assert!(order.iter().enumerate().all(|(k, &i)| k == i));

        let mut order = report_order(&narratives);
        let mut ids: Vec<i64> = narratives.iter().map(|n| n.id).collect();
        arrange(&mut narratives, &mut order.clone());
        arrange(&mut ids, &mut order);
        assert_eq!(ids, expected);
        let placed: Vec<i64> = narratives.iter().map(|n| n.id).collect();
        assert_eq!(placed, expected);
    }
}
