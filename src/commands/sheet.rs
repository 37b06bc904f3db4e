//! `tiptrack export-sheet` and `tiptrack apply-sheet`: the sheet that goes out to ministries and
//! comes back filled in (see `sheet`).

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{UsageError, actor, assignment_filter, country_code, display_name, say, write_whole};
use crate::cli::{ApplySheetArgs, ExportSheetArgs};
use crate::model::{AskFilter, Status};
use crate::render::messages;
use crate::render::xlsx::{self, Cell, Sheet};
use crate::sheet::{self, COLUMNS};
use crate::store::{Assignment, Store};

pub fn export(db: &Path, args: ExportSheetArgs) -> Result<()> {
    let xlsx_file = match args.output.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("xlsx") => true,
        Some(e) if e.eq_ignore_ascii_case("csv") => false,
        _ => bail!(UsageError(format!(
            "{}: the sheet is written as .xlsx or .csv; name the file so",
            args.output.display()
        ))),
    };
    let mut statuses: Vec<Status> = args.statuses;
    if statuses.is_empty() {
        statuses = Status::ALL
            .into_iter()
            .filter(|s| !matches!(s, Status::Addressed | Status::Superseded))
            .collect();
    }
    let (owner, due_before, overdue) = assignment_filter(args.assignment)?;
    let filter = AskFilter {
        iso3: country_code(args.country.as_deref())?,
        statuses,
        owner,
        due_before,
        overdue,
        ..AskFilter::default()
    };
    let asks = Store::open(db)?.list_asks(&filter)?;
    let rows: Vec<Vec<String>> = asks
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                a.country.clone(),
                a.years
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                a.text.clone(),
                a.status.to_string(),
                a.owner.clone().unwrap_or_default(),
                a.supporting.join("; "),
                a.due.clone().unwrap_or_default(),
                String::new(),
                sheet::version(a),
            ]
        })
        .collect();
    let bytes = if xlsx_file {
        xlsx::workbook(&[Sheet {
            name: "Asks",
            header: COLUMNS.to_vec(),
            rows: rows
                .iter()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .map(|(i, value)| match COLUMNS[i] {
                            "due" if !value.is_empty() => Cell::Date(value.clone()),
                            _ if value.is_empty() => Cell::Empty,
                            _ => Cell::Text(value.clone()),
                        })
                        .collect()
                })
                .collect(),
        }])?
    } else {
        crate::render::sheet_csv(COLUMNS, rows, !args.no_bom)?
    };
    write_whole(&args.output, &bytes)?;
    say(messages::sheet_written(&args.output, asks.len()));
    Ok(())
}

pub fn apply(db: &Path, args: ApplySheetArgs) -> Result<()> {
    let name = display_name(&args.file);
    let bytes = super::read_file(&args.file).with_context(|| format!("cannot read {name}"))?;
    let rows = sheet::read(&name, &bytes)?;
    let mut store = Store::open(db)?;
    let all = AskFilter {
        include_removed: true,
        ..AskFilter::default()
    };
    let refuse = |problems: Vec<String>| -> anyhow::Error {
        for problem in &problems {
            say(messages::sheet_problem(&name, problem));
        }
        anyhow::anyhow!(messages::sheet_refused(&name, problems.len()))
    };
    if args.dry_run {
        let changes = sheet::plan(&rows, &store.list_asks(&all)?).map_err(refuse)?;
        for change in &changes {
            say(messages::sheet_change(change));
        }
        say(messages::sheet_applied(&name, changes.len(), true));
        return Ok(());
    }
    let actor = actor(db, args.by)?;
    let note = format!("from the sheet {name}");
    // The sheet is checked against the asks inside the write transaction, so that no change
    // another process commits in between is overwritten.
    let (changes, skipped) = store.write(|w| {
        let changes = sheet::plan(&rows, &w.list_asks(&all)?).map_err(refuse)?;
        let mut skipped = Vec::new();
        for change in &changes {
            let row = || format!("{name}: row {} ({})", change.row, change.ask);
            if let Some(status) = change.status {
                w.set_status(&change.ask, status, Some(&note), None, &actor)
                    .with_context(row)?;
            }
            if change.owner.is_some() || change.supporting.is_some() || change.due.is_some() {
                w.assign(
                    &change.ask,
                    &Assignment {
                        owner: change.owner.clone(),
                        supporting: change.supporting.clone(),
                        due: change.due.clone(),
                        note: Some(note.clone()),
                    },
                    &actor,
                )
                .with_context(row)?;
            }
            if let Some(text) = &change.note {
                // The same note on the ask already (the sheet applied before): not twice.
                if w.ask_has_note(&change.ask, text)? {
                    skipped.push(change.row);
                } else {
                    w.add_note_from(&change.ask, text, Some(&note), &actor)
                        .with_context(row)?;
                }
            }
        }
        Ok((changes, skipped))
    })?;
    for row in &skipped {
        say(messages::sheet_note_kept(&name, *row));
    }
    for change in &changes {
        say(messages::sheet_change(change));
    }
    say(messages::sheet_applied(&name, changes.len(), false));
    Ok(())
}
