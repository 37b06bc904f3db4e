//! A country dossier: the document a coordinator hands over. One country's asks across the
//! years, grouped by 3P area, with their status, owner, due date, accepted evidence and notes;
//! its tier and status history; the figures its narratives report; and, for a reporting
//! period, a draft of the government's submission.
//!
//! Pure: the store gathers the facts ([`Facts`]), [`build`] puts the document together, and
//! `render` writes it as HTML, Markdown or JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::indicators::Indicators;
use crate::model::{Area, Ask, Evidence, Note, Status, TierYear};
use crate::period::{self, Period};
use crate::report::Tally;

/// An item of the country, as the dossier needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub ask: String,
    pub year: i64,
    pub text: String,
}

/// A status change, as the submission draft shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEvent {
    pub ask: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub note: Option<String>,
    /// When it took effect: the date given, else the day it was recorded.
    pub date: String,
}

/// What the dossier is made from.
#[derive(Debug, Clone)]
pub struct Facts {
    pub country: String,
    pub iso3: String,
    /// The database file, as the header names it.
    pub database: String,
    /// The day the dossier is made (UTC).
    pub as_of: String,
    pub asks: Vec<Ask>,
    pub items: Vec<Item>,
    pub notes: Vec<Note>,
    pub evidence: Vec<Evidence>,
    pub suggestions: Vec<Evidence>,
    pub status_events: Vec<StatusEvent>,
    pub tiers: Vec<TierYear>,
    /// Each report year, with the asks counted when that report came out (the reports out by
    /// then) and the status the history gave each then.
    pub status_over_time: Vec<(i64, Vec<(String, Status)>)>,
}

/// What the dossier covers and holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Report years, both included; None for all.
    pub years: Option<(i64, i64)>,
    /// The reporting period to draft a submission for.
    pub period: Option<i64>,
    /// Also the suggestions awaiting review (matcher internals stay out).
    pub suggestions: bool,
}

/// The document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dossier {
    pub country: String,
    pub iso3: String,
    /// The report years covered.
    pub first_year: Option<i64>,
    pub last_year: Option<i64>,
    pub as_of: String,
    pub database: String,
    pub summary: Summary,
    pub tiers: Vec<TierYear>,
    pub status_over_time: Vec<StatusAt>,
    /// The asks by 3P area (by their latest item's), in the report's order of areas.
    pub areas: Vec<AreaAsks>,
    pub figures: Indicators,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission: Option<Submission>,
}

impl Dossier {
    /// The report years covered, as a header says them: "2011 to 2013", "2012".
    pub fn years_label(&self) -> String {
        match (self.first_year, self.last_year) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "no report".to_string(),
        }
    }
}

/// The asks counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub asks: i64,
    #[serde(flatten)]
    pub tally: Tally,
    pub addressed_pct: Option<f64>,
    /// Made in 3 or more reports.
    pub persistent: i64,
    pub overdue: i64,
    pub asked_again: i64,
}

/// How many asks stood in each status when one year's report came out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusAt {
    pub year: i64,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaAsks {
    pub area: Area,
    pub asks: Vec<AskSection>,
}

/// One ask, as the dossier tells it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskSection {
    #[serde(flatten)]
    pub ask: Ask,
    /// Each year's wording, earliest first; `changed` where it differs from the year before.
    pub wording: Vec<Wording>,
    /// Accepted evidence, by report year.
    pub evidence: Vec<EvidenceEntry>,
    pub notes: Vec<Note>,
    /// Suggestions awaiting review, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Evidence>,
}

/// A piece of accepted evidence as the dossier tells it: what, from which report, when, and your
/// judgement; none of the matcher's workings (score, paragraph, offsets, matched words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceEntry {
    pub id: i64,
    /// The item it was recorded on.
    pub recommendation: String,
    pub year: i64,
    pub text: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub outside_period: bool,
    /// `accepted`: the dossier holds no other.
    pub state: String,
    /// The sentence states a plan or pledge, not an action.
    pub commitment: bool,
    pub assessment: Option<String>,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

impl From<&Evidence> for EvidenceEntry {
    fn from(e: &Evidence) -> Self {
        EvidenceEntry {
            id: e.id,
            recommendation: e.recommendation.clone(),
            year: e.year,
            text: e.text.clone(),
            source: e.source.clone(),
            date: e.date.clone(),
            outside_period: e.outside_period,
            state: e.state.clone(),
            commitment: e.commitment,
            assessment: e.assessment.clone(),
            note: e.note.clone(),
            added_by: e.added_by.clone(),
            added_at: e.added_at.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wording {
    pub year: i64,
    pub id: String,
    pub text: String,
    pub changed: bool,
}

/// The draft of the government's submission for one reporting period: per ask it answers,
/// still to do or acted on within it, what is dated within the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Submission {
    pub period: i64,
    pub start: String,
    pub end: String,
    pub asks: Vec<SubmissionAsk>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubmissionAsk {
    pub id: String,
    pub text: String,
    pub status: Status,
    pub owner: Option<String>,
    pub due: Option<String>,
    /// What was done within the period, by date.
    pub actions: Vec<Action>,
}

/// One thing dated within the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    /// None for evidence with no date of its own, from the period's report.
    pub date: Option<String>,
    /// `evidence`, `note` or `status`.
    pub kind: &'static str,
    pub text: String,
    pub source: Option<String>,
}

/// Puts the dossier together; `figures` are those the covered years' reports give (read from
/// the narratives by `parse::figures`, which the store does not do).
pub fn build(facts: Facts, figures: Indicators, options: Options) -> Dossier {
    let in_years = |year: i64| {
        options
            .years
            .is_none_or(|(first, last)| first <= year && year <= last)
    };
    // An ask belongs when a report of the years made it.
    let asks: Vec<&Ask> = facts
        .asks
        .iter()
        .filter(|a| a.years.iter().any(|y| in_years(*y)))
        .collect();
    let chosen: std::collections::HashSet<&str> = asks.iter().map(|a| a.id.as_str()).collect();
    let years: Vec<i64> = facts
        .tiers
        .iter()
        .map(|t| t.year)
        .filter(|y| in_years(*y))
        .collect();
    let mut tally = Tally::default();
    for ask in &asks {
        tally.count(ask.status);
    }
    let summary = Summary {
        asks: asks.len() as i64,
        addressed_pct: tally.addressed_pct(),
        tally,
        persistent: asks.iter().filter(|a| a.reports >= 3).count() as i64,
        overdue: asks.iter().filter(|a| a.overdue).count() as i64,
        asked_again: asks.iter().filter(|a| a.asked_again).count() as i64,
    };
    let mut by_ask: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for item in &facts.items {
        by_ask.entry(item.ask.as_str()).or_default().push(item);
    }
    let ask_of: BTreeMap<&str, &str> = facts
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.ask.as_str()))
        .collect();
    let of_ask = |list: &[Evidence], ask: &str| -> Vec<Evidence> {
        list.iter()
            .filter(|e| ask_of.get(e.recommendation.as_str()) == Some(&ask))
            .cloned()
            .collect()
    };
    let section = |ask: &Ask| {
        let mut items: Vec<&Item> = by_ask.get(ask.id.as_str()).cloned().unwrap_or_default();
        items.sort_by_key(|i| i.year);
        let mut wording = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let changed = index > 0 && normalised(&items[index - 1].text) != normalised(&item.text);
            wording.push(Wording {
                year: item.year,
                id: item.id.clone(),
                text: item.text.clone(),
                changed,
            });
        }
        AskSection {
            ask: ask.clone(),
            wording,
            evidence: of_ask(&facts.evidence, &ask.id)
                .iter()
                .map(EvidenceEntry::from)
                .collect(),
            notes: facts
                .notes
                .iter()
                .filter(|n| ask_of.get(n.recommendation.as_str()) == Some(&ask.id.as_str()))
                .cloned()
                .collect(),
            suggestions: if options.suggestions {
                of_ask(&facts.suggestions, &ask.id)
            } else {
                Vec::new()
            },
        }
    };
    let areas = Area::ALL
        .iter()
        .map(|area| AreaAsks {
            area: *area,
            asks: asks
                .iter()
                .filter(|a| a.area == *area)
                .map(|a| section(a))
                .collect(),
        })
        .filter(|a| !a.asks.is_empty())
        .collect();
    let submission = options
        .period
        .map(|year| submission(&facts, &asks, Period { year }));
    Dossier {
        country: facts.country.clone(),
        iso3: facts.iso3.clone(),
        first_year: years.first().copied(),
        last_year: years.last().copied(),
        as_of: facts.as_of.clone(),
        database: facts.database.clone(),
        summary,
        tiers: facts
            .tiers
            .iter()
            .filter(|t| in_years(t.year))
            .cloned()
            .collect(),
        // The dossier's own asks, so that the chart agrees with the summary.
        status_over_time: facts
            .status_over_time
            .iter()
            .filter(|(year, _)| in_years(*year))
            .map(|(year, statuses)| {
                let mut tally = Tally::default();
                for (ask, status) in statuses {
                    if chosen.contains(ask.as_str()) {
                        tally.count(*status);
                    }
                }
                StatusAt { year: *year, tally }
            })
            .collect(),
        areas,
        figures,
        submission,
    }
}

/// The submission draft: per ask the period answers (made by a report out before it ended)
/// that is still to do or was acted on within it, the accepted evidence, notes and status
/// changes dated within the period, with the wording of the latest report it answers.
fn submission(facts: &Facts, asks: &[&Ask], period: Period) -> Submission {
    let ask_of: BTreeMap<&str, &str> = facts
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.ask.as_str()))
        .collect();
    let within = |date: &str| period::parse_date(date).is_some_and(|d| period.contains(d));
    let mut out = Vec::new();
    // The asks the period answers: those of the reports out before it ended (up to Y-1's).
    for ask in asks.iter().filter(|a| a.first_year < period.year) {
        let mine = |item: &str| ask_of.get(item) == Some(&ask.id.as_str());
        let mut actions = Vec::new();
        for e in facts.evidence.iter().filter(|e| mine(&e.recommendation)) {
            // Undated evidence tells what happened in its report's period.
            let dated = match &e.date {
                Some(date) => within(date).then(|| Some(date.clone())),
                None => (e.year == period.year).then_some(None),
            };
            if let Some(date) = dated {
                let mut text = e.text.clone();
                if let Some(assessment) = &e.assessment {
                    text.push_str(&format!(" [{assessment}]"));
                }
                if let Some(note) = &e.note {
                    text.push_str(&format!(" ({note})"));
                }
                actions.push(Action {
                    date,
                    kind: "evidence",
                    text,
                    source: e.source.clone(),
                });
            }
        }
        for n in facts.notes.iter().filter(|n| mine(&n.recommendation)) {
            let day = n.created_at.get(..10).unwrap_or_default();
            if within(day) {
                actions.push(Action {
                    date: Some(day.to_string()),
                    kind: "note",
                    text: n.text.clone(),
                    source: None,
                });
            }
        }
        for s in facts.status_events.iter().filter(|s| s.ask == ask.id) {
            if within(&s.date) {
                let mut text = format!(
                    "status: {} -> {}",
                    s.from.as_deref().unwrap_or("?"),
                    s.to.as_deref().unwrap_or("?")
                );
                if let Some(note) = &s.note {
                    text.push_str(&format!(" ({note})"));
                }
                actions.push(Action {
                    date: Some(s.date.clone()),
                    kind: "status",
                    text,
                    source: None,
                });
            }
        }
        // Undated evidence last: it tells the period as a whole.
        actions.sort_by(|a, b| (a.date.is_none(), &a.date).cmp(&(b.date.is_none(), &b.date)));
        // Still to do, or done within the period: what the government reports on.
        let closed = matches!(ask.status, Status::Addressed | Status::Superseded);
        if closed && actions.is_empty() {
            continue;
        }
        // The wording of the latest report the period answers.
        let text = facts
            .items
            .iter()
            .filter(|i| i.ask == ask.id && i.year < period.year)
            .max_by_key(|i| i.year)
            .map_or_else(|| ask.text.clone(), |i| i.text.clone());
        out.push(SubmissionAsk {
            id: ask.id.clone(),
            text,
            status: ask.status,
            owner: ask.owner.clone(),
            due: ask.due.clone(),
            actions,
        });
    }
    Submission {
        period: period.year,
        start: period.start().to_string(),
        end: period.end().to_string(),
        asks: out,
    }
}

/// A text with case, spacing and punctuation evened out, to tell a changed wording from the
/// same one copied with other punctuation.
fn normalised(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
