//! `tiptrack asks`: one row per ask (a recommendation followed across the reports that made
//! it), with its status, owner and due date.

use std::path::Path;

use anyhow::Result;

use super::{assignment_filter, country_code};
use crate::cli::AsksArgs;
use crate::model::AskFilter;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: AsksArgs) -> Result<()> {
    let (owner, due_before, overdue) = assignment_filter(args.assignment)?;
    let filter = AskFilter {
        iso3: country_code(args.country.as_deref())?,
        statuses: args.statuses,
        owner,
        due_before,
        overdue,
        persistent: args.persistent,
        asked_again: args.asked_again,
        include_removed: args.include_removed,
    };
    let asks = Store::open(db)?.list_asks(&filter)?;
    Output::stdout()
        .with_bom(args.output.bom)
        .asks(&asks, args.output.format)
}
