//! `tiptrack dossier COUNTRY`: the document a coordinator hands over, as HTML, Markdown or JSON,
//! to standard output or a file.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use super::{UsageError, resolve_country};
use crate::cli::{DossierArgs, DossierFormat};
use crate::dossier::{self, Options};
use crate::indicators::Indicators;
use crate::parse::figures;
use crate::render::{dossier_markdown, html, messages, xlsx};
use crate::store::Store;

pub fn run(db: &Path, args: DossierArgs) -> Result<()> {
    let country = resolve_country(&args.country)?;
    let years = args.years.as_deref().map(parse_years).transpose()?;
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) => match path.extension().and_then(|e| e.to_str()) {
            Some("html" | "htm") => DossierFormat::Html,
            Some("json") => DossierFormat::Json,
            Some("xlsx") => DossierFormat::Xlsx,
            Some("md" | "markdown") | None => DossierFormat::Markdown,
            Some(other) => bail!(UsageError(format!(
                "cannot tell the format from '.{other}': give --format html, markdown, json or xlsx"
            ))),
        },
        (None, None) => DossierFormat::Markdown,
    };
    if format == DossierFormat::Xlsx && args.output.is_none() {
        bail!(UsageError(
            "a workbook is written to a file: give -o FILE.xlsx".into()
        ));
    }
    let store = Store::open(db)?;
    let facts = store.dossier_facts(country.iso3)?;
    let reports: Vec<(i64, Vec<figures::Figure>)> = store
        .narrative_texts(country.iso3)?
        .iter()
        // The figures the covered years' reports give.
        .filter(|(year, _)| years.is_none_or(|(first, last)| first <= *year && *year <= last))
        .map(|(year, text)| (*year, figures::extract(text, *year)))
        .collect();
    let figures = Indicators::build(&facts.country, country.iso3, &reports);
    if let Some((first, last)) = years
        && !facts
            .tiers
            .iter()
            .any(|t| first <= t.year && t.year <= last)
    {
        bail!(
            "no {} report from {first} to {last} is imported",
            country.iso3
        );
    }
    let dossier = dossier::build(
        facts,
        figures,
        Options {
            years,
            period: args.period,
            suggestions: args.suggestions,
        },
    );
    let bytes = match format {
        DossierFormat::Json => (serde_json::to_string_pretty(&dossier)? + "\n").into_bytes(),
        DossierFormat::Markdown => dossier_markdown::dossier(&dossier).into_bytes(),
        DossierFormat::Html => html::dossier(&dossier).into_bytes(),
        DossierFormat::Xlsx => xlsx::dossier(&dossier)?,
    };
    match &args.output {
        Some(path) => {
            super::write_whole(path, &bytes)?;
            super::say(messages::dossier_written(path, &dossier));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// `2012`, or `2011..2013` (also `2011-2013`).
fn parse_years(text: &str) -> Result<(i64, i64)> {
    let year = |t: &str| -> Result<i64> {
        match t.trim().parse::<i64>() {
            Ok(y) if crate::period::REPORT_YEARS.contains(&y) => Ok(y),
            _ => bail!(UsageError(format!(
                "invalid --years '{text}': give a report year or FIRST..LAST, e.g. 2011..2013"
            ))),
        }
    };
    let (first, last) = match text.split_once("..").or_else(|| text.split_once('-')) {
        Some((a, b)) => (year(a)?, year(b)?),
        None => {
            let y = year(text)?;
            (y, y)
        }
    };
    if first > last {
        bail!(UsageError(format!(
            "invalid --years '{text}': {first} is after {last}"
        )));
    }
    Ok((first, last))
}
