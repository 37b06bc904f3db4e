//! The command-line surface, as clap derive types; nothing else lives here.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{Action, Area, Status};

/// Track the recommendations of the US Trafficking in Persons Report, year after year.
#[derive(Debug, Parser)]
#[command(
    name = "tiptrack",
    version,
    about,
    max_term_width = 100,
    arg_required_else_help = true,
    after_help = TOP_EXAMPLES
)]
pub struct Cli {
    /// The database file [default: tiptrack.db in your data directory]
    #[arg(long, global = true, env = "TIPTRACK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Fit tables to N columns (0: no limit) [default: $COLUMNS, else the terminal's width, else
    /// 80]
    #[arg(long, global = true, value_name = "N")]
    pub width: Option<usize>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import country narratives and track their recommendations
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Set the status of one or more recommendations
    #[command(after_help = STATUS_EXAMPLES)]
    Status(StatusArgs),
    /// Add a note to a recommendation
    #[command(after_help = NOTE_EXAMPLES)]
    Note(NoteArgs),
    /// Record or list evidence about recommendations
    #[command(subcommand)]
    #[command(after_help = EVIDENCE_EXAMPLES)]
    Evidence(EvidenceCommand),
    /// Walk through the suggested evidence on a terminal: accept, reject, skip or quit
    #[command(after_help = REVIEW_EXAMPLES)]
    Review(ReviewArgs),
    /// List recommendations with their status
    #[command(after_help = LIST_EXAMPLES)]
    List(ListArgs),
    /// List asks: each recommendation followed across the reports that made it, once
    #[command(after_help = ASKS_EXAMPLES)]
    Asks(AsksArgs),
    /// Set who owns an ask (the lead institution, and supporting ones) and by when it is due
    #[command(after_help = ASSIGN_EXAMPLES)]
    Assign(AssignArgs),
    /// Show a country's tier year by year, or set the tier of one year's report
    #[command(after_help = TIER_EXAMPLES)]
    Tier(TierArgs),
    /// Write a country's dossier: its asks across the years with status, owner, evidence and
    /// notes, its tier and status history, its reported figures, and a submission draft
    #[command(after_help = DOSSIER_EXAMPLES)]
    Dossier(DossierArgs),
    /// Write a sheet of the asks still to do, for ministries to fill in (status, owner, due
    /// date, a new note)
    #[command(after_help = EXPORT_SHEET_EXAMPLES)]
    ExportSheet(ExportSheetArgs),
    /// Apply a filled-in sheet: every change in one transaction, recorded in the history
    #[command(after_help = APPLY_SHEET_EXAMPLES)]
    ApplySheet(ApplySheetArgs),
    /// Show everything about one recommendation
    #[command(after_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Show the change log, newest first
    #[command(after_help = HISTORY_EXAMPLES)]
    History(HistoryArgs),
    /// Print a progress report per country and report year (or per area or action)
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Correct the classification of a recommendation (its 3P area and/or kind of action)
    #[command(after_help = CLASSIFY_EXAMPLES)]
    Classify(ClassifyArgs),
    /// Show a recommendation's lineage across report years
    #[command(after_help = CHAIN_EXAMPLES)]
    Chain(ChainArgs),
    /// Link two recommendations: the later report repeats the earlier one's ask
    #[command(after_help = LINK_EXAMPLES)]
    Link(LinkArgs),
    /// Unlink two recommendations: not the same ask (never linked automatically again)
    #[command(after_help = UNLINK_EXAMPLES)]
    Unlink(LinkArgs),
    /// Compare a country's recommendations between two report years
    #[command(after_help = DIFF_EXAMPLES)]
    Diff(DiffArgs),
    /// Print the figures a country's narratives report, year by year
    #[command(after_help = INDICATORS_EXAMPLES)]
    Indicators(IndicatorsArgs),
    /// Take back your last command (again for the one before): recorded in the history
    #[command(after_help = UNDO_EXAMPLES)]
    Undo(UndoArgs),
    /// Remove an imported narrative and its items, after showing what goes (kept in the
    /// history: `undo`, or importing it again, brings it back)
    #[command(after_help = REMOVE_EXAMPLES)]
    Remove(RemoveArgs),
    /// Copy the database to a file, while others go on working (SQLite's online backup)
    #[command(after_help = BACKUP_EXAMPLES)]
    Backup(BackupArgs),
    /// Write the whole database, history included, as one JSON document (docs/export.md)
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Read a JSON export into a new or empty database
    #[command(after_help = RESTORE_EXAMPLES)]
    Restore(RestoreArgs),
    /// Tell which database is in use: its path, whether it exists, its schema version
    #[command(after_help = WHERE_EXAMPLES)]
    Where,
    /// Work on a whole database: PostgreSQL roles, copying between SQLite and PostgreSQL
    #[command(subcommand, after_help = DB_EXAMPLES)]
    Db(DbCommand),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on standard output
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The copy to write
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write the export to FILE (whole, or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `tiptrack db …`: whole-database work.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Create the tiptrack roles on a PostgreSQL database (docs/team.md): tiptrack_reader,
    /// tiptrack_analyst and tiptrack_admin, each with what it may do; grant them to login
    /// roles with GRANT
    #[command(name = "init-roles", after_help = DB_INIT_ROLES_EXAMPLES)]
    InitRoles,
    /// Copy a whole database, history included, from SQLite to PostgreSQL or back, into a
    /// new or empty one, and verify it: row counts and a checksum per table
    #[command(after_help = DB_COPY_EXAMPLES)]
    Copy(DbCopyArgs),
}

#[derive(Debug, Args)]
pub struct DbCopyArgs {
    /// The database to copy: an SQLite file, or a postgres:// URL
    #[arg(value_name = "FROM")]
    pub from: PathBuf,
    /// The new or empty database to copy it into: an SQLite file, or a postgres:// URL
    #[arg(value_name = "TO")]
    pub to: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The export to read (written by `tiptrack export`)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

// The examples each subcommand's help ends with; a unit test parses every one.
const TOP_EXAMPLES: &str = r#"Examples:
  tiptrack import tip-2011-kazakhstan.txt
  tiptrack list --status open
  tiptrack status KAZ-2011-4 addressed --note "Law adopted"
  tiptrack report

Each command's --help has examples of its own: tiptrack list --help"#;

const UNDO_EXAMPLES: &str = r#"Examples:
  tiptrack undo
  tiptrack undo --by "Ministry desk""#;

const REMOVE_EXAMPLES: &str = r#"Examples:
  tiptrack remove Kazakhstan 2012
  tiptrack remove KAZ 2012 --yes"#;

const BACKUP_EXAMPLES: &str = r#"Examples:
  tiptrack backup tiptrack-2026-12-02.db
  tiptrack backup /mnt/usb/tiptrack.db --force"#;

const EXPORT_EXAMPLES: &str = r#"Examples:
  tiptrack export -o tiptrack.json
  tiptrack export | gzip > tiptrack.json.gz"#;

const RESTORE_EXAMPLES: &str = r#"Examples:
  tiptrack --db restored.db restore tiptrack.json"#;

const WHERE_EXAMPLES: &str = r#"Examples:
  tiptrack where
  tiptrack --db team.db where"#;

const DB_EXAMPLES: &str = r#"Examples:
  tiptrack --db postgres://admin@db.example/tiptrack db init-roles
  tiptrack db copy tiptrack.db postgres://admin@db.example/tiptrack"#;

const DB_INIT_ROLES_EXAMPLES: &str = r#"Examples:
  tiptrack --db postgres://admin@db.example/tiptrack db init-roles
  tiptrack --db postgres://postgres@localhost/tiptrack db init-roles"#;

const DB_COPY_EXAMPLES: &str = r#"Examples:
  tiptrack db copy tiptrack.db postgres://admin@db.example/tiptrack
  tiptrack db copy postgres://admin@db.example/tiptrack laptop.db"#;

const EVIDENCE_EDIT_EXAMPLES: &str = r#"Examples:
  tiptrack evidence edit 11 --date 2012-04-01
  tiptrack evidence edit 11 --text "Three officials were convicted" --source """#;

const EVIDENCE_DELETE_EXAMPLES: &str = r#"Examples:
  tiptrack evidence delete 11"#;

const NOTE_EDIT_EXAMPLES: &str = r#"Examples:
  tiptrack note edit 3 "Asked the ministry for the 2012 budget""#;

const NOTE_DELETE_EXAMPLES: &str = r#"Examples:
  tiptrack note delete 3"#;

const COMPLETIONS_EXAMPLES: &str = r#"Examples:
  tiptrack completions bash > ~/.local/share/bash-completion/completions/tiptrack
  tiptrack completions zsh > ~/.zfunc/_tiptrack
  tiptrack completions fish > ~/.config/fish/completions/tiptrack.fish
  tiptrack completions powershell >> $PROFILE"#;

const MAN_EXAMPLES: &str = r#"Examples:
  tiptrack man > tiptrack.1
  tiptrack man | man -l -"#;

const EVIDENCE_ADD_EXAMPLES: &str = r#"Examples:
  tiptrack evidence add KAZ-2011-4 --year 2012 --text "The government adopted the law"
  tiptrack evidence add KAZ-2011-4 --year 2012 --text "Shelter opened" --date 2011-11-01 --source https://www.state.gov/"#;

const EVIDENCE_LIST_EXAMPLES: &str = r#"Examples:
  tiptrack evidence list KAZ-2011-4
  tiptrack evidence list --suggested --country Kazakhstan
  tiptrack evidence list --period 2012 --format csv > evidence.csv"#;

const EVIDENCE_SUGGEST_EXAMPLES: &str = r#"Examples:
  tiptrack evidence suggest
  tiptrack evidence suggest --country Kazakhstan"#;

const EVIDENCE_ACCEPT_EXAMPLES: &str = r#"Examples:
  tiptrack evidence accept 12
  tiptrack evidence accept 12 --assessment progress --note "The 2012 report confirms it""#;

const EVIDENCE_REJECT_EXAMPLES: &str = r#"Examples:
  tiptrack evidence reject 13"#;

const IMPORT_EXAMPLES: &str = r#"Examples:
  tiptrack import tip-2011-kazakhstan.txt
  tiptrack import 2023-tip-report.html --no-suggest
  tiptrack import narrative.txt --country Kazakhstan --year 2011 --dry-run
  pdftotext 2023-tip-report.pdf - | tiptrack import - --verbose"#;

const STATUS_EXAMPLES: &str = r#"Examples:
  tiptrack status KAZ-2011-4 addressed --note "Law adopted" --date 2012-03-15
  tiptrack status KAZ-2011-1 KAZ-2011-2 in-progress --by "Ministry desk""#;

const NOTE_EXAMPLES: &str = r#"Examples:
  tiptrack note KAZ-2011-4 "Asked the ministry for the 2012 figures""#;

const EVIDENCE_EXAMPLES: &str = r#"Examples:
  tiptrack evidence add KAZ-2011-4 --year 2012 --text "The government adopted the law"
  tiptrack evidence list --suggested --country Kazakhstan
  tiptrack evidence accept 12 --assessment progress"#;

const REVIEW_EXAMPLES: &str = r#"Examples:
  tiptrack review
  tiptrack review --country Kazakhstan
  tiptrack review --id KAZ-2011-4"#;

const LIST_EXAMPLES: &str = r#"Examples:
  tiptrack list --country Kazakhstan --year 2011
  tiptrack list --status open --status in-progress --area protection
  tiptrack list --search labor --format csv > items.csv
  tiptrack list --warnings"#;

const ASKS_EXAMPLES: &str = r#"Examples:
  tiptrack asks --country Kazakhstan --persistent 2
  tiptrack asks --owner ministry --overdue
  tiptrack asks --asked-again --format json"#;

const ASSIGN_EXAMPLES: &str = r#"Examples:
  tiptrack assign KAZ-2011-4 --owner "Ministry of Internal Affairs" --due period-end:2012
  tiptrack assign KAZ-2011-4 KAZ-2011-5 --support "Ministry of Justice""#;

const TIER_EXAMPLES: &str = r#"Examples:
  tiptrack tier Kazakhstan
  tiptrack tier Kazakhstan 2011 "Tier 2""#;

const DOSSIER_EXAMPLES: &str = r#"Examples:
  tiptrack dossier Kazakhstan -o kazakhstan.html
  tiptrack dossier KAZ --years 2011..2013 --period 2013 > kazakhstan.md
  tiptrack dossier Kazakhstan --format xlsx -o kazakhstan.xlsx"#;

const EXPORT_SHEET_EXAMPLES: &str = r#"Examples:
  tiptrack export-sheet --country Kazakhstan -o kazakhstan.xlsx
  tiptrack export-sheet --status open -o open.csv"#;

const APPLY_SHEET_EXAMPLES: &str = r#"Examples:
  tiptrack apply-sheet kazakhstan.xlsx --dry-run
  tiptrack apply-sheet kazakhstan.xlsx --by "Ministry desk""#;

const SHOW_EXAMPLES: &str = r#"Examples:
  tiptrack show KAZ-2011-4
  tiptrack show KAZ-2011-4 --format json"#;

const HISTORY_EXAMPLES: &str = r#"Examples:
  tiptrack history KAZ-2011-4
  tiptrack history --period 2012 --limit 20"#;

const REPORT_EXAMPLES: &str = r#"Examples:
  tiptrack report --country Kazakhstan
  tiptrack report --group-by area --as-of 2012-03-31
  tiptrack report --period 2013 --format csv > 2013.csv"#;

const CLASSIFY_EXAMPLES: &str = r#"Examples:
  tiptrack classify KAZ-2011-4 protection
  tiptrack classify KAZ-2011-4 prevention specific"#;

const CHAIN_EXAMPLES: &str = r#"Examples:
  tiptrack chain KAZ-2011-4
  tiptrack chain KAZ-2013-3 --format json"#;

const LINK_EXAMPLES: &str = r#"Examples:
  tiptrack link KAZ-2011-4 KAZ-2012-3"#;

const UNLINK_EXAMPLES: &str = r#"Examples:
  tiptrack unlink KAZ-2011-4 KAZ-2012-3"#;

const DIFF_EXAMPLES: &str = r#"Examples:
  tiptrack diff Kazakhstan 2011 2012"#;

const INDICATORS_EXAMPLES: &str = r#"Examples:
  tiptrack indicators Kazakhstan
  tiptrack indicators KAZ --format csv > figures.csv"#;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Narrative files to import ("-" reads standard input)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The report year, when the text does not state it (or states it wrongly)
    #[arg(long, value_parser = clap::value_parser!(i64).range(2000..=2100))]
    pub year: Option<i64>,

    /// The country (name or ISO 3166 alpha-3 code), when the text does not state it
    #[arg(long)]
    pub country: Option<String>,

    /// The files' text encoding: auto, utf-8, utf-16 or windows-1252
    #[arg(long, default_value = "auto", value_name = "ENCODING")]
    pub encoding: String,

    /// Show what would be imported (country, year, tier, sections, each recommendation) and
    /// write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Do not suggest evidence from the imported narratives (for a bulk load; `evidence suggest`
    /// does it afterwards)
    #[arg(long)]
    pub no_suggest: bool,

    /// Who is importing [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,

    /// Also for a whole report: a line per narrative on standard error, and the recommendations
    /// imported on standard output (a single narrative always gets them)
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One or more recommendation IDs (e.g. KAZ-2011-4), then the new status: open, in-progress,
    /// partially-addressed, addressed, not-addressed or superseded
    #[arg(required = true, num_args = 2.., value_name = "ID... STATUS")]
    pub ids_and_status: Vec<String>,

    /// Why: kept with the change in the history
    #[arg(long)]
    pub note: Option<String>,

    /// Who made the change [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,

    /// When the change took effect (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct NoteArgs {
    #[command(subcommand)]
    pub command: Option<NoteCommand>,
    /// The recommendation ID
    #[arg(required = true)]
    pub id: Option<String>,
    /// The note
    #[arg(required = true)]
    pub text: Option<String>,
    /// Who wrote it [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Record evidence about a recommendation
    #[command(after_help = EVIDENCE_ADD_EXAMPLES)]
    Add(EvidenceAddArgs),
    /// List evidence, for one recommendation or all
    #[command(after_help = EVIDENCE_LIST_EXAMPLES)]
    List(EvidenceListArgs),
    /// Re-run the matching of later narratives' sentences to earlier recommendations
    #[command(after_help = EVIDENCE_SUGGEST_EXAMPLES)]
    Suggest(EvidenceSuggestArgs),
    /// Accept a suggested piece of evidence (never changes a status)
    #[command(after_help = EVIDENCE_ACCEPT_EXAMPLES)]
    Accept(EvidenceAcceptArgs),
    /// Reject a suggested piece of evidence
    #[command(after_help = EVIDENCE_REJECT_EXAMPLES)]
    Reject(EvidenceRejectArgs),
    /// Correct a piece of evidence: its year, text, source or action date (the old values stay
    /// in the history)
    #[command(after_help = EVIDENCE_EDIT_EXAMPLES)]
    Edit(EvidenceEditArgs),
    /// Delete a piece of evidence (kept in the history; `undo` brings it back)
    #[command(after_help = EVIDENCE_DELETE_EXAMPLES)]
    Delete(EvidenceDeleteArgs),
}

#[derive(Debug, Args)]
pub struct EvidenceSuggestArgs {
    /// Only this country (name or ISO 3166 alpha-3 code)
    #[arg(long)]
    pub country: Option<String>,
    /// Who ran it [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvidenceAcceptArgs {
    /// The evidence ID (the `id` of `evidence list`)
    pub eid: i64,
    /// Your judgement: progress, no-progress or regression
    #[arg(long, value_parser = ["progress", "no-progress", "regression"])]
    pub assessment: Option<String>,
    /// Why
    #[arg(long)]
    pub note: Option<String>,
    /// Who decided [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvidenceRejectArgs {
    /// The evidence ID (the `id` of `evidence list`)
    pub eid: i64,
    /// Who decided [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Only this country's suggestions (name or ISO 3166 alpha-3 code)
    #[arg(long)]
    pub country: Option<String>,
    /// Only this recommendation's suggestions
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Who decides [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvidenceAddArgs {
    /// The recommendation ID
    pub id: String,
    /// The report year the evidence comes from
    #[arg(long, value_parser = clap::value_parser!(i64).range(2000..=2100))]
    pub year: i64,
    /// The evidence, e.g. a quote from a later report
    #[arg(long)]
    pub text: String,
    /// Where it comes from: a URL or a document
    #[arg(long)]
    pub source: Option<String>,
    /// When the action took place (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Who recorded it [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvidenceListArgs {
    /// Only this recommendation's evidence
    pub id: Option<String>,
    /// List the suggestions awaiting review instead of the accepted evidence: each sentence once
    /// per ask, with the years it appears in
    #[arg(long)]
    pub suggested: bool,
    /// With --suggested, every suggestion, a sentence again for each report and item it is
    /// suggested from and for
    #[arg(long, requires = "suggested")]
    pub each: bool,
    /// List the suggestions a user rejected instead of the accepted evidence
    #[arg(long, conflicts_with = "suggested")]
    pub rejected: bool,
    /// Only this country (name or ISO 3166 alpha-3 code)
    #[arg(long)]
    pub country: Option<String>,
    #[command(flatten)]
    pub dates: DatesArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this country (name or ISO 3166 alpha-3 code)
    #[arg(long)]
    pub country: Option<String>,
    /// Only this report year
    #[arg(long)]
    pub year: Option<i64>,
    /// Only these statuses (repeatable)
    #[arg(long = "status", value_name = "STATUS", value_enum, ignore_case = true)]
    pub statuses: Vec<Status>,
    /// Only this 3P area (repeatable)
    #[arg(long = "area", value_name = "AREA", value_enum, ignore_case = true)]
    pub areas: Vec<Area>,
    /// Only this kind of action (repeatable)
    #[arg(long = "action", value_name = "ACTION", value_enum, ignore_case = true)]
    pub actions: Vec<Action>,
    /// Only recommendations whose text contains this (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Also list items that a re-import no longer found in the text
    #[arg(long)]
    pub include_removed: bool,
    /// Only items whose ask at least N earlier reports made too
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(0..))]
    pub persistent: Option<i64>,
    #[command(flatten)]
    pub assignment: AssignmentFilter,
    /// List the importer's warnings (no recommendations block, an item cut off, an encoding
    /// guessed) instead of recommendations; --country and --year still apply
    #[arg(long, conflicts_with_all = ["statuses", "areas", "actions", "search", "include_removed",
                                      "persistent", "owner", "due_before", "overdue"])]
    pub warnings: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Filters on who owns an ask and when it is due.
#[derive(Debug, Args)]
pub struct AssignmentFilter {
    /// Only asks this institution leads or supports (a part of its name is enough, any case)
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Only asks due before this date (YYYY-MM-DD, or period-end:YEAR)
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
    /// Only asks past their due date and neither addressed, superseded nor not addressed
    #[arg(long)]
    pub overdue: bool,
}

#[derive(Debug, Args)]
pub struct AsksArgs {
    /// Only this country (name or ISO 3166 alpha-3 code)
    #[arg(long)]
    pub country: Option<String>,
    /// Only asks with these statuses (repeatable)
    #[arg(long = "status", value_name = "STATUS", value_enum, ignore_case = true)]
    pub statuses: Vec<Status>,
    #[command(flatten)]
    pub assignment: AssignmentFilter,
    /// Only asks that at least N earlier reports made too (made in more than N reports)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(0..))]
    pub persistent: Option<i64>,
    /// Only asks marked addressed that a later report made again
    #[arg(long)]
    pub asked_again: bool,
    /// Also list asks whose items a re-import no longer found in the text
    #[arg(long)]
    pub include_removed: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// One or more recommendation IDs: each one's ask is assigned
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// The lead institution, e.g. "Ministry of Internal Affairs" ("" clears it)
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// A supporting institution (repeatable; replaces the ask's list; "" clears it)
    #[arg(long = "support", value_name = "NAME")]
    pub supporting: Vec<String>,
    /// The due date: YYYY-MM-DD, or period-end:YEAR for March 31 of that report year ("" clears
    /// it)
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Who made the change [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct TierArgs {
    /// The country (name or ISO 3166 alpha-3 code)
    pub country: String,
    /// The report year whose tier to set (with TIER)
    #[arg(value_parser = clap::value_parser!(i64).range(2000..=2100), requires = "tier")]
    pub year: Option<i64>,
    /// The tier: "Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3" or "Special Case"
    pub tier: Option<String>,
    /// Who made the change [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DossierArgs {
    /// The country (name or ISO 3166 alpha-3 code)
    pub country: String,
    /// Only the asks made in these report years: YEAR, or FIRST..LAST
    #[arg(long, value_name = "Y1..Y2")]
    pub years: Option<String>,
    /// Add a draft of the government's submission for this report year's period (April 1 of
    /// the year before to March 31): per ask still to do, what is dated within it
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i64).range(2000..=2100))]
    pub period: Option<i64>,
    /// Also the suggested evidence awaiting review
    #[arg(long)]
    pub suggestions: bool,
    /// The format [default: from the -o file's extension, else markdown]
    #[arg(long, value_enum)]
    pub format: Option<DossierFormat>,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportSheetArgs {
    /// Only this country (name or ISO 3166 alpha-3 code)
    #[arg(long)]
    pub country: Option<String>,
    /// Only asks with these statuses [default: all but addressed and superseded] (repeatable)
    #[arg(long = "status", value_name = "STATUS", value_enum, ignore_case = true)]
    pub statuses: Vec<Status>,
    #[command(flatten)]
    pub assignment: AssignmentFilter,
    /// Without the UTF-8 byte-order mark that a CSV sheet gets so that Excel reads it as UTF-8
    #[arg(long)]
    pub no_bom: bool,
    /// The sheet to write: FILE.xlsx or FILE.csv
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ApplySheetArgs {
    /// The filled-in sheet (.xlsx, or .csv with or without a byte-order mark)
    pub file: PathBuf,
    /// Print the changes it would make, and make none
    #[arg(long)]
    pub dry_run: bool,
    /// Who is applying it [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// How a dossier is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DossierFormat {
    /// One self-contained page, with charts, that prints cleanly
    Html,
    /// For pandoc and word processors
    Markdown,
    /// A workbook: sheets Asks, Items, Evidence, Notes, Figures (needs -o FILE)
    Xlsx,
    /// The same content, for scripts
    Json,
}

/// A reporting period or dates to keep to.
#[derive(Debug, Args)]
pub struct DatesArgs {
    /// Only what is dated within this report year's period (April 1 of the year before to
    /// March 31)
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i64).range(2000..=2100),
          conflicts_with_all = ["since", "until"])]
    pub period: Option<i64>,
    /// Only what is dated on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only what is dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The recommendation ID
    pub id: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this recommendation's changes
    pub id: Option<String>,
    /// At most this many entries
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    #[command(flatten)]
    pub dates: DatesArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this country (name or ISO 3166 alpha-3 code)
    #[arg(long)]
    pub country: Option<String>,
    /// Only this report year
    #[arg(long)]
    pub year: Option<i64>,
    /// Only recommendations of this 3P area (repeatable)
    #[arg(long = "area", value_name = "AREA", value_enum, ignore_case = true)]
    pub areas: Vec<Area>,
    /// Only recommendations of this kind of action (repeatable)
    #[arg(long = "action", value_name = "ACTION", value_enum, ignore_case = true)]
    pub actions: Vec<Action>,
    /// One row per country and year, per 3P area, per kind of action or per lead institution
    #[arg(long, value_enum, value_name = "ROWS", default_value_t = ReportBy::Country)]
    pub group_by: ReportBy,
    /// Was the grouping (now --group-by); `--by` names who acts in every other command, and
    /// here is refused with a pointer to --group-by
    #[arg(long, hide = true, value_name = "ROWS")]
    pub by: Option<String>,
    /// The statuses as they were on this day (YYYY-MM-DD), from the history
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// The statuses at the end of this report year's period (the asks of the reports out by then,
    /// which that year's report judges), and how many asks changed status within it
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i64).range(2000..=2100),
          conflicts_with_all = ["as_of", "since", "until"])]
    pub period: Option<i64>,
    /// Count the asks whose status changed on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Count the asks whose status changed on or before this day, and give the statuses as of
    /// it (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", conflicts_with = "as_of")]
    pub until: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// What a report's rows stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    /// One row per country and report year
    Country,
    /// One row per 3P area
    Area,
    /// One row per kind of action
    Action,
    /// One row per lead institution
    Owner,
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// The recommendation ID
    pub id: String,
    /// The corrected area (prosecution, protection, prevention, partnership) and/or kind of
    /// action (continuing, considering, general, specific)
    #[arg(required = true, num_args = 1..=2, value_name = "AREA|ACTION")]
    pub values: Vec<String>,
    /// Who made the correction [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ChainArgs {
    /// The recommendation ID
    pub id: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// One recommendation ID
    pub id1: String,
    /// The other recommendation's ID, of the same country and another report year
    pub id2: String,
    /// Who made the correction [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The country (name or ISO 3166 alpha-3 code)
    pub country: String,
    /// The earlier report year
    #[arg(value_parser = clap::value_parser!(i64).range(2000..=2100))]
    pub year1: i64,
    /// The later report year
    #[arg(value_parser = clap::value_parser!(i64).range(2000..=2100))]
    pub year2: i64,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    /// The country (name or ISO 3166 alpha-3 code)
    pub country: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// With --format csv: start with a UTF-8 byte-order mark, so that Excel reads the file as
    /// UTF-8 (curly quotes and accents shown right)
    #[arg(long)]
    pub bom: bool,
}

/// How data is written to standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

/// `note edit` and `note delete`.
#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Replace a note's text (the old text stays in the history)
    #[command(after_help = NOTE_EDIT_EXAMPLES)]
    Edit(NoteEditArgs),
    /// Delete a note (kept in the history; `undo` brings it back)
    #[command(after_help = NOTE_DELETE_EXAMPLES)]
    Delete(NoteDeleteArgs),
}

#[derive(Debug, Args)]
pub struct NoteEditArgs {
    /// The note's id (the `id` of each note in `show ID --format json`)
    pub note: i64,
    /// The new text
    pub text: String,
    /// Who made the change [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct NoteDeleteArgs {
    /// The note's id (the `id` of each note in `show ID --format json`)
    pub note: i64,
    /// Who made the change [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvidenceEditArgs {
    /// The evidence ID (the `id` of `evidence list`)
    pub eid: i64,
    /// The report year the evidence comes from
    #[arg(long, value_parser = clap::value_parser!(i64).range(2000..=2100))]
    pub year: Option<i64>,
    /// The evidence text
    #[arg(long)]
    pub text: Option<String>,
    /// Where it comes from ("" clears it)
    #[arg(long)]
    pub source: Option<String>,
    /// When the action took place, YYYY-MM-DD ("" clears it)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Who made the change [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvidenceDeleteArgs {
    /// The evidence ID (the `id` of `evidence list`)
    pub eid: i64,
    /// Who made the change [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Whose last command to take back [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The country (name or ISO 3166 alpha-3 code)
    pub country: String,
    /// The report year
    pub year: i64,
    /// Remove without asking (needed when not at a terminal)
    #[arg(long)]
    pub yes: bool,
    /// Who removes it [default: $TIPTRACK_USER, then your login name]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

// The statuses, areas and actions on the command line: clap lists the valid names in the help,
// refuses any other with exit 2 and suggests the closest ("did you mean").
impl ValueEnum for Status {
    fn value_variants<'a>() -> &'a [Self] {
        &Status::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        // The underscore spellings are the ones `FromStr` also takes.
        let value = PossibleValue::new(self.as_str());
        Some(match self {
            Status::InProgress => value.alias("in_progress"),
            Status::PartiallyAddressed => value.alias("partially_addressed"),
            Status::NotAddressed => value.alias("not_addressed"),
            _ => value,
        })
    }
}

impl ValueEnum for Area {
    fn value_variants<'a>() -> &'a [Self] {
        &Area::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let value = PossibleValue::new(self.as_str());
        Some(if *self == Area::Partnership {
            value.aliases(["other", "partnership/other"])
        } else {
            value
        })
    }
}

impl ValueEnum for Action {
    fn value_variants<'a>() -> &'a [Self] {
        &Action::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Splits an example line as a shell would; stops at a pipe, a redirection or `&&`.
    fn words(line: &str) -> Vec<String> {
        let mut words = shell_words::split(line).expect("an example is a shell command line");
        let end = words
            .iter()
            .position(|w| ["|", ">", ">>", "&&"].contains(&w.as_str()))
            .unwrap_or(words.len());
        words.truncate(end);
        words
    }

    fn check_examples(command: &clap::Command, path: &str) -> usize {
        let mut checked = 0;
        let help = command
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(help.starts_with("Examples:\n"), "{path} has no examples");
        for line in help.lines().filter(|l| l.starts_with("  ")) {
            // An example may begin with the command that feeds tiptrack.
            let start = line.find("tiptrack ").unwrap_or(0);
            let words = words(&line[start..]);
            assert!(words.len() > 1, "{path}: {line}");
            if let Err(err) = Cli::try_parse_from(&words) {
                panic!("{path}: the example does not parse: {line}\n{err}");
            }
            checked += 1;
        }
        for sub in command.get_subcommands() {
            checked += check_examples(sub, &format!("{path} {}", sub.get_name()));
        }
        checked
    }

    #[test]
    fn every_subcommand_has_examples_that_parse() {
        let command = Cli::command();
        command.clone().debug_assert();
        assert!(check_examples(&command, "tiptrack") > 60);
    }
}
