//! The one-line messages that tell what a command changed, each formatted once, from the store's
//! results: "KAZ-2011-4: open -> addressed", "evidence 3 (KAZ-2011-3): suggested -> accepted".
//! Commands write them on standard error; tests hold them to the byte.

use crate::link::LinkKind;
use crate::model::{Evidence, NarrativeImport, Note, Status, Tier};
use crate::period::Period;
use crate::store::{
    AssignChange, Decision, EvidenceCorrection, ImportOutcome, Location, NoteCorrection, Removal,
    Restored, StatusChange, Undone,
};

/// The line a status change is told in: "KAZ-2011-4: open -> addressed", with the ask named
/// when the item is not its first ("KAZ-2012-2 (ask KAZ-2011-4): ...").
pub fn status_message(change: &StatusChange) -> String {
    match change {
        StatusChange::Changed {
            id, ask, from, to, ..
        } if from == to => format!("{}: {to} again (confirmed)", item_of_ask(id, ask)),
        StatusChange::Changed {
            id, ask, from, to, ..
        } => format!("{}: {from} -> {to}", item_of_ask(id, ask)),
        StatusChange::Redated {
            id,
            ask,
            status,
            from,
            to,
        } => format!(
            "{}: {status}, its date corrected: {} -> {to}",
            item_of_ask(id, ask),
            from.as_deref().unwrap_or("none")
        ),
        StatusChange::Unchanged {
            id,
            ask,
            status,
            noted: false,
        } => format!(
            "{}: already {status}; nothing recorded",
            item_of_ask(id, ask)
        ),
        StatusChange::Unchanged {
            id,
            ask,
            status,
            noted: true,
        } => format!(
            "{}: already {status}; the note was added",
            item_of_ask(id, ask)
        ),
    }
}

/// The warnings that go with a status change: dated before its ask was made, or addressed while
/// a later report already makes the ask again.
pub fn status_warnings(change: &StatusChange, date: Option<&str>) -> Vec<String> {
    let StatusChange::Changed {
        id,
        ask,
        outside_period,
        asked_again,
        ..
    } = change
    else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    if *outside_period {
        warnings.push(format!(
            "warning: {id}: dated {}, before ask {ask} was made: a report's asks are answered from \
             April 1 of its year (the start of the next reporting period); recorded as given",
            date.unwrap_or_default()
        ));
    }
    if *asked_again {
        warnings.push(format!(
            "warning: {id}: a report later than this judgement already makes ask {ask} again: \
             flagged \"asked again after addressed\" (tiptrack asks --asked-again)"
        ));
    }
    warnings
}

/// What `review` says when the reviewer keeps a status after accepting evidence.
pub fn status_kept(id: &str, status: Status) -> String {
    format!("{id}: status kept ({status})")
}

/// An item's ID, with its ask's when that is another item's.
pub fn item_of_ask(id: &str, ask: &str) -> String {
    if id == ask {
        id.to_string()
    } else {
        format!("{id} (ask {ask})")
    }
}

/// "KAZ-2011-4: note added".
pub fn note_added(note: &Note) -> String {
    format!("{}: note added", note.recommendation)
}

/// "note 3 (KAZ-2011-4): edited", "... deleted", or that it already said that.
pub fn note_corrected(c: &NoteCorrection) -> String {
    match (&c.new, c.changed) {
        (None, _) => format!(
            "note {} ({}): deleted (it is kept in the history; undo brings it back)",
            c.id, c.recommendation
        ),
        (Some(_), true) => format!("note {} ({}): edited", c.id, c.recommendation),
        (Some(_), false) => format!(
            "note {} ({}): already says that; nothing recorded",
            c.id, c.recommendation
        ),
    }
}

/// One line per corrected part: "evidence 11 (KAZ-2011-4): date 2012-03-15 -> 2012-04-01".
pub fn evidence_corrected(c: &EvidenceCorrection) -> Vec<String> {
    let which = format!("evidence {} ({})", c.id, c.recommendation);
    if c.deleted {
        return vec![format!(
            "{which}: deleted (it is kept in the history; undo brings it back)"
        )];
    }
    if c.changes.is_empty() {
        return vec![format!("{which}: nothing to change")];
    }
    c.changes
        .iter()
        .map(|(part, old, new)| format!("{which}: {part} {old} -> {new}"))
        .collect()
}

/// What `undo` took back: a line for the command, then one per change, newest first
/// ("  KAZ-2011-4: status: open -> addressed").
pub fn undone(undone: &Undone) -> Vec<String> {
    let count = undone.events.len();
    let mut lines = vec![format!(
        "undone: {}'s command of {} ({count} change{})",
        undone.actor,
        undone.at,
        if count == 1 { "" } else { "s" }
    )];
    lines.extend(undone.events.iter().map(|e| {
        let what = e
            .recommendation
            .clone()
            .unwrap_or_else(|| format!("{} {}", e.iso3, e.year));
        format!("  {what}: {}", super::views::history::describe_change(e))
    }));
    lines
}

/// What `remove` will take out: "Kazakhstan 2011 (KAZ) holds 8 recommendations, ...".
pub fn removal_preview(removal: &Removal) -> String {
    format!(
        "{} {} ({}) holds {}",
        removal.country,
        removal.year,
        removal.iso3,
        removal.describe()
    )
}

/// What `remove` did.
pub fn removed(removal: &Removal) -> String {
    format!(
        "removed {} {} (kept in the history: tiptrack undo, or importing it again, brings it \
         back)",
        removal.country, removal.year
    )
}

/// "KAZ-2011-4: evidence from the 2012 report added".
pub fn evidence_added(evidence: &Evidence) -> String {
    format!(
        "{}: evidence from the {} report added",
        evidence.recommendation, evidence.year
    )
}

/// The warning that goes with evidence whose action date lies outside the period of the report
/// it is filed against.
pub fn evidence_warning(evidence: &Evidence) -> Option<String> {
    evidence.outside_period.then(|| {
        format!(
            "warning: {}: the action date {} is outside {}, which the {} report covers; \
             recorded as given",
            evidence.recommendation,
            evidence.date.as_deref().unwrap_or_default(),
            Period {
                year: evidence.year
            },
            evidence.year
        )
    })
}

/// What `evidence suggest` left to review.
pub fn suggestions_awaiting(count: i64) -> String {
    format!("{count} suggestions awaiting review")
}

/// An accept or a reject of evidence: "evidence 3 (KAZ-2011-3): suggested -> accepted".
pub fn decision(decision: &Decision, recommendation: &str) -> String {
    match decision {
        Decision::Changed { id, from, to } => {
            format!("evidence {id} ({recommendation}): {from} -> {to}")
        }
        Decision::Unchanged { id, state } => {
            format!("evidence {id} ({recommendation}) is already {state}")
        }
    }
}

/// A correction of an item's classification, one line per change made (`changes` as
/// `classify` returns them: what, old, new), or a line saying nothing changed.
pub fn classified(id: &str, changes: &[(&str, String, String)]) -> Vec<String> {
    if changes.is_empty() {
        return vec![format!("{id}: already classified so; nothing changed")];
    }
    changes
        .iter()
        .map(|(what, old, new)| format!("{id}: {what} {old} -> {new}"))
        .collect()
}

/// "KAZ-2012-2: linked to KAZ-2011-4 (reworded, score 0.63)".
pub fn linked(earlier: &str, later: &str, kind: LinkKind, score: f64) -> String {
    format!("{later}: linked to {earlier} ({kind}, score {score:.2})")
}

pub fn unlinked(earlier: &str, later: &str) -> String {
    format!("{later}: unlinked from {earlier}")
}

/// What `assign` did to one item's ask: "KAZ-2011-4: unassigned -> owner: ...; due: ...".
pub fn assigned(change: &AssignChange) -> String {
    let who = item_of_ask(&change.id, &change.ask);
    let before = change
        .before
        .describe()
        .unwrap_or_else(|| "unassigned".into());
    match &change.after {
        None => format!("{who}: already {before}; nothing recorded"),
        Some(after) => format!(
            "{who}: {before} -> {}",
            after.describe().unwrap_or_else(|| "unassigned".into())
        ),
    }
}

/// A tier set by a user; `before` as `set_tier` returns it (None when nothing changed).
pub fn tier_set(iso3: &str, year: i64, tier: Tier, before: Option<Option<Tier>>) -> String {
    match before {
        None => format!("{iso3} {year}: already {tier}; nothing recorded"),
        Some(None) => format!("{iso3} {year}: no tier -> {tier}"),
        Some(Some(old)) => format!("{iso3} {year}: {old} -> {tier}"),
    }
}

/// A narrative as import messages name it: "Kazakhstan 2011 (Tier 2)".
fn narrative(import: &NarrativeImport) -> String {
    format!(
        "{} {} ({})",
        import.country,
        import.year,
        import.tier.map_or("tier not stated", |t| t.as_str())
    )
}

/// A warning the parser gave on a narrative of a dry run, which stores nothing.
pub fn dry_run_warning(import: &NarrativeImport, warning: &str) -> String {
    format!(
        "tiptrack: warning: {}: {} {}: {warning}",
        import.source_name, import.country, import.year
    )
}

/// A warning the parser gave on a narrative just stored.
pub fn import_warning(import: &NarrativeImport, warning: &str) -> String {
    format!(
        "tiptrack: warning: {}: {}: {warning}",
        import.source_name,
        narrative(import)
    )
}

/// What an import did with one narrative, which holds `count` recommendations.
pub fn imported(import: &NarrativeImport, outcome: &ImportOutcome, count: usize) -> String {
    let source = &import.source_name;
    let what = narrative(import);
    let recommendations = format!("{count} recommendation{}", plural(count));
    match outcome {
        ImportOutcome::Created => format!("{source}: imported {what}: {recommendations}"),
        ImportOutcome::Excerpt => format!(
            "{source}: {what} is a cut-off copy of the text already imported; the stored text is \
             kept and nothing changed"
        ),
        ImportOutcome::Unchanged => {
            format!("{source}: {what} is already imported with this text; nothing changed")
        }
        ImportOutcome::Updated(summary) => {
            let mut parts = vec![recommendations];
            for (label, codes) in [
                ("reworded", &summary.reworded),
                ("new", &summary.added),
                ("moved", &summary.moved),
                ("back in the text", &summary.restored),
                ("no longer in the text (kept)", &summary.removed),
            ] {
                if !codes.is_empty() {
                    parts.push(format!("{label}: {}", codes.join(", ")));
                }
            }
            format!(
                "{source}: updated {what} from a changed text: {}; statuses, notes and evidence \
                 kept",
                parts.join("; ")
            )
        }
    }
}

/// An ask marked addressed that the narrative just imported (`latest`, its item) makes again.
pub fn made_again(import: &NarrativeImport, ask: &str, latest: &str) -> String {
    format!(
        "{}: {latest} makes ask {ask} again, which is marked addressed: flagged \"asked again \
         after addressed\" (tiptrack asks --asked-again); its status is yours to change",
        import.source_name
    )
}

/// What a batch of narratives did, counted: told instead of a line per narrative.
#[derive(Debug, Default, Clone, Copy)]
pub struct ImportTally {
    pub narratives: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub recommendations: usize,
    /// Recommendations linked to an earlier report's ask.
    pub links: usize,
    pub warnings: usize,
    /// Asks marked addressed that the batch made again.
    pub made_again: usize,
    /// Suggested evidence awaiting review, in the whole database, after the import.
    pub suggestions: usize,
}

/// A batch import's summary: its narratives, recommendations, links and warnings, then (when
/// there are any) the asks it made again and the suggestions to review.
pub fn import_summary(tally: &ImportTally) -> Vec<String> {
    let mut lines = vec![
        format!(
            "{} narratives ({} new, {} updated, {} unchanged), {} recommendations, {} linked to \
             an earlier report's ask",
            tally.narratives,
            tally.created,
            tally.updated,
            tally.unchanged,
            tally.recommendations,
            tally.links,
        ),
        if tally.warnings == 0 {
            "no warnings".to_string()
        } else {
            format!(
                "{} warning{}: see tiptrack list --warnings",
                tally.warnings,
                plural(tally.warnings)
            )
        },
    ];
    if tally.suggestions > 0 {
        lines.push(format!(
            "{} suggestion{} await{} review: run `tiptrack review`",
            tally.suggestions,
            plural(tally.suggestions),
            if tally.suggestions == 1 { "s" } else { "" }
        ));
    }
    if tally.made_again > 0 {
        lines.push(format!(
            "{} ask{} marked addressed made again: see tiptrack asks --asked-again",
            tally.made_again,
            plural(tally.made_again)
        ));
    }
    lines
}

/// What a review decided, counted, and what it left.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReviewTally {
    pub accepted: usize,
    pub rejected: usize,
    pub skipped: usize,
    /// Status changes made after accepting.
    pub statuses: usize,
}

/// The line a review ends with, `left` suggestions still awaiting review.
pub fn review_summary(tally: &ReviewTally, left: usize) -> String {
    format!(
        "{} accepted, {} rejected, {} skipped, {} status change{}; {left} suggestion{} awaiting \
         review",
        tally.accepted,
        tally.rejected,
        tally.skipped,
        tally.statuses,
        plural(tally.statuses),
        plural(left),
    )
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// "kazakhstan.html: the dossier of Kazakhstan (KAZ)".
pub fn dossier_written(path: &std::path::Path, dossier: &crate::dossier::Dossier) -> String {
    format!(
        "{}: the dossier of {} ({})",
        path.display(),
        dossier.country,
        dossier.iso3
    )
}

/// "asks.xlsx: 7 asks to fill in (...); apply it with tiptrack apply-sheet".
pub fn sheet_written(path: &std::path::Path, asks: usize) -> String {
    format!(
        "{}: {asks} ask{} to fill in (status, owner, supporting, due, new_note); apply it with \
         tiptrack apply-sheet",
        path.display(),
        plural(asks)
    )
}

/// One bad cell of a returned sheet: "asks.csv: row 4, column due: invalid date ...".
pub fn sheet_problem(name: &str, problem: &str) -> String {
    format!("{name}: {problem}")
}

/// The line that refuses a sheet with bad cells.
pub fn sheet_refused(name: &str, problems: usize) -> String {
    format!(
        "{name}: {problems} problem{} found; nothing was applied",
        plural(problems)
    )
}

/// One row's changes: "row 3: KAZ-2011-2: status -> in-progress; owner -> ...".
pub fn sheet_change(c: &crate::sheet::Change) -> String {
    let mut parts = Vec::new();
    if let Some(status) = c.status {
        parts.push(format!("status -> {status}"));
    }
    if let Some(owner) = &c.owner {
        parts.push(format!("owner -> {}", owner.as_deref().unwrap_or("none")));
    }
    if let Some(supporting) = &c.supporting {
        let names = if supporting.is_empty() {
            "none".to_string()
        } else {
            supporting.join(", ")
        };
        parts.push(format!("supporting -> {names}"));
    }
    if let Some(due) = &c.due {
        parts.push(format!("due -> {}", due.as_deref().unwrap_or("none")));
    }
    if let Some(note) = &c.note {
        parts.push(format!("note: {note}"));
    }
    format!("row {}: {}: {}", c.row, c.ask, parts.join("; "))
}

/// The closing line of `apply-sheet`.
pub fn sheet_applied(name: &str, changed: usize, dry_run: bool) -> String {
    let s = plural(changed);
    if dry_run {
        format!("{name}: {changed} ask{s} would change (dry run: nothing written)")
    } else {
        format!("{name}: {changed} ask{s} changed")
    }
}

/// A note a sheet brings that its ask already has: kept once.
pub fn sheet_note_kept(name: &str, row: usize) -> String {
    format!("{name}: row {row}: the ask already has this note; not added again")
}

/// "backed up tiptrack.db to copy.db".
pub fn backed_up(db: &std::path::Path, file: &std::path::Path) -> String {
    format!("backed up {} to {}", db.display(), file.display())
}

/// "restored dump.json into new.db: 36 rows in 12 tables (schema version 6)"; `db` as
/// `Store::shown` names it.
pub fn restored(file: &std::path::Path, db: &str, restored: &Restored) -> String {
    format!(
        "restored {} into {db}: {} rows in {} tables (schema version {})",
        file.display(),
        restored.rows,
        restored.tables,
        restored.schema_version
    )
}

/// What `where` prints: the database (its absolute path, or a server's URL without the
/// password), whether it exists and its schema version.
pub fn location(found: &Location, known: i64) -> Vec<String> {
    let mut lines = vec![format!("database: {}", found.name)];
    match found.schema_version {
        Some(version) => {
            lines.push("exists: yes".to_string());
            lines.push(format!(
                "schema version: {version} (this tiptrack: {known})"
            ));
        }
        None => lines.push("exists: no (an import makes it)".to_string()),
    }
    lines
}

/// `db copy` done: the copy is whole and verified.
pub fn copied(from: &std::path::Path, to: &std::path::Path, tables: usize, rows: usize) -> String {
    format!(
        "copied {rows} rows in {tables} tables from {} to {}; read back from both, every table's \
         rows and checksum are the same",
        crate::store::Store::shown(from),
        crate::store::Store::shown(to)
    )
}

/// `db copy` read back a copy that differs from its source.
pub fn copy_differs(from: &std::path::Path, to: &std::path::Path, tables: &[&str]) -> String {
    format!(
        "the copy in {} differs from {} in {}: do not use it",
        crate::store::Store::shown(to),
        crate::store::Store::shown(from),
        tables.join(", ")
    )
}
