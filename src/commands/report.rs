//! `tiptrack report`: progress per country and report year, per 3P area or per kind of action.

use std::path::Path;

use anyhow::Result;

use super::{parse_all, resolve_country};
use crate::cli::{ReportArgs, ReportBy};
use crate::model::{Filter, Grouping};
use crate::render::Output;
use crate::report;
use crate::store::Store;

pub fn run(db: &Path, args: ReportArgs) -> Result<()> {
    let filter = Filter {
        iso3: args
            .country
            .as_deref()
            .map(resolve_country)
            .transpose()?
            .map(|c| c.iso3.to_string()),
        year: args.year,
        areas: parse_all(&args.areas)?,
        actions: parse_all(&args.actions)?,
        ..Filter::default()
    };
    let by = match args.by {
        ReportBy::Country => Grouping::Narrative,
        ReportBy::Area => Grouping::Area,
        ReportBy::Action => Grouping::Action,
    };
    let counts = Store::open(db)?.status_counts(&filter, by)?;
    Output::stdout().report(&report::build(counts), args.output.format)
}
