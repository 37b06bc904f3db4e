//! `tiptrack history [ID]`: the change log, newest first.

use std::path::Path;

use anyhow::Result;

use crate::cli::HistoryArgs;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: HistoryArgs) -> Result<()> {
    let store = Store::open(db)?;
    let events = store.history(args.id.as_deref(), args.limit.map(i64::from))?;
    Output::stdout().history(&events, args.output.format)
}
