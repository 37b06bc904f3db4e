//! `tiptrack import FILE...`: parse narratives and track their recommendations.
//!
//! Every file is read, parsed and resolved (country, year) before anything is written, so a bad
//! file stops the command with the database untouched. Each narrative is then stored in its own
//! transaction.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{actor, display_name, resolve_country};
use crate::cli::ImportArgs;
use crate::model::NarrativeImport;
use crate::parse;
use crate::render::Output;
use crate::store::{ImportOutcome, Store};

pub fn run(store: &mut Store, args: ImportArgs) -> Result<()> {
    let override_country = args.country.as_deref().map(resolve_country).transpose()?;
    let mut imports = Vec::new();
    for path in &args.files {
        let name = display_name(path);
        let bytes = read_input(path).with_context(|| format!("cannot read {name}"))?;
        let narratives =
            parse::parse_bytes(&bytes).with_context(|| format!("cannot import {name}"))?;
        if narratives.len() > 1 && override_country.is_some() {
            bail!(
                "{name}: holds {} narratives; --country can only name the country of a single one",
                narratives.len()
            );
        }
        for parsed in narratives {
            let Some(year) = args.year.or(parsed.year) else {
                bail!("{name}: the text states no report year; give it with --year YYYY");
            };
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
                parsed,
            });
        }
    }

    let actor = actor(args.by);
    let mut imported = Vec::new();
    for import in &imports {
        for warning in &import.parsed.warnings {
            eprintln!("tiptrack: warning: {}: {warning}", import.source_name);
        }
        let (outcome, recommendations) = store
            .write(|w| w.import_narrative(import, &actor))
            .with_context(|| format!("cannot import {}", import.source_name))?;
        let what = format!(
            "{} {} ({})",
            import.country,
            import.year,
            import.tier.map_or("tier not stated", |t| t.as_str())
        );
        let count = recommendations.len();
        match outcome {
            ImportOutcome::Created => eprintln!(
                "{}: imported {what}: {count} recommendation{}",
                import.source_name,
                plural(count)
            ),
            ImportOutcome::Unchanged => eprintln!(
                "{}: {what} is already imported with this text; nothing changed",
                import.source_name
            ),
            ImportOutcome::Updated(summary) => {
                let list = |codes: &[String]| {
                    if codes.is_empty() {
                        "none".to_string()
                    } else {
                        codes.join(", ")
                    }
                };
                eprintln!(
                    "{}: updated {what} from a changed text: {count} recommendation{}; \
                     reworded: {}; new: {}; no longer in the text (kept): {}; \
                     statuses, notes and evidence kept",
                    import.source_name,
                    plural(count),
                    list(&summary.reworded),
                    list(&summary.added),
                    list(&summary.removed),
                );
            }
        }
        imported.extend(recommendations);
    }
    Output::stdout().recommendations(&imported, args.output.format)
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
