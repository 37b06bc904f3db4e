//! The command-line surface, as clap derive types; nothing else lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Track the recommendations of the US Trafficking in Persons Report, year after year.
#[derive(Debug, Parser)]
#[command(
    name = "tiptrack",
    version,
    about,
    max_term_width = 100,
    arg_required_else_help = true
)]
pub struct Cli {
    /// The database file [default: tiptrack.db in your data directory]
    #[arg(long, global = true, env = "TIPTRACK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import country narratives and track their recommendations
    Import(ImportArgs),
    /// Set the status of one or more recommendations
    Status(StatusArgs),
    /// Add a note to a recommendation
    Note(NoteArgs),
    /// Record or list evidence about recommendations
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// Walk through the suggested evidence on a terminal: accept, reject, skip or quit
    Review(ReviewArgs),
    /// List recommendations with their status
    List(ListArgs),
    /// List asks: each recommendation followed across the reports that made it, once
    Asks(AsksArgs),
    /// Set who owns an ask (the lead institution, and supporting ones) and by when it is due
    Assign(AssignArgs),
    /// Show a country's tier year by year, or set the tier of one year's report
    Tier(TierArgs),
    /// Write a country's dossier: its asks across the years with status, owner, evidence and
    /// notes, its tier and status history, its reported figures, and a submission draft
    Dossier(DossierArgs),
    /// Write a sheet of the asks still to do, for ministries to fill in (status, owner, due
    /// date, a new note)
    ExportSheet(ExportSheetArgs),
    /// Apply a filled-in sheet: every change in one transaction, recorded in the history
    ApplySheet(ApplySheetArgs),
    /// Show everything about one recommendation
    Show(ShowArgs),
    /// Show the change log, newest first
    History(HistoryArgs),
    /// Print a progress report per country and report year (or per area or action)
    Report(ReportArgs),
    /// Correct the classification of a recommendation (its 3P area and/or kind of action)
    Classify(ClassifyArgs),
    /// Show a recommendation's lineage across report years
    Chain(ChainArgs),
    /// Link two recommendations: the later report repeats the earlier one's ask
    Link(LinkArgs),
    /// Unlink two recommendations: not the same ask (never linked automatically again)
    Unlink(LinkArgs),
    /// Compare a country's recommendations between two report years
    Diff(DiffArgs),
    /// Print the figures a country's narratives report, year by year
    Indicators(IndicatorsArgs),
    /// Take back your last command (again for the one before): recorded in the history
    Undo(UndoArgs),
    /// Remove an imported narrative and its items, after showing what goes (kept in the
    /// history: `undo`, or importing it again, brings it back)
    Remove(RemoveArgs),
    /// Copy the database to a file, while others go on working (SQLite's online backup)
    Backup(BackupArgs),
    /// Write the whole database, history included, as one JSON document (docs/export.md)
    Export(ExportArgs),
    /// Read a JSON export into a new or empty database
    Restore(RestoreArgs),
    /// Tell which database is in use: its path, whether it exists, its schema version
    Where,
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

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The export to read (written by `tiptrack export`)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

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
    Add(EvidenceAddArgs),
    /// List evidence, for one recommendation or all
    List(EvidenceListArgs),
    /// Re-run the matching of later narratives' sentences to earlier recommendations
    Suggest(EvidenceSuggestArgs),
    /// Accept a suggested piece of evidence (never changes a status)
    Accept(EvidenceAcceptArgs),
    /// Reject a suggested piece of evidence
    Reject(EvidenceRejectArgs),
    /// Correct a piece of evidence: its year, text, source or action date (the old values stay
    /// in the history)
    Edit(EvidenceEditArgs),
    /// Delete a piece of evidence (kept in the history; `undo` brings it back)
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
    #[arg(long = "status", value_name = "STATUS")]
    pub statuses: Vec<String>,
    /// Only this 3P area: prosecution, protection, prevention or partnership (repeatable)
    #[arg(long = "area", value_name = "AREA")]
    pub areas: Vec<String>,
    /// Only this kind of action: continuing, considering, general or specific (repeatable)
    #[arg(long = "action", value_name = "ACTION")]
    pub actions: Vec<String>,
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
    #[arg(long = "status", value_name = "STATUS")]
    pub statuses: Vec<String>,
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
    #[arg(long = "status", value_name = "STATUS")]
    pub statuses: Vec<String>,
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
    #[arg(long = "area", value_name = "AREA")]
    pub areas: Vec<String>,
    /// Only recommendations of this kind of action (repeatable)
    #[arg(long = "action", value_name = "ACTION")]
    pub actions: Vec<String>,
    /// One row per country and year, per 3P area, per kind of action or per lead institution
    #[arg(long, value_enum, default_value_t = ReportBy::Country)]
    pub by: ReportBy,
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
    Edit(NoteEditArgs),
    /// Delete a note (kept in the history; `undo` brings it back)
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
