//! One file per subcommand: the glue between the command line, the parser, the store and the
//! renderer. No SQL and no table code here.

mod evidence;
mod history;
mod import;
mod list;
mod note;
mod report;
mod show;
mod status;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::{Cli, Command, EvidenceCommand};
use crate::country;
use crate::model::Actor;
use crate::store::{self, Store};

/// Runs one command against the database the command line chose.
pub fn run(cli: Cli) -> Result<()> {
    let path = database_path(cli.db)?;
    let mut store = Store::open(&path)?;
    match cli.command {
        Command::Import(args) => import::run(&mut store, args),
        Command::Status(args) => status::run(&mut store, args),
        Command::Note(args) => note::run(&mut store, args),
        Command::Evidence(EvidenceCommand::Add(args)) => evidence::add(&mut store, args),
        Command::Evidence(EvidenceCommand::List(args)) => evidence::list(&store, args),
        Command::List(args) => list::run(&store, args),
        Command::Show(args) => show::run(&store, args),
        Command::History(args) => history::run(&store, args),
        Command::Report(args) => report::run(&store, args),
    }
}

/// `--db`, else `$TIPTRACK_DB` (clap reads both into `db`), else `tiptrack.db` in the user's
/// data directory (`$XDG_DATA_HOME/tiptrack`, usually `~/.local/share/tiptrack`, on Linux).
fn database_path(db: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = db.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(path);
    }
    let dirs = directories::ProjectDirs::from("", "", "tiptrack").context(
        "cannot find your home directory to keep the database in; give one with --db PATH",
    )?;
    Ok(dirs.data_dir().join("tiptrack.db"))
}

/// Who is acting, now: `--by`, else `$TIPTRACK_USER`, else the login name.
fn actor(by: Option<String>) -> Actor {
    let name = by
        .or_else(|| std::env::var("TIPTRACK_USER").ok())
        .or_else(|| whoami::username().ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown".to_string());
    Actor {
        name,
        at: store::now(),
    }
}

/// A country filter as the user typed it (name or code) to its ISO alpha-3 code.
fn resolve_country(input: &str) -> Result<country::Country> {
    if let Some(found) = country::lookup(input) {
        return Ok(found);
    }
    let suggestions = country::suggest(input, 3);
    if suggestions.is_empty() {
        bail!("unknown country '{input}'");
    }
    bail!(
        "unknown country '{input}'; did you mean {}?",
        suggestions.join(", ")
    )
}

/// Checks a `--date` value: a real calendar date written YYYY-MM-DD.
fn valid_date(flag: &str, value: Option<String>) -> Result<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    match chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
        Ok(date) if date.format("%Y-%m-%d").to_string() == value => Ok(Some(value)),
        _ => bail!("invalid date '{value}' for {flag}: use YYYY-MM-DD, e.g. 2012-06-19"),
    }
}

/// Rejects text that is empty or only spaces.
fn non_empty<'a>(what: &str, text: &'a str) -> Result<&'a str> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        bail!("the {what} is empty");
    }
    Ok(trimmed)
}

/// A file name as shown in messages and stored as the narrative's source.
fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}
