//! One builder per view: what each command prints, turned from model values into what every
//! format shows of them. A view is a [`View`], so it has each format or does not compile: the
//! model values for JSON, records for CSV, a document for tables and Markdown. The review card
//! ([`review`]) is the one exception, text for a terminal only.
//!
//! The cells several views share (owners, due dates, scores, a tier's move) are made here.

pub(super) mod asks;
pub(super) mod chain;
pub(super) mod copied;
pub(super) mod detail;
pub(super) mod diff;
pub(super) mod evidence;
pub(super) mod history;
pub(super) mod indicators;
pub(super) mod list;
pub(super) mod preview;
pub(super) mod report;
pub(super) mod review;
pub(super) mod tiers;
pub(super) mod warnings;

use anyhow::Result;
use serde::Serialize;

use super::document::Document;
use super::grid::Grid;
use crate::model::Tier;
use crate::report::TierChange;

/// What a command prints, in every format.
pub(super) trait View {
    /// The values JSON writes as they are.
    type Model: Serialize + ?Sized;

    fn model(&self) -> &Self::Model;

    /// The records CSV writes: most views' model fields under their JSON names.
    fn records(&self) -> Result<Grid>;

    /// What a person reads, as a table or in Markdown.
    fn document(&self) -> Document;

    /// Whether the document, once written, is left to the process's exit rather than freed
    /// string by string (a view that a command writes last, and large).
    fn leave_to_exit(&self) -> bool {
        false
    }
}

/// A link's score in a table, two decimals.
fn score(score: Option<f64>) -> String {
    score.map_or_else(String::new, |s| format!("{s:.2}"))
}

fn or_none(value: &str) -> &str {
    if value.is_empty() { "none" } else { value }
}

/// The years an ask was made: "2011, 2012, 2013".
fn ask_years(years: &[i64]) -> String {
    years
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Ministry of Internal Affairs (with Ministry of Justice, Prosecutor General)".
fn owner_cell(owner: Option<&str>, supporting: &[String]) -> String {
    let lead = owner.unwrap_or("");
    match (lead.is_empty(), supporting.is_empty()) {
        (_, true) => lead.to_string(),
        (true, false) => format!("(with {})", supporting.join(", ")),
        (false, false) => format!("{lead} (with {})", supporting.join(", ")),
    }
}

/// A due date, marked when overdue.
fn due_cell(due: Option<&str>, overdue: bool) -> String {
    match due {
        Some(due) if overdue => format!("{due} (overdue)"),
        Some(due) => due.to_string(),
        None => String::new(),
    }
}

/// A tier's move from the report before: "down (from Tier 2)", "unchanged", or nothing for a
/// country's first report.
pub(super) fn tier_change_cell(change: Option<TierChange>, before: Option<Tier>) -> String {
    match (change, before) {
        (Some(change), Some(before)) if change.as_str() != "unchanged" => {
            format!("{} (from {before})", change.as_str())
        }
        (Some(change), _) => change.as_str().to_string(),
        _ => String::new(),
    }
}
