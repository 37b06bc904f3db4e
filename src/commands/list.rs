//! `tiptrack list`: recommendations with their status, filtered.

use anyhow::Result;

use super::resolve_country;
use crate::cli::ListArgs;
use crate::model::{Filter, Status};
use crate::render::Output;
use crate::store::Store;

pub fn run(store: &Store, args: ListArgs) -> Result<()> {
    let filter = Filter {
        iso3: args
            .country
            .as_deref()
            .map(|c| resolve_country(c).map(|c| c.iso3.to_string()))
            .transpose()?,
        year: args.year,
        statuses: args
            .statuses
            .iter()
            .map(|s| s.parse::<Status>())
            .collect::<Result<_, _>>()?,
        search: args.search.filter(|s| !s.trim().is_empty()),
        include_removed: args.include_removed,
    };
    let items = store.list_recommendations(&filter)?;
    Output::stdout().recommendations(&items, args.output.format)
}
