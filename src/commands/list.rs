//! `tiptrack list`: recommendations with their status, filtered.

use std::path::Path;

use anyhow::Result;

use super::{country_code, due_date, parse_all};
use crate::cli::ListArgs;
use crate::model::Filter;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: ListArgs) -> Result<()> {
    let iso3 = country_code(args.country.as_deref())?;
    let filter = Filter {
        iso3,
        year: args.year,
        statuses: parse_all(&args.statuses)?,
        areas: parse_all(&args.areas)?,
        actions: parse_all(&args.actions)?,
        search: args.search.filter(|s| !s.trim().is_empty()),
        include_removed: args.include_removed,
        persistent: args.persistent,
        owner: args
            .assignment
            .owner
            .map(|o| o.trim().to_lowercase())
            .filter(|o| !o.is_empty()),
        due_before: args
            .assignment
            .due_before
            .as_deref()
            .map(|d| due_date("--due-before", d))
            .transpose()?,
        overdue: args.assignment.overdue,
    };
    let store = Store::open(db)?;
    if args.warnings {
        let warnings = store.list_warnings(filter.iso3.as_deref(), filter.year)?;
        return Output::stdout()
            .with_bom(args.output.bom)
            .warnings(&warnings, args.output.format);
    }
    let items = store.list_recommendations(&filter)?;
    Output::stdout()
        .with_bom(args.output.bom)
        .recommendations(&items, args.output.format)
}
