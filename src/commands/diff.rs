//! `tiptrack diff COUNTRY YEAR1 YEAR2`: what changed in a country's recommendations between two
//! report years.

use std::path::Path;

use anyhow::Result;

use super::{UsageError, resolve_country};
use crate::cli::DiffArgs;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: DiffArgs) -> Result<()> {
    if args.year1 >= args.year2 {
        return Err(UsageError(format!(
            "YEAR1 ({}) must come before YEAR2 ({})",
            args.year1, args.year2
        ))
        .into());
    }
    let country = resolve_country(&args.country)?;
    let diff = Store::open(db)?.diff(country.iso3, args.year1, args.year2)?;
    Output::stdout()
        .with_bom(args.output.bom)
        .diff(&diff, args.output.format)
}
