//! `tiptrack history [ID]`: the change log, newest first; of a reporting period or between
//! dates.

use std::path::Path;

use anyhow::Result;

use super::date_range;
use crate::cli::HistoryArgs;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: HistoryArgs) -> Result<()> {
    let (since, until) = date_range(&args.dates)?;
    let store = Store::open(db)?;
    let events = store.history(
        args.id.as_deref(),
        args.limit.map(i64::from),
        since.map(|d| d.to_string()).as_deref(),
        until.map(|d| d.to_string()).as_deref(),
    )?;
    Output::stdout()
        .with_bom(args.output.bom)
        .history(&events, args.output.format)
}
