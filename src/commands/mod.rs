//! One file per subcommand: the glue between the command line, the parser, the store and the
//! renderer. No SQL and no table code here.

mod asks;
mod assign;
mod chain;
mod classify;
mod database;
mod db;
mod diff;
mod dossier;
mod evidence;
mod help;
mod history;
mod import;
mod indicators;
mod link;
mod list;
mod note;
mod remove;
mod report;
mod review;
mod sheet;
mod show;
mod status;
mod tier;
mod undo;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::{Cli, Command, DbCommand, EvidenceCommand};
use crate::country;
use crate::model::Actor;
use crate::store;

/// Runs one command against the database the command line chose. Each command checks its
/// input before it opens (and perhaps creates) the database.
pub fn run(cli: Cli) -> Result<()> {
    // These two need no database.
    match cli.command {
        Command::Completions(args) => return help::completions(args.shell),
        Command::Man => return help::man(),
        _ => {}
    }
    let db = database_path(cli.db)?;
    match cli.command {
        Command::Completions(_) | Command::Man => Ok(()),
        Command::Import(args) => import::run(&db, args),
        Command::Status(args) => status::run(&db, args),
        Command::Note(args) => note::run(&db, args),
        Command::Evidence(EvidenceCommand::Add(args)) => evidence::add(&db, args),
        Command::Evidence(EvidenceCommand::List(args)) => evidence::list(&db, args),
        Command::Evidence(EvidenceCommand::Suggest(args)) => evidence::suggest(&db, args),
        Command::Evidence(EvidenceCommand::Accept(args)) => evidence::accept(&db, args),
        Command::Evidence(EvidenceCommand::Reject(args)) => evidence::reject(&db, args),
        Command::Evidence(EvidenceCommand::Edit(args)) => evidence::edit(&db, args),
        Command::Evidence(EvidenceCommand::Delete(args)) => evidence::delete(&db, args),
        Command::Review(args) => review::run(&db, args),
        Command::List(args) => list::run(&db, args),
        Command::Asks(args) => asks::run(&db, args),
        Command::Assign(args) => assign::run(&db, args),
        Command::Tier(args) => tier::run(&db, args),
        Command::Dossier(args) => dossier::run(&db, args),
        Command::ExportSheet(args) => sheet::export(&db, args),
        Command::ApplySheet(args) => sheet::apply(&db, args),
        Command::Show(args) => show::run(&db, args),
        Command::History(args) => history::run(&db, args),
        Command::Report(args) => report::run(&db, args),
        Command::Classify(args) => classify::run(&db, args),
        Command::Chain(args) => chain::run(&db, args),
        Command::Link(args) => link::link(&db, args),
        Command::Unlink(args) => link::unlink(&db, args),
        Command::Diff(args) => diff::run(&db, args),
        Command::Indicators(args) => indicators::run(&db, args),
        Command::Backup(args) => database::backup(&db, args),
        Command::Export(args) => database::export(&db, args),
        Command::Restore(args) => database::restore(&db, args),
        Command::Where => database::locate(&db),
        Command::Db(DbCommand::InitRoles) => db::init_roles(&db),
        Command::Db(DbCommand::Copy(args)) => db::copy(args),
        Command::Undo(args) => undo::run(&db, args),
        Command::Remove(args) => remove::run(&db, args),
    }
}

/// A mistake in how a command was called, found after clap parsed it: exits 2, like clap's own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Writes a message line on standard error, its control characters shown, not obeyed (it may
/// quote a file or a note). A closed standard error is not worth failing a command that has
/// already done its work.
fn say(message: impl std::fmt::Display) {
    use std::io::Write;
    let message = message.to_string();
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        crate::render::escape_controls(&message)
    );
}

/// `--db`, else `$TIPTRACK_DB` (clap reads both into `db`), else `tiptrack.db` in the user's
/// data directory (`$XDG_DATA_HOME/tiptrack`, usually `~/.local/share/tiptrack`, on Linux).
/// SQLite's special names (`:memory:`, `file:` URIs, the empty name of a temporary database)
/// are refused: each would make a database that is not the file the user meant, or none.
fn database_path(db: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = db {
        let text = path.to_string_lossy();
        let special = text.is_empty()
            || text == ":memory:"
            || text
                .get(..5)
                .is_some_and(|s| s.eq_ignore_ascii_case("file:"));
        if special {
            bail!(UsageError(format!(
                "--db '{text}' is not a database file: give the path of one (SQLite's special \
                 names, such as :memory: and file: URIs, are not accepted)"
            )));
        }
        return Ok(path);
    }
    let dirs = directories::ProjectDirs::from("", "", "tiptrack").context(
        "cannot find your home directory to keep the database in; give one with --db PATH",
    )?;
    Ok(dirs.data_dir().join("tiptrack.db"))
}

/// Who is acting, now. On SQLite: `--by`, else `$TIPTRACK_USER`, else the login name. On
/// PostgreSQL the server records who made a change (its session user, whatever the client
/// says): the role the connection logs in as, and `--by` is refused rather than ignored.
fn actor(db: &Path, by: Option<String>) -> Result<Actor> {
    if let Some(user) = store::server_user(db)? {
        if by.is_some() {
            bail!(UsageError(format!(
                "--by is not taken on a PostgreSQL database: the server records who makes each \
                 change ({user}, the role you log in as)"
            )));
        }
        return Ok(Actor::now(&user));
    }
    let given = |name: Option<String>| name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let name = given(by)
        .or_else(|| given(std::env::var("TIPTRACK_USER").ok()))
        .or_else(|| given(whoami::username().ok()))
        .unwrap_or_else(|| "unknown".to_string());
    Ok(Actor {
        name,
        at: store::now(),
    })
}

/// The ISO3 code of a `--country` option, if one is given, resolved as [`resolve_country`] does.
fn country_code(country: Option<&str>) -> Result<Option<String>> {
    country
        .map(|c| resolve_country(c).map(|c| c.iso3.to_string()))
        .transpose()
}

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

/// Checks a `--date` value: a real calendar date written YYYY-MM-DD, within
/// [`crate::period::DATE_YEARS`].
fn valid_date(flag: &str, value: Option<String>) -> Result<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    match crate::period::parse_date(&value) {
        Some(_) => Ok(Some(value)),
        None => bail!(
            "invalid date '{value}' for {flag}: {}",
            crate::period::DATE_FORM
        ),
    }
}

/// A `--since`/`--until` style day, checked; None when not given.
fn day(flag: &str, value: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    Ok(valid_date(flag, value.map(str::to_string))?
        .as_deref()
        .and_then(crate::period::parse_date))
}

/// A due date: YYYY-MM-DD, or `period-end:YEAR` for the end of that report year's period
/// (March 31 of YEAR).
fn due_date(flag: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if let Some(year) = value.strip_prefix("period-end:") {
        let year: i64 = match year.trim().parse() {
            Ok(year) if crate::period::REPORT_YEARS.contains(&year) => year,
            _ => bail!(
                "invalid report year '{year}' in {flag} {value}: use period-end:YEAR, e.g. \
                 period-end:2012 (March 31, 2012)"
            ),
        };
        return Ok(crate::period::Period { year }.end().to_string());
    }
    match valid_date(flag, Some(value.to_string())) {
        Ok(Some(date)) => Ok(date),
        _ => bail!(
            "invalid date '{value}' for {flag}: use YYYY-MM-DD (a year from 1990 to 2100), or \
             period-end:YEAR for March 31 of that report year"
        ),
    }
}

/// The days a `--period`, `--since` and `--until` keep to, both ends included.
fn date_range(
    dates: &crate::cli::DatesArgs,
) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)> {
    if let Some(year) = dates.period {
        let period = crate::period::Period { year };
        return Ok((Some(period.start()), Some(period.end())));
    }
    let since = day("--since", dates.since.as_deref())?;
    let until = day("--until", dates.until.as_deref())?;
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        bail!("--since {since} is after --until {until}");
    }
    Ok((since, until))
}

/// The owner, due-date and overdue filters, checked: (a part of an institution's name,
/// lowercased; a due date before which; overdue only).
fn assignment_filter(
    filter: crate::cli::AssignmentFilter,
) -> Result<(Option<String>, Option<String>, bool)> {
    let owner = filter
        .owner
        .map(|o| o.trim().to_lowercase())
        .filter(|o| !o.is_empty());
    let due_before = filter
        .due_before
        .as_deref()
        .map(|d| due_date("--due-before", d))
        .transpose()?;
    Ok((owner, due_before, filter.overdue))
}

/// Writes a file whole: into a temporary file beside it, then renamed over it, so that a failed
/// write leaves the old file as it was (and a missing folder creates nothing).
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Reads an input file whole. Only a regular file is read: a directory, a named pipe (which
/// would wait for a writer), a device (`/dev/zero` never ends) or a socket is refused, by what
/// it is, before it is opened.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    let kind = std::fs::metadata(path)?.file_type();
    if !kind.is_file() {
        bail!("it is {}, not a regular file", file_kind(kind));
    }
    Ok(std::fs::read(path)?)
}

/// What a file that is not a regular file is, in words.
fn file_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "something else"
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
