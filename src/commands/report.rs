//! `tiptrack report`: progress per country and report year.

use anyhow::Result;

use super::resolve_country;
use crate::cli::ReportArgs;
use crate::render::Output;
use crate::report;
use crate::store::Store;

pub fn run(store: &Store, args: ReportArgs) -> Result<()> {
    let iso3 = args
        .country
        .as_deref()
        .map(resolve_country)
        .transpose()?
        .map(|c| c.iso3);
    let counts = store.status_counts(iso3, args.year)?;
    Output::stdout().report(&report::build(counts), args.output.format)
}
