//! `tiptrack indicators COUNTRY`: the figures a country's narratives report, year by year.

use std::path::Path;

use anyhow::{Result, bail};

use super::resolve_country;
use crate::cli::IndicatorsArgs;
use crate::indicators::Indicators;
use crate::parse::figures;
use crate::render::Output;
use crate::store::Store;

pub fn run(db: &Path, args: IndicatorsArgs) -> Result<()> {
    let country = resolve_country(&args.country)?;
    let narratives = Store::open(db)?.narrative_texts(country.iso3)?;
    if narratives.is_empty() {
        bail!(
            "no narrative of {} ({}) is imported",
            country.name,
            country.iso3
        );
    }
    let reports: Vec<(i64, Vec<figures::Figure>)> = narratives
        .iter()
        .map(|(year, text)| (*year, figures::extract(text, *year)))
        .collect();
    let indicators = Indicators::build(country.name, country.iso3, &reports);
    Output::stdout()
        .with_bom(args.output.bom)
        .indicators(&indicators, args.output.format)
}
