//! The only module that writes data: tables, JSON, CSV and Markdown on standard output, and the
//! one-line messages that tell what a command changed.
//!
//! As ripgrep's printer, it is cut two ways. One writer per format: [`table`] (box-drawing on a
//! terminal, plain ASCII in a file or a pipe, either fitted to a width), [`csv`] (RFC
//! 4180, with cells a spreadsheet would run as a formula neutralised), [`markdown`] and [`json`].
//! One builder per view in [`views`]: each turns model values into what every format shows of
//! them, so that a view cannot lack a format. JSON is the model values themselves (their field
//! names are an interface, see docs/json.md), CSV is records in a `Grid`, tables and Markdown
//! are a `Document` of headings, lines and grids. [`messages`] formats, once, each line that
//! tells a change ("KAZ-2011-4: open -> addressed"). [`controls`] shows the control characters
//! of text meant for a person (tables, Markdown, messages, errors) as `\u{1b}`, never obeyed.
//!
//! The country dossier is a document rather than a table: [`html`] writes it as one page with
//! [`svg`] charts, [`dossier_markdown`] as Markdown, [`xlsx`] as a workbook (which also writes
//! the sheets of `export-sheet`), and JSON is the model itself.

pub mod controls;
mod csv;
mod document;
pub mod dossier_markdown;
mod grid;
pub mod html;
mod json;
mod markdown;
pub mod messages;
mod stream;
pub mod svg;
mod table;
mod views;
pub mod xlsx;

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::Result;

use crate::cli::Format;
use crate::indicators::Indicators;
use crate::model::{
    Ask, ChainEntry, Diff, Event, Evidence, NarrativeImport, NarrativeWarning, Recommendation,
    RecommendationDetail, TierYear,
};
use crate::report::Report;

use views::View;

pub use controls::escape_controls;
pub use stream::EvidenceStream;
// The paths these had before the renderer was split.
pub use messages::{item_of_ask, status_message, status_warnings};
pub use views::review::review_card;
// The JSON and CSV field names: a documented, stable interface.
pub use views::asks::ASK_FIELDS;
pub use views::chain::CHAIN_FIELDS;
pub use views::evidence::EVIDENCE_FIELDS;
pub use views::history::EVENT_FIELDS;
pub use views::list::RECOMMENDATION_FIELDS;
pub use views::tiers::TIER_FIELDS;
pub use views::warnings::WARNING_FIELDS;

/// A word with its first letter in capitals: an area's name as a heading.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// A sheet for spreadsheets as CSV (RFC 4180, formulas neutralised as every CSV here), with a
/// UTF-8 byte-order mark when `bom` is set: the bytes of the file.
pub fn sheet_csv(header: &[&str], rows: Vec<Vec<String>>, bom: bool) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    csv::write(&mut out, &grid::Grid::with_rows(header, rows))?;
    Ok(out)
}

/// The `--width` the command line gave, if any: set once, before a command runs.
static WIDTH_FLAG: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();

/// Tables fit this many columns (`--width N`; 0 sets no limit).
pub fn set_width(width: Option<usize>) {
    let _ = WIDTH_FLAG.set(width);
}

/// The width tables fit, None for no limit: `--width`, else `$COLUMNS`, else the terminal's
/// width, else 80 (a file or a pipe has no width of its own; 80 reads well in a pager).
fn table_width(terminal: bool) -> Option<usize> {
    let flag = WIDTH_FLAG.get().copied().flatten();
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0)
    };
    let terminal_width = || {
        terminal
            .then(|| terminal_size::terminal_size_of(io::stdout()))
            .flatten()
            .map(|(width, _)| usize::from(width.0))
    };
    let width = flag.or_else(columns).or_else(terminal_width).unwrap_or(80);
    (width > 0).then_some(width)
}

/// Where output goes, whether it is a terminal, and the width tables fit.
pub struct Output<W: Write> {
    out: W,
    terminal: bool,
    width: Option<usize>,
    /// CSV starts with a UTF-8 byte-order mark.
    bom: bool,
}

impl Output<BufWriter<io::StdoutLock<'static>>> {
    /// Standard output, buffered: a 4,000-row report is one write, not 4,000.
    pub fn stdout() -> Self {
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        Output {
            out: BufWriter::new(stdout.lock()),
            terminal,
            width: table_width(terminal),
            bom: false,
        }
    }
}

impl<W: Write> Output<W> {
    /// Output to any writer, not treated as a terminal, with tables at no width limit.
    pub fn new(out: W) -> Self {
        Output {
            out,
            terminal: false,
            width: None,
            bom: false,
        }
    }

    /// CSV with a UTF-8 byte-order mark (for spreadsheets), when `bom` is set.
    pub fn with_bom(mut self, bom: bool) -> Self {
        self.bom = bom;
        self
    }

    /// Recommendations, as `list` and `import` show them.
    pub fn recommendations(self, items: &[Recommendation], format: Format) -> Result<()> {
        self.view(&views::list::List(items), format)
    }

    /// Asks, as `asks` lists them.
    pub fn asks(self, asks: &[Ask], format: Format) -> Result<()> {
        self.view(&views::asks::Asks(asks), format)
    }

    /// A country's tiers by year.
    pub fn tiers(self, tiers: &[TierYear], format: Format) -> Result<()> {
        self.view(&views::tiers::Tiers(tiers), format)
    }

    /// What `db copy` copied, table by table, verified.
    pub fn copied(self, tables: &[crate::store::CopiedTable], format: Format) -> Result<()> {
        self.view(&views::copied::Copied(tables), format)
    }

    /// What an import would store (`import --dry-run`).
    pub fn preview(self, imports: &[NarrativeImport], format: Format) -> Result<()> {
        self.view(&views::preview::Preview::new(imports), format)
    }

    /// The importer's stored warnings.
    pub fn warnings(self, warnings: &[NarrativeWarning], format: Format) -> Result<()> {
        self.view(&views::warnings::Warnings(warnings), format)
    }

    /// One recommendation with its ask, notes, evidence and history.
    pub fn detail(self, detail: &RecommendationDetail, format: Format) -> Result<()> {
        self.view(&views::detail::Detail(detail), format)
    }

    /// Evidence, accepted or suggested.
    pub fn evidence(self, items: &[Evidence], format: Format) -> Result<()> {
        self.view(&views::evidence::EvidenceList(items), format)
    }

    /// History events, newest first.
    pub fn history(self, events: &[Event], format: Format) -> Result<()> {
        self.view(&views::history::History(events), format)
    }

    /// Counts of asks by status.
    pub fn report(self, report: &Report, format: Format) -> Result<()> {
        self.view(&views::report::ReportView(report), format)
    }

    /// A recommendation's lineage across report years.
    pub fn chain(self, chain: &[ChainEntry], format: Format) -> Result<()> {
        self.view(&views::chain::Chain(chain), format)
    }

    /// Two report years of a country compared.
    pub fn diff(self, diff: &Diff, format: Format) -> Result<()> {
        self.view(&views::diff::DiffView(diff), format)
    }

    /// A country's reported figures, year by year.
    pub fn indicators(self, indicators: &Indicators, format: Format) -> Result<()> {
        self.view(&views::indicators::IndicatorsView(indicators), format)
    }

    /// Writes a view in a format, then flushes, so that a write error (such as a closed pipe)
    /// surfaces here.
    fn view(mut self, view: &impl View, format: Format) -> Result<()> {
        match format {
            Format::Json => json::write(&mut self.out, view.model())?,
            Format::Csv => {
                if self.bom {
                    self.out.write_all("\u{feff}".as_bytes())?;
                }
                csv::write(&mut self.out, &view.records()?)?
            }
            // A table shows control characters rather than obeying them; the Markdown writer
            // escapes them with the rest. JSON and CSV carry the text as stored.
            Format::Table => {
                let document = view.document().controls_escaped();
                table::write_document(&mut self.out, &document, self.terminal, self.width)?;
                if view.leave_to_exit() {
                    std::mem::forget(document);
                }
            }
            Format::Markdown => {
                let document = view.document();
                markdown::write_document(&mut self.out, &document)?;
                if view.leave_to_exit() {
                    std::mem::forget(document);
                }
            }
        }
        self.out.flush()?;
        Ok(())
    }
}
