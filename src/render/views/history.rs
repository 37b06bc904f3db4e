//! `history`: the events recorded on items, newest first, each change in words. `show` lists an
//! item's history the same way.

use anyhow::Result;

use super::{View, or_none};
use crate::model::Event;
use crate::render::document::Document;
use crate::render::grid::Grid;

/// The JSON (and CSV) field names of a history event: a documented, stable interface.
pub const EVENT_FIELDS: &[&str] = &[
    "id",
    "recommendation",
    "iso3",
    "year",
    "kind",
    "old_value",
    "new_value",
    "note",
    "date",
    "actor",
    "at",
    "outside_period",
];

/// History events, newest first.
pub(in crate::render) struct History<'a>(pub(in crate::render) &'a [Event]);

impl View for History<'_> {
    type Model = [Event];

    fn model(&self) -> &[Event] {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        Grid::of_fields(self.0, EVENT_FIELDS)
    }

    fn document(&self) -> Document {
        Document::grid(grid(self.0))
    }
}

/// Events as a table shows them.
pub(super) fn grid(events: &[Event]) -> Grid {
    Grid::with_rows(
        &["When", "ID", "Change", "Note", "Date", "By"],
        events
            .iter()
            .map(|e| {
                vec![
                    e.at.clone(),
                    e.recommendation
                        .clone()
                        .unwrap_or_else(|| format!("{}-{}", e.iso3, e.year)),
                    describe_change(e),
                    e.note.clone().unwrap_or_default(),
                    match &e.date {
                        Some(date) if e.outside_period => {
                            format!("{date} (before the ask could be answered)")
                        }
                        date => date.clone().unwrap_or_default(),
                    },
                    e.actor.clone(),
                ]
            })
            .collect(),
    )
    .dropping(&["Date", "By"])
}

/// A history event in words.
pub(in crate::render) fn describe_change(e: &Event) -> String {
    let old = e.old_value.as_deref().unwrap_or("");
    let new = e.new_value.as_deref().unwrap_or("");
    match e.kind.as_str() {
        "status" => format!("status: {old} -> {new}"),
        "created" => "imported".to_string(),
        "import" => format!("narrative imported from {new}"),
        "reimport" => format!("narrative text updated from {new}"),
        "tier" => format!("tier: {} -> {}", or_none(old), or_none(new)),
        "text" => format!("text reworded, was: {old}"),
        "position" => format!("position: {} -> {new}", or_none(old)),
        "removed" => format!("no longer in the narrative (was position {old})"),
        "note" => format!("note: {new}"),
        "evidence" => format!("evidence: {new}"),
        "accept" => format!("accepted ({old}) {new}"),
        "reject" => format!("rejected ({old}) {new}"),
        "link" => format!("linked to {new}"),
        "unlink" => format!("unlinked from {old}"),
        "assign" => format!("assigned: {} -> {}", or_none(old), or_none(new)),
        "note-edit" => format!("note edited: {new} (was: {old})"),
        "note-delete" => format!("note deleted: {old}"),
        "evidence-edit" => format!("{old} -> {new}"),
        "evidence-delete" => format!("deleted {old}"),
        "date" => format!("status date corrected: {} -> {new}", or_none(old)),
        "remove" => format!("narrative removed ({old})"),
        "restore" => format!("narrative restored ({new})"),
        "undo" => format!("took back a {old}: {new}"),
        other => format!("{other}: {old} -> {new}"),
    }
}
