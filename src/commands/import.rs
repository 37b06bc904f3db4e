//! `tiptrack import FILE...`: parse narratives and track their recommendations.
//!
//! Every file is read, parsed and checked (country, year) before the database is even opened,
//! so a bad file stops the command with the database untouched. Each narrative is then stored
//! in its own transaction; a whole-report file shows a progress bar on a terminal.

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::{actor, display_name, resolve_country, say};
use crate::cli::ImportArgs;
use crate::model::NarrativeImport;
use crate::parse::{self, EncodingChoice};
use crate::render::Output;
use crate::store::{ImportOutcome, Store};

/// Report years tiptrack accepts; the report began in 2001.
const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;

/// Files holding more narratives than this are reported with a summary, not line by line.
const LINE_BY_LINE: usize = 5;

pub fn run(db: &Path, args: ImportArgs) -> Result<()> {
    let encoding: EncodingChoice = args.encoding.parse()?;
    let override_country = args.country.as_deref().map(resolve_country).transpose()?;
    let mut imports = Vec::new();
    for path in &args.files {
        let name = display_name(path);
        let bytes = read_input(path).with_context(|| format!("cannot read {name}"))?;
        let document = parse::parse_bytes(&bytes, encoding)
            .with_context(|| format!("cannot import {name}"))?;
        let count = document.narratives.len();
        if count > 1 && override_country.is_some() {
            bail!("{name}: holds {count} narratives; --country can only name the country of one");
        }
        for mut parsed in document.narratives {
            if let Some(guess) = &document.encoding_guess {
                parsed.warnings.insert(0, guess.clone());
            }
            let Some(year) = args.year.or(parsed.year) else {
                bail!("{name}: the text states no report year; give it with --year YYYY");
            };
            if !YEARS.contains(&year) {
                bail!(
                    "{name}: the report year {year} is out of range (2000 to 2100); give it with --year YYYY"
                );
            }
            let country = match (override_country, &parsed.country_name) {
                (Some(country), _) => country,
                (None, Some(written)) => resolve_country(written)
                    .with_context(|| format!("{name}: give the country with --country NAME"))?,
                (None, None) => {
                    bail!("{name}: the text names no country; give it with --country NAME")
                }
            };
            imports.push(NarrativeImport {
                country: country.name.to_string(),
                iso3: country.iso3.to_string(),
                year,
                tier: parsed.tier,
                source_name: name.clone(),
                encoding: if document.from_html {
                    format!("{}, a saved web page", document.encoding)
                } else {
                    document.encoding.to_string()
                },
                parsed,
            });
        }
    }
    if args.dry_run {
        return Output::stdout().preview(&imports, args.output.format);
    }

    let mut store = Store::open(db)?;
    let actor = actor(args.by);
    let narratives = imports.len();
    let progress = progress_bar(narratives);
    let line_by_line = narratives <= LINE_BY_LINE;
    let mut imported = Vec::new();
    let (mut created, mut updated, mut unchanged, mut warnings) = (0, 0, 0, 0);
    // Each narrative is dropped once stored: a batch of whole reports is not held twice.
    for import in imports {
        let (outcome, recommendations) = store
            .write(|w| w.import_narrative(&import, &actor))
            .with_context(|| {
                format!(
                    "cannot import {} {} from {}",
                    import.country, import.year, import.source_name
                )
            })?;
        progress.inc(1);
        let what = format!(
            "{} {} ({})",
            import.country,
            import.year,
            import.tier.map_or("tier not stated", |t| t.as_str())
        );
        // Warnings are told once the narrative is stored, so a failed write shows one line.
        for warning in &import.parsed.warnings {
            warnings += 1;
            progress.suspend(|| {
                say(format!(
                    "tiptrack: warning: {}: {what}: {warning}",
                    import.source_name
                ))
            });
        }
        let count = recommendations.len();
        let message = match outcome {
            ImportOutcome::Created => {
                created += 1;
                format!(
                    "{}: imported {what}: {count} recommendation{}",
                    import.source_name,
                    plural(count)
                )
            }
            ImportOutcome::Unchanged => {
                unchanged += 1;
                format!(
                    "{}: {what} is already imported with this text; nothing changed",
                    import.source_name
                )
            }
            ImportOutcome::Updated(summary) => {
                updated += 1;
                let mut parts = vec![format!("{count} recommendation{}", plural(count))];
                for (label, codes) in [
                    ("reworded", &summary.reworded),
                    ("new", &summary.added),
                    ("moved", &summary.moved),
                    ("back in the text", &summary.restored),
                    ("no longer in the text (kept)", &summary.removed),
                ] {
                    if !codes.is_empty() {
                        parts.push(format!("{label}: {}", codes.join(", ")));
                    }
                }
                format!(
                    "{}: updated {what} from a changed text: {}; statuses, notes and evidence kept",
                    import.source_name,
                    parts.join("; ")
                )
            }
        };
        if line_by_line {
            say(message);
        }
        imported.extend(recommendations);
    }
    progress.finish_and_clear();
    if !line_by_line {
        say(format!(
            "{} narratives ({created} new, {updated} updated, {unchanged} unchanged), \
             {} recommendations, {warnings} warning{}",
            narratives,
            imported.len(),
            plural(warnings)
        ));
    }
    Output::stdout().recommendations(&imported, args.output.format)
}

/// A progress bar on standard error, drawn only on a terminal and for more than a few
/// narratives.
fn progress_bar(narratives: usize) -> ProgressBar {
    if narratives <= LINE_BY_LINE || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(narratives as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} narratives {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn read_input(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    if path.is_dir() {
        bail!("it is a directory");
    }
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
