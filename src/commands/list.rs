//! `tiptrack list`: recommendations with their status, filtered.

use std::path::Path;

use anyhow::Result;

use super::{assignment_filter, country_code};
use crate::cli::ListArgs;
use crate::model::Filter;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: ListArgs) -> Result<()> {
    let iso3 = country_code(args.country.as_deref())?;
    let (owner, due_before, overdue) = assignment_filter(args.assignment)?;
    let filter = Filter {
        iso3,
        year: args.year,
        statuses: args.statuses,
        areas: args.areas,
        actions: args.actions,
        search: args.search.filter(|s| !s.trim().is_empty()),
        include_removed: args.include_removed,
        persistent: args.persistent,
        owner,
        due_before,
        overdue,
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
