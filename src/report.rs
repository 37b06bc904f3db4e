//! The progress report: asks counted by status, per report year, per country, per 3P area, per
//! kind of action or per owner, with totals and the share addressed. Aggregation only; the
//! store gathers the facts and `render` prints the result.
//!
//! What is counted is asks, never copies of them: a row per report year counts the asks that
//! year's report made (each at most once: an ask has one item per report), each with the ask's
//! status; a country's row and the total count each ask once, however many reports made it. So
//! the share addressed never counts one ask twice. The other groupings count each ask once, by
//! its latest counted item's area or kind of action, or by its lead institution.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;

use crate::model::{Action, Area, Status, Tier};

/// How many asks have each status. Serialises with snake_case keys, as every JSON key
/// (`in_progress`, not the status's own name `in-progress`: a key is not a value).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub open: i64,
    pub in_progress: i64,
    pub partially_addressed: i64,
    pub addressed: i64,
    pub not_addressed: i64,
    pub superseded: i64,
}

impl Tally {
    fn slot(&mut self, status: Status) -> &mut i64 {
        match status {
            Status::Open => &mut self.open,
            Status::InProgress => &mut self.in_progress,
            Status::PartiallyAddressed => &mut self.partially_addressed,
            Status::Addressed => &mut self.addressed,
            Status::NotAddressed => &mut self.not_addressed,
            Status::Superseded => &mut self.superseded,
        }
    }

    /// Counts one more ask of this status.
    pub fn count(&mut self, status: Status) {
        *self.slot(status) += 1;
    }

    /// The count for one status.
    pub fn get(&self, status: Status) -> i64 {
        match status {
            Status::Open => self.open,
            Status::InProgress => self.in_progress,
            Status::PartiallyAddressed => self.partially_addressed,
            Status::Addressed => self.addressed,
            Status::NotAddressed => self.not_addressed,
            Status::Superseded => self.superseded,
        }
    }

    pub fn total(&self) -> i64 {
        Status::ALL.iter().map(|s| self.get(*s)).sum()
    }

    /// Addressed as a percentage of the asks still in force (all but superseded), rounded to
    /// one decimal; None when none are in force.
    pub fn addressed_pct(&self) -> Option<f64> {
        let in_force = self.total() - self.superseded;
        (in_force > 0).then(|| (self.addressed as f64 * 1000.0 / in_force as f64).round() / 10.0)
    }
}

/// How a country's tier moved from its previous imported report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TierChange {
    Up,
    Down,
    Unchanged,
    /// To or from Special Case, which is no rank.
    Changed,
}

impl TierChange {
    pub fn between(before: Tier, after: Tier) -> TierChange {
        let rank = |t: Tier| match t {
            Tier::Tier1 => Some(1),
            Tier::Tier2 => Some(2),
            Tier::Tier2WatchList => Some(3),
            Tier::Tier3 => Some(4),
            Tier::SpecialCase => None,
        };
        match (rank(before), rank(after)) {
            _ if before == after => TierChange::Unchanged,
            (Some(b), Some(a)) if a < b => TierChange::Up,
            (Some(_), Some(_)) => TierChange::Down,
            _ => TierChange::Changed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TierChange::Up => "up",
            TierChange::Down => "down",
            TierChange::Unchanged => "unchanged",
            TierChange::Changed => "changed",
        }
    }
}

/// What a report row stands for. Serialises as the row's leading fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RowKey {
    /// One country's report of one year: the asks it made.
    Year {
        country: String,
        iso3: String,
        year: i64,
        tier: Option<Tier>,
        /// The tier of the country's previous imported report, and the move from it.
        previous_tier: Option<Tier>,
        tier_change: Option<TierChange>,
    },
    /// One country, all its reports: each ask once.
    Country {
        country: String,
        iso3: String,
    },
    Area {
        area: Area,
    },
    Action {
        action: Action,
    },
    /// Asks by lead institution; `None` for the unassigned.
    Owner {
        owner: Option<String>,
    },
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    #[serde(flatten)]
    pub key: RowKey,
    /// How many asks the row counts.
    pub total: i64,
    #[serde(flatten)]
    pub tally: Tally,
    pub addressed_pct: Option<f64>,
    /// How many of them an earlier report already made: the asks that persist.
    pub asked_before: i64,
    /// How many are marked addressed although a later report made them again.
    pub asked_again: i64,
    /// How many are past their due date and still to do.
    pub overdue: i64,
    /// With a period or dates: how many had a status change dated within them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<i64>,
}

/// Every ask the report counts, once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportTotal {
    /// How many rows the report has (report years, areas, actions or owners).
    pub rows: i64,
    pub total: i64,
    #[serde(flatten)]
    pub tally: Tally,
    pub addressed_pct: Option<f64>,
    pub asked_before: i64,
    pub asked_again: i64,
    pub overdue: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The as-of date, when the statuses are those of an earlier day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The dates status changes are counted between (`changed`), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    pub rows: Vec<ReportRow>,
    /// Per report year: each country's asks over all its reports, each once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<ReportRow>,
    pub total: ReportTotal,
}

/// What the rows stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Year,
    Area,
    Action,
    Owner,
}

/// A narrative the report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    pub id: i64,
    pub country: String,
    pub iso3: String,
    pub year: i64,
    pub tier: Option<Tier>,
}

/// An item the report counts: an ask made by a narrative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub narrative: i64,
    pub ask: i64,
    pub area: Area,
    pub action: Action,
    /// An earlier report made the ask too.
    pub asked_before: bool,
}

/// What the report needs of an ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskFacts {
    pub status: Status,
    pub asked_again: bool,
    pub owner: Option<String>,
    pub overdue: bool,
    /// A status change dated within the report's dates.
    pub changed: bool,
}

/// The facts a report is built from.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The narratives, by country and year.
    pub narratives: Vec<Narrative>,
    /// Each country's tiers by year, all its imported reports (for the change from the year
    /// before, also when that year is filtered out). Empty with `tallied`, whose narratives
    /// are every year's: each one's previous tier is the narrative's before it.
    pub tiers: HashMap<String, BTreeMap<i64, Option<Tier>>>,
    pub counted: Vec<Counted>,
    pub asks: FxHashMap<i64, AskFacts>,
    pub as_of: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// For the plain report (a row per country and year, now, no class filter): the counts the
    /// store keeps, which stand in for `counted` and `asks` (left empty).
    pub tallied: Option<Tallied>,
}

/// What the store keeps counted for the plain report (its tables `narrative_tally` and
/// `country_tally`), with the asks overdue on the report's day added.
#[derive(Debug, Clone, Default)]
pub struct Tallied {
    /// Each narrative's asks, in the order of [`Facts::narratives`].
    pub narratives: Vec<Counts>,
    /// Each country's asks over all its reports, each once, by ISO3 code.
    pub countries: HashMap<String, Counts>,
}

/// A set of asks counted: by status, made before, asked again after addressed, overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tally: Tally,
    pub asked_before: i64,
    pub asked_again: i64,
    pub overdue: i64,
}

impl Counts {
    fn sum(&self) -> Sum {
        Sum {
            tally: self.tally,
            asked_before: self.asked_before,
            asked_again: self.asked_again,
            overdue: self.overdue,
            changed: 0,
        }
    }
}

/// Counts a set of asks.
#[derive(Default)]
struct Sum {
    tally: Tally,
    asked_before: i64,
    asked_again: i64,
    overdue: i64,
    changed: i64,
}

impl Sum {
    fn add(&mut self, facts: &AskFacts, asked_before: bool) {
        *self.tally.slot(facts.status) += 1;
        self.asked_before += i64::from(asked_before);
        self.asked_again += i64::from(facts.asked_again);
        self.overdue += i64::from(facts.overdue);
        self.changed += i64::from(facts.changed);
    }

    /// The total of a report of `rows` rows.
    fn total(&self, rows: usize, window: bool) -> ReportTotal {
        ReportTotal {
            rows: rows as i64,
            total: self.tally.total(),
            tally: self.tally,
            addressed_pct: self.tally.addressed_pct(),
            asked_before: self.asked_before,
            asked_again: self.asked_again,
            overdue: self.overdue,
            changed: window.then_some(self.changed),
        }
    }

    fn row(&self, key: RowKey, window: bool) -> ReportRow {
        ReportRow {
            key,
            total: self.tally.total(),
            tally: self.tally,
            addressed_pct: self.tally.addressed_pct(),
            asked_before: self.asked_before,
            asked_again: self.asked_again,
            overdue: self.overdue,
            changed: window.then_some(self.changed),
        }
    }
}

/// The key of a narrative's row: its country and year, its tier and the move from the
/// country's previous imported report.
fn year_key(facts: &Facts, n: &Narrative) -> RowKey {
    let previous = facts
        .tiers
        .get(&n.iso3)
        .and_then(|t| t.range(..n.year).next_back())
        .map(|(_, tier)| *tier);
    let previous_tier = previous.flatten();
    let tier_change = match (previous_tier, n.tier) {
        (Some(before), Some(after)) => Some(TierChange::between(before, after)),
        _ => None,
    };
    RowKey::Year {
        country: n.country.clone(),
        iso3: n.iso3.clone(),
        year: n.year,
        tier: n.tier,
        previous_tier,
        tier_change,
    }
}

/// The plain report from the counts the store keeps: the same rows as counting the items.
/// The narratives come by country and year and cover every year (the store reads them so, and
/// leaves [`Facts::tiers`] empty): a narrative's previous tier is that of the narrative before
/// it, if of the same country, and a country's rows follow each other. The rows take the
/// narratives' names, which are left empty in `facts`, rather than copies of 7,840 strings.
fn from_tallies(facts: &mut Facts) -> Report {
    let tallied = facts.tallied.take().unwrap_or_default();
    let mut rows = Vec::with_capacity(facts.narratives.len());
    // Each country's name: its last narrative's.
    let mut names: Vec<(String, String)> = Vec::new();
    // The tier of the narrative before, while it is of the same country (its row, the last
    // of `names`).
    let mut last_tier: Option<Tier> = None;
    for (n, counts) in facts.narratives.iter_mut().zip(&tallied.narratives) {
        let previous_tier = match names.last_mut() {
            Some((iso3, name)) if *iso3 == n.iso3 => {
                name.clone_from(&n.country);
                last_tier
            }
            _ => {
                names.push((n.iso3.clone(), n.country.clone()));
                None
            }
        };
        last_tier = n.tier;
        let tier_change = match (previous_tier, n.tier) {
            (Some(before), Some(after)) => Some(TierChange::between(before, after)),
            _ => None,
        };
        let key = RowKey::Year {
            country: std::mem::take(&mut n.country),
            iso3: std::mem::take(&mut n.iso3),
            year: n.year,
            tier: n.tier,
            previous_tier,
            tier_change,
        };
        rows.push(counts.sum().row(key, false));
    }
    let mut total = Sum::default();
    let countries = names
        .into_iter()
        .map(|(iso3, country)| {
            let counts = tallied.countries.get(&iso3).copied().unwrap_or_default();
            for status in Status::ALL {
                *total.tally.slot(status) += counts.tally.get(status);
            }
            total.asked_before += counts.asked_before;
            total.asked_again += counts.asked_again;
            total.overdue += counts.overdue;
            counts.sum().row(RowKey::Country { country, iso3 }, false)
        })
        .collect();
    Report {
        as_of: None,
        since: None,
        until: None,
        total: total.total(rows.len(), false),
        rows,
        countries,
    }
}

/// Builds the report. The plain report's rows take the narratives' names out of `facts` (see
/// `from_tallies`).
pub fn build(facts: &mut Facts, grouping: Grouping) -> Report {
    if let (Some(_), Grouping::Year) = (&facts.tallied, grouping) {
        return from_tallies(facts);
    }
    let facts = &*facts;
    let window = facts.since.is_some() || facts.until.is_some();
    let missing = AskFacts {
        status: Status::Open,
        asked_again: false,
        owner: None,
        overdue: false,
        changed: false,
    };
    let ask = |id: i64| facts.asks.get(&id).unwrap_or(&missing);
    // Each ask once, with its latest counted item (for its area and kind of action) and
    // whether an earlier report made it.
    let mut year_of: FxHashMap<i64, i64> = FxHashMap::default();
    year_of.reserve(facts.narratives.len());
    year_of.extend(facts.narratives.iter().map(|n| (n.id, n.year)));
    let mut distinct: FxHashMap<i64, (i64, Counted)> = FxHashMap::default();
    distinct.reserve(facts.asks.len());
    // The items come a narrative at a time (the store reads them in the narratives' order):
    // each narrative looked up once, not once per item.
    let mut last: Option<(i64, i64)> = None;
    for c in &facts.counted {
        let year = match last {
            Some((narrative, year)) if narrative == c.narrative => year,
            _ => {
                let year = year_of.get(&c.narrative).copied().unwrap_or_default();
                last = Some((c.narrative, year));
                year
            }
        };
        let entry = distinct.entry(c.ask).or_insert((year, *c));
        if year >= entry.0 {
            let before = entry.1.asked_before || c.asked_before;
            *entry = (
                year,
                Counted {
                    asked_before: before,
                    ..*c
                },
            );
        }
    }
    let mut total = Sum::default();
    for (id, (_, c)) in &distinct {
        total.add(ask(*id), c.asked_before);
    }
    let mut rows = Vec::new();
    let mut countries = Vec::new();
    match grouping {
        Grouping::Year => {
            // Each narrative's items, in the order counted: the items' indexes grouped by
            // narrative (a counting sort, not a list per narrative).
            let mut slot: FxHashMap<i64, usize> = FxHashMap::default();
            slot.reserve(facts.narratives.len());
            for (i, n) in facts.narratives.iter().enumerate() {
                slot.insert(n.id, i);
            }
            let mut start = vec![0usize; facts.narratives.len() + 1];
            let mut last: Option<(i64, Option<usize>)> = None;
            let slots: Vec<Option<usize>> = facts
                .counted
                .iter()
                .map(|c| match last {
                    Some((narrative, s)) if narrative == c.narrative => s,
                    _ => {
                        let s = slot.get(&c.narrative).copied();
                        last = Some((c.narrative, s));
                        s
                    }
                })
                .collect();
            for s in slots.iter().flatten() {
                start[s + 1] += 1;
            }
            for i in 1..start.len() {
                start[i] += start[i - 1];
            }
            let mut next = start.clone();
            let mut order = vec![0usize; start[facts.narratives.len()]];
            for (i, s) in slots.iter().enumerate() {
                if let Some(s) = s {
                    order[next[*s]] = i;
                    next[*s] += 1;
                }
            }
            rows.reserve(facts.narratives.len());
            // Each country's name (its last narrative's) and asks (deduplicated at the end).
            let mut by_country: BTreeMap<&str, (&str, Vec<i64>)> = BTreeMap::new();
            let mut seen = FxHashSet::default();
            for (i, n) in facts.narratives.iter().enumerate() {
                let mut sum = Sum::default();
                seen.clear();
                let country = by_country
                    .entry(n.iso3.as_str())
                    .or_insert_with(|| (n.country.as_str(), Vec::new()));
                country.0 = n.country.as_str();
                for c in order[start[i]..start[i + 1]]
                    .iter()
                    .map(|&j| &facts.counted[j])
                {
                    if seen.insert(c.ask) {
                        sum.add(ask(c.ask), c.asked_before);
                        country.1.push(c.ask);
                    }
                }
                rows.push(sum.row(year_key(facts, n), window));
            }
            for (iso3, (country, mut asks)) in by_country {
                asks.sort_unstable();
                asks.dedup();
                let mut sum = Sum::default();
                for id in &asks {
                    let before = distinct.get(id).is_some_and(|(_, c)| c.asked_before);
                    sum.add(ask(*id), before);
                }
                countries.push(sum.row(
                    RowKey::Country {
                        country: country.to_string(),
                        iso3: iso3.to_string(),
                    },
                    window,
                ));
            }
        }
        Grouping::Area | Grouping::Action | Grouping::Owner => {
            let mut groups: BTreeMap<String, (RowKey, Sum)> = BTreeMap::new();
            let keys: Vec<(String, RowKey)> = match grouping {
                Grouping::Area => Area::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("{i}"), RowKey::Area { area: *a }))
                    .collect(),
                Grouping::Action => Action::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("{i}"), RowKey::Action { action: *a }))
                    .collect(),
                _ => Vec::new(),
            };
            for (sort, key) in keys {
                groups.insert(sort, (key, Sum::default()));
            }
            for (id, (_, c)) in &distinct {
                let facts = ask(*id);
                let (sort, key) = match grouping {
                    Grouping::Area => (
                        Area::ALL
                            .iter()
                            .position(|a| *a == c.area)
                            .unwrap_or(0)
                            .to_string(),
                        RowKey::Area { area: c.area },
                    ),
                    Grouping::Action => (
                        Action::ALL
                            .iter()
                            .position(|a| *a == c.action)
                            .unwrap_or(0)
                            .to_string(),
                        RowKey::Action { action: c.action },
                    ),
                    _ => (
                        // The unassigned last.
                        facts
                            .owner
                            .as_ref()
                            .map_or_else(|| "\u{10FFFF}".to_string(), |o| o.to_lowercase()),
                        RowKey::Owner {
                            owner: facts.owner.clone(),
                        },
                    ),
                };
                groups
                    .entry(sort)
                    .or_insert_with(|| (key, Sum::default()))
                    .1
                    .add(facts, c.asked_before);
            }
            rows = groups
                .into_values()
                .map(|(key, sum)| sum.row(key, window))
                .collect();
        }
    }
    let total = total.total(rows.len(), window);
    Report {
        as_of: facts.as_of.clone(),
        since: facts.since.clone(),
        until: facts.until.clone(),
        rows,
        countries,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narrative(id: i64, iso3: &str, year: i64, tier: Option<Tier>) -> Narrative {
        Narrative {
            id,
            country: iso3.to_string(),
            iso3: iso3.to_string(),
            year,
            tier,
        }
    }

    fn counted(narrative: i64, ask: i64, asked_before: bool) -> Counted {
        Counted {
            narrative,
            ask,
            area: Area::Prosecution,
            action: Action::Specific,
            asked_before,
        }
    }

    fn facts_of(status: Status) -> AskFacts {
        AskFacts {
            status,
            asked_again: false,
            owner: None,
            overdue: false,
            changed: false,
        }
    }

    /// Kazakhstan 2011 (asks 1, 2), 2012 (repeats 1, new 3), 2013 (repeats 1); ask 1 addressed.
    fn kazakhstan() -> Facts {
        let mut facts = Facts {
            narratives: vec![
                narrative(10, "KAZ", 2011, Some(Tier::Tier2)),
                narrative(11, "KAZ", 2012, Some(Tier::Tier2WatchList)),
                narrative(12, "KAZ", 2013, Some(Tier::Tier2WatchList)),
            ],
            counted: vec![
                counted(10, 1, false),
                counted(10, 2, false),
                counted(11, 1, true),
                counted(11, 3, false),
                counted(12, 1, true),
            ],
            ..Facts::default()
        };
        facts.tiers.insert(
            "KAZ".into(),
            facts.narratives.iter().map(|n| (n.year, n.tier)).collect(),
        );
        facts.asks.insert(
            1,
            AskFacts {
                asked_again: true,
                ..facts_of(Status::Addressed)
            },
        );
        facts.asks.insert(2, facts_of(Status::Open));
        facts.asks.insert(3, facts_of(Status::InProgress));
        facts
    }

    #[test]
    fn years_count_their_asks_and_the_total_counts_each_ask_once() {
        let report = build(&mut kazakhstan(), Grouping::Year);
        let totals: Vec<(i64, i64, i64)> = report
            .rows
            .iter()
            .map(|r| (r.total, r.tally.addressed, r.asked_before))
            .collect();
        assert_eq!(totals, [(2, 1, 0), (2, 1, 1), (1, 1, 1)]);
        // Three asks, not five copies: one of three addressed.
        assert_eq!(report.total.total, 3);
        assert_eq!(report.total.tally.addressed, 1);
        assert_eq!(report.total.addressed_pct, Some(33.3));
        assert_eq!(report.total.asked_before, 1);
        assert_eq!(report.total.asked_again, 1);
        assert_eq!(report.countries.len(), 1);
        assert_eq!(report.countries[0].total, 3);
        assert_eq!(report.countries[0].addressed_pct, Some(33.3));
    }

    #[test]
    fn each_year_says_how_the_tier_moved() {
        let report = build(&mut kazakhstan(), Grouping::Year);
        let changes: Vec<Option<TierChange>> = report
            .rows
            .iter()
            .map(|r| match r.key {
                RowKey::Year { tier_change, .. } => tier_change,
                _ => None,
            })
            .collect();
        assert_eq!(
            changes,
            [None, Some(TierChange::Down), Some(TierChange::Unchanged)]
        );
        assert_eq!(
            TierChange::between(Tier::Tier3, Tier::Tier2WatchList),
            TierChange::Up
        );
        assert_eq!(
            TierChange::between(Tier::Tier2, Tier::SpecialCase),
            TierChange::Changed
        );
    }

    #[test]
    fn superseded_asks_count_neither_for_nor_against() {
        let mut facts = kazakhstan();
        facts.asks.insert(2, facts_of(Status::Superseded));
        facts.asks.insert(3, facts_of(Status::Superseded));
        assert_eq!(
            build(&mut facts, Grouping::Year).total.addressed_pct,
            Some(100.0)
        );
        facts.asks.clear();
        facts.counted.clear();
        assert_eq!(build(&mut facts, Grouping::Year).total.addressed_pct, None);
    }

    #[test]
    fn owners_group_asks_once_each_with_the_unassigned_last() {
        let mut facts = kazakhstan();
        facts.asks.get_mut(&3).unwrap().owner = Some("Ministry of Justice".into());
        facts.asks.get_mut(&1).unwrap().owner = Some("Ministry of Internal Affairs".into());
        let report = build(&mut facts, Grouping::Owner);
        let owners: Vec<(Option<String>, i64)> = report
            .rows
            .iter()
            .map(|r| match &r.key {
                RowKey::Owner { owner } => (owner.clone(), r.total),
                _ => (None, -1),
            })
            .collect();
        assert_eq!(
            owners,
            [
                (Some("Ministry of Internal Affairs".into()), 1),
                (Some("Ministry of Justice".into()), 1),
                (None, 1)
            ]
        );
        assert_eq!(report.total.total, 3);
    }
}
