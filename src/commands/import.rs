//! `tiptrack import FILE...`: parse narratives and track their recommendations.
//!
//! Every file is read, parsed and checked (country, year) before the database is even opened,
//! so a bad file stops the command with the database untouched. Each narrative is then stored
//! in its own transaction; a whole-report file shows a progress bar on a terminal. Parsing runs
//! on every core: the files of the first pass side by side, and in the second pass, next to the
//! storing, the files too large to have been held.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::{actor, display_name, resolve_country, say};
use crate::cli::ImportArgs;
use crate::country::Country;
use crate::model::NarrativeImport;
use crate::parse::{self, EncodingChoice};
use crate::render::Output;
use crate::render::messages::{self, ImportTally};
use crate::store::{ImportOutcome, Store};

/// Report years tiptrack accepts; the report began in 2001.
const YEARS: std::ops::RangeInclusive<i64> = crate::period::REPORT_YEARS;

/// What the first pass keeps of a file: its narratives, or (past the memory budget) only how
/// many it has, to be read again when its turn to be stored comes.
enum Checked {
    Kept(Vec<NarrativeImport>),
    ReadAgain { path: PathBuf, narratives: usize },
}

/// Text of checked narratives held in memory between the two passes. A batch of whole reports
/// larger than this is read twice rather than held whole: the second reading is done next to
/// the storing, on another core, so holding more saves little time and costs memory.
const MEMORY_BUDGET: usize = 8 * 1024 * 1024;

/// How the files are read: the flags that shape what a file becomes.
struct Reading {
    encoding: EncodingChoice,
    country: Option<Country>,
    year: Option<i64>,
}

pub fn run(db: &Path, args: ImportArgs) -> Result<()> {
    let reading = Reading {
        encoding: args.encoding.parse()?,
        country: args.country.as_deref().map(resolve_country).transpose()?,
        year: args.year,
    };
    // First pass: every file is read and checked before the database is opened, on every core
    // (a file's parse is independent of the others'), taken in the files' order.
    let mut checked = Vec::new();
    let mut held = 0;
    in_order(
        &args.files,
        |path| load(path, &reading),
        |path, imports| {
            let imports = imports?;
            let size: usize = imports.iter().map(|i| i.parsed.text.len()).sum();
            // Standard input cannot be read twice, and a dry run shows everything at once.
            if args.dry_run || path == Path::new("-") || held + size <= MEMORY_BUDGET {
                held += size;
                checked.push(Checked::Kept(imports));
            } else {
                checked.push(Checked::ReadAgain {
                    path: path.clone(),
                    narratives: imports.len(),
                });
            }
            Ok(())
        },
    )?;
    if args.dry_run {
        let imports: Vec<NarrativeImport> = checked
            .into_iter()
            .flat_map(|c| match c {
                Checked::Kept(imports) => imports,
                Checked::ReadAgain { .. } => Vec::new(),
            })
            .collect();
        for import in &imports {
            for warning in &import.parsed.warnings {
                say(messages::dry_run_warning(import, warning));
            }
        }
        return Output::stdout()
            .with_bom(args.output.bom)
            .preview(&imports, args.output.format);
    }
    let narratives: usize = checked
        .iter()
        .map(|c| match c {
            Checked::Kept(imports) => imports.len(),
            Checked::ReadAgain { narratives, .. } => *narratives,
        })
        .sum();
    // Second pass: the files again in order, each narrative stored in its own transaction and
    // dropped once stored. The files read again are parsed on another thread meanwhile.
    let reading = &reading;
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<Result<NarrativeImport>>(QUEUE);
        scope.spawn(move || {
            for file in checked {
                let imports = match file {
                    Checked::Kept(imports) => imports,
                    Checked::ReadAgain { path, .. } => match load(&path, reading) {
                        Ok(imports) => imports,
                        Err(err) => {
                            let _ = send.send(Err(err));
                            return;
                        }
                    },
                };
                for import in imports {
                    // The receiver is gone when storing failed: nothing more to do.
                    if send.send(Ok(import)).is_err() {
                        return;
                    }
                }
            }
        });
        store_all(db, receive.into_iter(), narratives, args)
    })
}

/// Narratives parsed ahead of the one being stored.
const QUEUE: usize = 16;

/// Runs `work` on each item, on every core, and hands the results to `take` in the items'
/// order, on this thread. A worker begins an item only a few ahead of the one `take` waits for,
/// so results held out of order stay few however slow one item is (standard input, say). Stops
/// at the first error `take` returns (the items being worked on are finished, no other is
/// begun).
fn in_order<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(&T, R) -> Result<()>,
) -> Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let ahead = threads * 2;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The index of the item `take` waits for, and a signal when it moves.
    let taken = (Mutex::new(0usize), Condvar::new());
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<(usize, R)>();
        for _ in 0..threads.min(items.len()) {
            let send = send.clone();
            let (next, stop, work, taken) = (&next, &stop, &work, &taken);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    let mut expected = taken.0.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *expected + ahead && !stop.load(Ordering::Relaxed) {
                        expected = taken.1.wait(expected).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(expected);
                    if stop.load(Ordering::Relaxed) || send.send((i, work(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        let result = (|| {
            for (i, result) in receive {
                waiting.insert(i, result);
                while let Some(result) = waiting.remove(&expected) {
                    take(&items[expected], result)?;
                    expected += 1;
                    *taken.0.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                    taken.1.notify_all();
                }
            }
            Ok(())
        })();
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
            // Wake the workers waiting for their turn, so that they see the stop.
            let _guard = taken.0.lock().unwrap_or_else(|e| e.into_inner());
            taken.1.notify_all();
        }
        result
    })
}

/// Reads, parses and checks one file: each narrative with its country and year resolved.
fn load(path: &Path, reading: &Reading) -> Result<Vec<NarrativeImport>> {
    let name = display_name(path);
    let bytes = read_input(path).with_context(|| format!("cannot read {name}"))?;
    let document = parse::parse_bytes(&bytes, reading.encoding)
        .with_context(|| format!("cannot import {name}"))?;
    let count = document.narratives.len();
    if count > 1 && reading.country.is_some() {
        bail!("{name}: holds {count} narratives; --country can only name the country of one");
    }
    let encoding = if document.from_html {
        format!("{}, a saved web page", document.encoding)
    } else {
        document.encoding.to_string()
    };
    let mut imports = Vec::with_capacity(count);
    for (index, mut parsed) in document.narratives.into_iter().enumerate() {
        // In a whole report, a refusal names the narrative: "report.txt: narrative 4 of 190
        // (TONGA)". Every narrative is checked before anything is written.
        let which = if count > 1 {
            format!(
                "{name}: narrative {} of {count} ({})",
                index + 1,
                parsed.country_name.as_deref().unwrap_or("no country named")
            )
        } else {
            name.clone()
        };
        parse::check(&parsed).map_err(|problem| anyhow::anyhow!("{which}: {problem}"))?;
        // A guessed encoding is the file's, told once: with its first narrative.
        if index == 0
            && let Some(guess) = &document.encoding_guess
        {
            parsed.warnings.insert(0, guess.clone());
        }
        let Some(year) = reading.year.or(parsed.year) else {
            bail!("{which}: the text states no report year; give it with --year YYYY");
        };
        if !YEARS.contains(&year) {
            bail!(
                "{which}: the report year {year} is out of range (2000 to 2100); give it with --year YYYY"
            );
        }
        let country = match (reading.country, &parsed.country_name) {
            (Some(country), _) => country,
            (None, Some(written)) if count > 1 => resolve_country(written).with_context(|| {
                format!("{which}: its heading names a country tiptrack does not know")
            })?,
            (None, Some(written)) => resolve_country(written)
                .with_context(|| format!("{which}: give the country with --country NAME"))?,
            (None, None) => {
                bail!("{which}: the text names no country; give it with --country NAME")
            }
        };
        imports.push(NarrativeImport {
            country: country.name.to_string(),
            iso3: country.iso3.to_string(),
            year,
            tier: parsed.tier,
            source_name: name.clone(),
            encoding: encoding.clone(),
            parsed,
        });
    }
    Ok(imports)
}

/// How much an import tells: a single narrative gets a line and its recommendations, several a
/// summary (each line and the recommendations with `--verbose`), `--quiet` nothing but errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Telling {
    Quiet,
    Summary,
    Each,
}

/// Stores the narratives, telling what happened to each (or, for several, a summary), then
/// prints the recommendations imported.
fn store_all(
    db: &Path,
    imports: impl Iterator<Item = Result<NarrativeImport>>,
    narratives: usize,
    args: ImportArgs,
) -> Result<()> {
    let format = args.output.format;
    let bom = args.output.bom;
    let mut store = Store::open_or_create(db)?;
    store.suggest_on_import(!args.no_suggest);
    store.begin_batch()?;
    let actor = actor(db, args.by)?;
    let telling = match (args.quiet, args.verbose || narratives == 1) {
        (true, _) => Telling::Quiet,
        (false, true) => Telling::Each,
        (false, false) => Telling::Summary,
    };
    let progress = progress_bar(narratives, telling);
    let each = telling == Telling::Each;
    let mut imported = Vec::new();
    let mut tally = ImportTally {
        narratives,
        ..ImportTally::default()
    };
    // Each narrative is dropped once stored: a batch of whole reports is not held twice. The
    // next one is looked at (waited for, if its file is still being read), to be ranked for
    // suggestions ahead: two are held at a time.
    let mut imports = imports.peekable();
    while let Some(import) = imports.next() {
        let import = import?;
        let next = imports.peek().and_then(|next| next.as_ref().ok());
        // The asks this import flags "asked again after addressed": the user is told once.
        let (outcome, recommendations, flagged) = store
            .write(|w| {
                let before = w.flagged_asks(&import.iso3)?;
                let (outcome, items) = w.import_narrative(&import, next, &actor)?;
                let mut flagged = w.flagged_asks(&import.iso3)?;
                flagged.retain(|ask| !before.contains(ask));
                Ok((outcome, items, flagged))
            })
            .with_context(|| {
                format!(
                    "cannot import {} {} from {}",
                    import.country, import.year, import.source_name
                )
            })?;
        progress.inc(1);
        // Warnings are told once the narrative is stored, so a failed write shows one line.
        for warning in &import.parsed.warnings {
            tally.warnings += 1;
            if each {
                progress.suspend(|| say(messages::import_warning(&import, warning)));
            }
        }
        match outcome {
            ImportOutcome::Created => tally.created += 1,
            ImportOutcome::Updated(_) => tally.updated += 1,
            ImportOutcome::Excerpt | ImportOutcome::Unchanged => tally.unchanged += 1,
        }
        if each {
            say(messages::imported(&import, &outcome, recommendations.len()));
        }
        tally.made_again += flagged.len();
        if each {
            for (ask, latest) in &flagged {
                say(messages::made_again(&import, ask, latest));
            }
        }
        tally.recommendations += recommendations.len();
        tally.links += recommendations.iter().filter(|r| r.ask != r.id).count();
        // Only what is printed is kept: a whole report's items are counted, not held.
        if each {
            imported.extend(recommendations);
        }
    }
    store.end_batch()?;
    if telling == Telling::Summary {
        tally.suggestions = usize::try_from(store.suggestions_awaiting(None)?).unwrap_or(0);
    }
    store.finish()?;
    progress.finish_and_clear();
    match telling {
        Telling::Quiet => Ok(()),
        Telling::Summary => {
            for line in messages::import_summary(&tally) {
                say(line);
            }
            Ok(())
        }
        Telling::Each => Output::stdout()
            .with_bom(bom)
            .recommendations(&imported, format),
    }
}

/// A progress bar on standard error, drawn only on a terminal, for several narratives told
/// with a summary.
fn progress_bar(narratives: usize, telling: Telling) -> ProgressBar {
    if narratives <= 1 || telling != Telling::Summary || !std::io::stderr().is_terminal() {
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
    super::read_file(path)
}
