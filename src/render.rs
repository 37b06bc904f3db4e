//! The only module that writes data: tables, JSON, CSV and Markdown on standard output.
//!
//! Tables fit the terminal's width on a terminal and fall back to plain ASCII, unwrapped, when
//! output goes to a file or a pipe. JSON field names are an interface (see the README). CSV is
//! RFC 4180, with cells that a spreadsheet would run as a formula neutralised.

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::Result;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::Format;
use crate::indicators::{Cell, Indicators};
use crate::model::{
    Action, Area, ChainEntry, Diff, DiffItem, Event, Evidence, NarrativeImport, NarrativeWarning,
    Recommendation, RecommendationDetail, SectionKind, Status, Tier,
};
use crate::report::{Report, ReportRow, RowKey};

/// The JSON (and CSV) field names of the model types: a documented, stable interface.
pub const RECOMMENDATION_FIELDS: &[&str] = &[
    "id",
    "country",
    "iso3",
    "year",
    "tier",
    "position",
    "text",
    "truncated",
    "area",
    "action",
    "status",
    "updated_at",
    "repeats",
    "ask",
    "owner",
    "supporting",
    "due",
    "asked_again",
];
pub const CHAIN_FIELDS: &[&str] = &[
    "id",
    "year",
    "status",
    "link",
    "score",
    "linked_by",
    "dropped",
    "merged_into",
    "split_from",
    "text",
];
pub const ASK_FIELDS: &[&str] = &[
    "id",
    "country",
    "iso3",
    "first_year",
    "latest_year",
    "reports",
    "years",
    "tiers",
    "latest",
    "text",
    "area",
    "status",
    "status_date",
    "status_set_on",
    "asked_again",
    "owner",
    "supporting",
    "due",
    "overdue",
    "still_made",
    "merged_into",
    "split_from",
];
pub const TIER_FIELDS: &[&str] = &["year", "tier", "previous_tier", "change", "set_by"];
/// A diff in CSV: one row per item, the two years' country, years and tiers in front.
const DIFF_FIELDS: &[&str] = &[
    "country",
    "iso3",
    "year1",
    "year2",
    "tier1",
    "tier2",
    "change",
    "earlier",
    "earlier_status",
    "later",
    "later_status",
    "score",
    "text",
];
pub const EVIDENCE_FIELDS: &[&str] = &[
    "id",
    "recommendation",
    "year",
    "text",
    "source",
    "date",
    "added_by",
    "added_at",
    "state",
    "section",
    "paragraph",
    "start",
    "end",
    "score",
    "reason",
    "commitment",
    "assessment",
    "note",
    "outside_period",
];
pub const WARNING_FIELDS: &[&str] = &["country", "iso3", "year", "source", "message"];
pub const EVENT_FIELDS: &[&str] = &[
    "id",
    "recommendation",
    "iso3",
    "year",
    "kind",
    "old_value",
    "new_value",
    "note",
    "date",
    "actor",
    "at",
    "outside_period",
];
const REPORT_FIELDS: &[&str] = &[
    "country",
    "iso3",
    "year",
    "tier",
    "previous_tier",
    "tier_change",
    "area",
    "action",
    "owner",
    "total",
    "open",
    "in-progress",
    "partially-addressed",
    "addressed",
    "not-addressed",
    "superseded",
    "addressed_pct",
    "asked_before",
    "asked_again",
    "overdue",
    "changed",
];

/// One narrative of `import --dry-run`, for JSON.
#[derive(Serialize)]
struct Preview<'a> {
    source: &'a str,
    encoding: &'a str,
    country: &'a str,
    iso3: &'a str,
    year: i64,
    tier: Option<Tier>,
    sections: Vec<PreviewSection<'a>>,
    recommendations: Vec<PreviewItem<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct PreviewSection<'a> {
    kind: SectionKind,
    heading: Option<&'a str>,
}

#[derive(Serialize)]
struct PreviewItem<'a> {
    position: usize,
    text: &'a str,
    truncated: bool,
    area: Area,
    action: Action,
}

/// One recommendation of `import --dry-run`, for CSV: the narrative's fields, then the item's.
#[derive(Serialize)]
struct PreviewRow<'a> {
    source: &'a str,
    country: &'a str,
    iso3: &'a str,
    year: i64,
    tier: Option<Tier>,
    #[serde(flatten)]
    item: &'a PreviewItem<'a>,
}

const PREVIEW_FIELDS: &[&str] = &[
    "source",
    "country",
    "iso3",
    "year",
    "tier",
    "position",
    "text",
    "truncated",
    "area",
    "action",
];

impl<'a> From<&'a NarrativeImport> for Preview<'a> {
    fn from(import: &'a NarrativeImport) -> Self {
        Preview {
            source: &import.source_name,
            encoding: &import.encoding,
            country: &import.country,
            iso3: &import.iso3,
            year: import.year,
            tier: import.tier,
            sections: import
                .parsed
                .sections
                .iter()
                .map(|s| PreviewSection {
                    kind: s.kind,
                    heading: s.heading.as_deref(),
                })
                .collect(),
            recommendations: import
                .parsed
                .recommendations
                .iter()
                .enumerate()
                .map(|(i, r)| PreviewItem {
                    position: i + 1,
                    text: &r.text,
                    truncated: r.truncated,
                    area: r.area,
                    action: r.action,
                })
                .collect(),
            warnings: &import.parsed.warnings,
        }
    }
}

/// Rows with a header, the shape shared by table, CSV and Markdown output.
struct Grid {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

/// The values' fields as a grid: the JSON field names as header, one row per value.
/// `fields` names the columns when there are no values to take them from.
fn fields_grid<T: Serialize>(values: &[T], fields: &[&str]) -> Result<Grid> {
    let mut grid = Grid {
        header: header(fields),
        rows: Vec::new(),
    };
    for value in values {
        let serde_json::Value::Object(fields) = serde_json::to_value(value)? else {
            anyhow::bail!("internal error: a CSV row is not a JSON object");
        };
        grid.header = fields.keys().cloned().collect();
        grid.rows.push(fields.values().map(cell_text).collect());
    }
    Ok(grid)
}

/// A JSON value as a CSV cell: strings as they are, lists joined by "; ".
fn cell_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(cell_text).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

/// Where output goes, and whether it is a terminal.
pub struct Output<W: Write> {
    out: W,
    terminal: bool,
}

impl Output<BufWriter<io::StdoutLock<'static>>> {
    /// Standard output, buffered: a 4,000-row report is one write, not 4,000.
    pub fn stdout() -> Self {
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        Output {
            out: BufWriter::new(stdout.lock()),
            terminal,
        }
    }
}

impl<W: Write> Output<W> {
    /// Output to any writer, not treated as a terminal.
    pub fn new(out: W) -> Self {
        Output {
            out,
            terminal: false,
        }
    }

    /// Asks, as `asks` lists them.
    pub fn asks(mut self, asks: &[crate::model::Ask], format: Format) -> Result<()> {
        let with_country = asks.windows(2).any(|w| w[0].iso3 != w[1].iso3);
        let mut names = vec!["Ask"];
        if with_country {
            names.push("Country");
        }
        names.extend([
            "Years",
            "Status",
            "Owner",
            "Due",
            "Still made",
            "Latest",
            "Recommendation (latest)",
        ]);
        let rows = asks
            .iter()
            .map(|a| {
                let mut row = vec![a.id.clone()];
                if with_country {
                    row.push(a.country.clone());
                }
                row.push(ask_years(&a.years));
                row.push(ask_status(a));
                row.push(owner_cell(a.owner.as_deref(), &a.supporting));
                row.push(due_cell(a.due.as_deref(), a.overdue));
                row.push(match (&a.merged_into, a.still_made) {
                    (Some(into), _) => format!("no (merged into {into})"),
                    (None, true) => "yes".to_string(),
                    (None, false) => "no".to_string(),
                });
                row.push(a.latest.clone());
                row.push(a.text.clone());
                row
            })
            .collect();
        self.emit(
            asks,
            ASK_FIELDS,
            Grid {
                header: header(&names),
                rows,
            },
            format,
        )?;
        self.finish()
    }

    /// A country's tiers by year.
    pub fn tiers(mut self, tiers: &[crate::model::TierYear], format: Format) -> Result<()> {
        let rows = tiers
            .iter()
            .map(|t| {
                vec![
                    t.year.to_string(),
                    t.tier
                        .map_or_else(|| "(not stated)".to_string(), |t| t.to_string()),
                    match (t.change, t.previous_tier) {
                        (Some(change), Some(before)) if change.as_str() != "unchanged" => {
                            format!("{} (from {before})", change.as_str())
                        }
                        (Some(change), _) => change.as_str().to_string(),
                        _ => String::new(),
                    },
                    if t.set_by == "user" {
                        "user".to_string()
                    } else {
                        "report".to_string()
                    },
                ]
            })
            .collect();
        let grid = Grid {
            header: header(&["Year", "Tier", "Change", "From"]),
            rows,
        };
        self.emit(tiers, TIER_FIELDS, grid, format)?;
        self.finish()
    }

    /// Recommendations, as `list` and `import` show them.
    pub fn recommendations(mut self, items: &[Recommendation], format: Format) -> Result<()> {
        self.write_recommendations(items, format)?;
        self.finish()
    }

    /// What an import would store (`import --dry-run`).
    pub fn preview(mut self, imports: &[NarrativeImport], format: Format) -> Result<()> {
        let previews: Vec<Preview<'_>> = imports.iter().map(Preview::from).collect();
        match format {
            Format::Json => self.json(&previews)?,
            Format::Csv => {
                let items: Vec<PreviewRow<'_>> = previews
                    .iter()
                    .flat_map(|p| {
                        p.recommendations.iter().map(move |item| PreviewRow {
                            source: p.source,
                            country: p.country,
                            iso3: p.iso3,
                            year: p.year,
                            tier: p.tier,
                            item,
                        })
                    })
                    .collect();
                self.csv(&fields_grid(&items, PREVIEW_FIELDS)?)?;
            }
            Format::Table | Format::Markdown => {
                for (index, p) in previews.iter().enumerate() {
                    if index > 0 {
                        writeln!(self.out)?;
                    }
                    let title = format!(
                        "{}: {} ({}) {}, {}",
                        p.source,
                        p.country,
                        p.iso3,
                        p.year,
                        p.tier.map_or("tier not stated", |t| t.as_str())
                    );
                    if format == Format::Markdown {
                        writeln!(self.out, "## {title}\n")?;
                    } else {
                        writeln!(self.out, "{title}")?;
                    }
                    writeln!(self.out, "Encoding: {}", p.encoding)?;
                    writeln!(
                        self.out,
                        "Sections: {}",
                        p.sections
                            .iter()
                            .map(|s| s.kind.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )?;
                    for warning in p.warnings {
                        writeln!(self.out, "Warning: {warning}")?;
                    }
                    let grid = Grid {
                        header: header(&["#", "Area", "Action", "Recommendation"]),
                        rows: p
                            .recommendations
                            .iter()
                            .map(|item| {
                                let mut text = item.text.to_string();
                                if item.truncated {
                                    text.push_str(" [cut off]");
                                }
                                vec![
                                    item.position.to_string(),
                                    item.area.to_string(),
                                    item.action.to_string(),
                                    text,
                                ]
                            })
                            .collect(),
                    };
                    if format == Format::Markdown {
                        writeln!(self.out)?;
                    }
                    self.grid(&grid, format)?;
                }
            }
        }
        self.finish()
    }

    /// The importer's stored warnings.
    pub fn warnings(mut self, warnings: &[NarrativeWarning], format: Format) -> Result<()> {
        let grid = Grid {
            header: header(&["Country", "Year", "Source", "Warning"]),
            rows: warnings
                .iter()
                .map(|w| {
                    vec![
                        w.country.clone(),
                        w.year.to_string(),
                        w.source.clone(),
                        w.message.clone(),
                    ]
                })
                .collect(),
        };
        self.emit(warnings, WARNING_FIELDS, grid, format)?;
        self.finish()
    }

    /// One recommendation with its notes, evidence and history.
    pub fn detail(mut self, detail: &RecommendationDetail, format: Format) -> Result<()> {
        self.write_detail(detail, format)?;
        self.finish()
    }

    pub fn evidence(mut self, items: &[Evidence], format: Format) -> Result<()> {
        self.write_evidence(items, format)?;
        self.finish()
    }

    pub fn history(mut self, events: &[Event], format: Format) -> Result<()> {
        self.write_history(events, format)?;
        self.finish()
    }

    pub fn report(mut self, report: &Report, format: Format) -> Result<()> {
        self.write_report(report, format)?;
        self.finish()
    }

    /// A recommendation's lineage across report years.
    pub fn chain(mut self, chain: &[ChainEntry], format: Format) -> Result<()> {
        let grid = Grid {
            header: header(&["Year", "ID", "Status", "Link", "Score", "Recommendation"]),
            rows: chain
                .iter()
                .map(|e| {
                    let mut status = e.status.to_string();
                    if e.dropped {
                        status.push_str(" (dropped)");
                    }
                    if let Some(into) = &e.merged_into {
                        status.push_str(&format!(" (merged into {into})"));
                    }
                    let mut link = e.link.map_or_else(String::new, |k| k.to_string());
                    if e.linked_by.as_deref() == Some("user") {
                        link.push_str(" (user)");
                    }
                    if let Some(from) = &e.split_from {
                        link = format!("split from {from}");
                    }
                    vec![
                        e.year.to_string(),
                        e.id.clone(),
                        status,
                        link,
                        score(e.score),
                        e.text.clone(),
                    ]
                })
                .collect(),
        };
        self.emit(chain, CHAIN_FIELDS, grid, format)?;
        self.finish()
    }

    /// Two report years of a country compared.
    pub fn diff(mut self, diff: &Diff, format: Format) -> Result<()> {
        match format {
            Format::Json => self.json(diff)?,
            Format::Csv => {
                #[derive(Serialize)]
                struct Row<'a> {
                    country: &'a str,
                    iso3: &'a str,
                    year1: i64,
                    year2: i64,
                    tier1: Option<Tier>,
                    tier2: Option<Tier>,
                    #[serde(flatten)]
                    item: &'a DiffItem,
                }
                let rows: Vec<Row<'_>> = diff
                    .items
                    .iter()
                    .map(|item| Row {
                        country: &diff.country,
                        iso3: &diff.iso3,
                        year1: diff.year1,
                        year2: diff.year2,
                        tier1: diff.tier1,
                        tier2: diff.tier2,
                        item,
                    })
                    .collect();
                self.csv(&fields_grid(&rows, DIFF_FIELDS)?)?;
            }
            Format::Table | Format::Markdown => {
                let tier = |t: Option<Tier>| t.map_or("tier not stated", |t| t.as_str());
                let title = format!(
                    "{} ({}) {} -> {}",
                    diff.country, diff.iso3, diff.year1, diff.year2
                );
                let tiers = if diff.tier1 == diff.tier2 {
                    format!("Tier: {} (unchanged)", tier(diff.tier1))
                } else {
                    format!("Tier: {} -> {}", tier(diff.tier1), tier(diff.tier2))
                };
                if format == Format::Markdown {
                    writeln!(self.out, "## {title}\n\n{tiers}\n")?;
                } else {
                    writeln!(self.out, "{title}\n{tiers}")?;
                }
                let status = |s: Option<Status>| s.map_or_else(String::new, |s| s.to_string());
                let grid = Grid {
                    header: header(&[
                        "Change",
                        "Earlier",
                        "Later",
                        "Status",
                        "Score",
                        "Recommendation",
                    ]),
                    rows: diff
                        .items
                        .iter()
                        .map(|i| {
                            let status = match (i.earlier_status, i.later_status) {
                                (Some(a), Some(b)) if a != b => format!("{a} -> {b}"),
                                (a, b) => status(b.or(a)),
                            };
                            vec![
                                i.change.as_str().to_string(),
                                i.earlier.clone().unwrap_or_default(),
                                i.later.clone().unwrap_or_default(),
                                status,
                                score(i.score),
                                i.text.clone(),
                            ]
                        })
                        .collect(),
                };
                self.grid(&grid, format)?;
            }
        }
        self.finish()
    }

    /// A country's reported figures, year by year. A figure another report gave differently
    /// shows the other values: "88 (49 in 2012 report)".
    pub fn indicators(mut self, indicators: &Indicators, format: Format) -> Result<()> {
        if format == Format::Json {
            self.json(indicators)?;
            return self.finish();
        }
        let cell = |c: &Option<Cell>| {
            let Some(c) = c else { return String::new() };
            let mut text = c.value.to_string();
            if !c.conflicts.is_empty() {
                let others: Vec<String> = c
                    .conflicts
                    .iter()
                    .map(|o| format!("{} in {} report", o.value, o.report_year))
                    .collect();
                text.push_str(&format!(" ({})", others.join("; ")));
            }
            text
        };
        let grid = Grid {
            header: header(&[
                "Year",
                "Investigations",
                "Prosecutions",
                "Convictions",
                "Victims identified",
                "Victims assisted",
                "Funding",
            ]),
            rows: indicators
                .years
                .iter()
                .map(|r| {
                    vec![
                        r.year.to_string(),
                        cell(&r.investigations),
                        cell(&r.prosecutions),
                        cell(&r.convictions),
                        cell(&r.victims_identified),
                        cell(&r.victims_assisted),
                        cell(&r.funding),
                    ]
                })
                .collect(),
        };
        self.grid(&grid, format)?;
        self.finish()
    }

    /// Flushes, so that a write error (such as a closed pipe) surfaces here.
    fn finish(mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }

    fn write_recommendations(&mut self, items: &[Recommendation], format: Format) -> Result<()> {
        let with_country = items
            .windows(2)
            .any(|w| (&w[0].iso3, w[0].year) != (&w[1].iso3, w[1].year));
        let mut names = vec!["ID"];
        if with_country {
            names.push("Country");
        }
        // The repeat count and the ask only where some ask recurs, the owner only where some
        // ask has one, so that plain lists stay narrow.
        let with_repeats = items.iter().any(|r| r.repeats > 0 || r.ask != r.id);
        let with_owner = items.iter().any(|r| r.owner.is_some() || r.due.is_some());
        names.push("Status");
        if with_repeats {
            names.extend(["Ask", "Repeats"]);
        }
        if with_owner {
            names.extend(["Owner", "Due"]);
        }
        names.extend(["Area", "Action", "Recommendation"]);
        let today = crate::period::today();
        let header = header(&names);
        let rows = items
            .iter()
            .map(|r| {
                let mut row = vec![r.id.clone()];
                if with_country {
                    row.push(r.country.clone());
                }
                let mut status = r.status.to_string();
                if r.asked_again {
                    status.push_str(" (asked again)");
                }
                if r.position.is_none() {
                    status.push_str(" (removed)");
                }
                if r.truncated {
                    status.push_str(" (cut off)");
                }
                row.push(status);
                if with_repeats {
                    row.extend([r.ask.clone(), r.repeats.to_string()]);
                }
                if with_owner {
                    let overdue = crate::ask::overdue(r.status, r.due.as_deref(), today);
                    row.extend([
                        owner_cell(r.owner.as_deref(), &r.supporting),
                        due_cell(r.due.as_deref(), overdue),
                    ]);
                }
                row.extend([r.area.to_string(), r.action.to_string(), r.text.clone()]);
                row
            })
            .collect();
        self.emit(items, RECOMMENDATION_FIELDS, Grid { header, rows }, format)
    }

    /// One recommendation with its notes, evidence and history.
    fn write_detail(&mut self, detail: &RecommendationDetail, format: Format) -> Result<()> {
        match format {
            Format::Json => self.json(detail),
            Format::Csv => {
                // CSV has one shape: the item's fields as key/value rows, then one row per note,
                // piece of evidence and event.
                // The item's fields are its JSON fields, so the two cannot drift apart.
                let fields = fields_grid(
                    std::slice::from_ref(&detail.recommendation),
                    RECOMMENDATION_FIELDS,
                )?;
                let values = fields.rows.into_iter().next().unwrap_or_default();
                let mut rows: Vec<Vec<String>> = fields
                    .header
                    .into_iter()
                    .zip(values)
                    .map(|(field, value)| vec![field, value])
                    .collect();
                rows.extend(detail.line.iter().map(|e| {
                    vec![
                        "ask_item".into(),
                        format!("{} {}: {}", e.year, e.id, e.text),
                    ]
                }));
                rows.extend(
                    detail
                        .warnings
                        .iter()
                        .map(|w| vec!["warning".into(), w.clone()]),
                );
                rows.extend(
                    detail
                        .notes
                        .iter()
                        .map(|n| vec!["note".into(), note_line(n)]),
                );
                rows.extend(
                    detail
                        .evidence
                        .iter()
                        .map(|e| vec!["evidence".into(), evidence_line(e)]),
                );
                rows.extend(
                    detail
                        .history
                        .iter()
                        .map(|e| vec!["history".into(), event_line(e)]),
                );
                self.csv(&Grid {
                    header: header(&["field", "value"]),
                    rows,
                })
            }
            Format::Table | Format::Markdown => {
                let r = &detail.recommendation;
                let markdown = format == Format::Markdown;
                let heading = |text: &str| {
                    if markdown {
                        format!("## {text}")
                    } else {
                        text.to_string()
                    }
                };
                writeln!(
                    self.out,
                    "{}",
                    heading(&format!("{} ({} {}, {})", r.id, r.country, r.year, tier(r)))
                )?;
                writeln!(self.out)?;
                writeln!(self.out, "{}", r.text)?;
                writeln!(self.out)?;
                let removed = if r.position.is_none() {
                    " (no longer in the narrative)"
                } else {
                    ""
                };
                let ask = &detail.ask;
                writeln!(
                    self.out,
                    "Ask: {}, made in {} ({} report{}){}",
                    ask.id,
                    ask_years(&ask.years),
                    ask.reports,
                    if ask.reports == 1 { "" } else { "s" },
                    match (&ask.merged_into, ask.still_made) {
                        (Some(into), _) => format!("; merged into {into}'s ask"),
                        (None, true) => "; the latest report still makes it".to_string(),
                        (None, false) => "; the latest report no longer makes it".to_string(),
                    }
                )?;
                if let Some(from) = &ask.split_from {
                    writeln!(
                        self.out,
                        "Split from: {from} (its ask goes on through another item)"
                    )?;
                }
                let mut status = format!("Status: {}{removed}", r.status);
                if let (Some(date), Some(on)) = (&ask.status_date, &ask.status_set_on) {
                    status.push_str(&format!(" since {date} (set on {on})"));
                }
                writeln!(self.out, "{status}")?;
                if ask.asked_again {
                    writeln!(
                        self.out,
                        "Asked again after addressed: a later report made it again (the report \
                         does not count it done)"
                    )?;
                }
                if ask.owner.is_some() || !ask.supporting.is_empty() || ask.due.is_some() {
                    let mut line = format!(
                        "Owner: {}",
                        or_none(&owner_cell(ask.owner.as_deref(), &ask.supporting))
                    );
                    if let Some(due) = &ask.due {
                        line.push_str(&format!("; due {}", due_cell(Some(due), ask.overdue)));
                    }
                    writeln!(self.out, "{line}")?;
                }
                writeln!(self.out, "Area: {}; action: {}", r.area, r.action)?;
                if r.truncated {
                    writeln!(
                        self.out,
                        "Cut off: the imported copy ends inside this recommendation"
                    )?;
                }
                writeln!(self.out, "Updated: {}", r.updated_at)?;
                for warning in &detail.warnings {
                    writeln!(self.out, "Import warning: {warning}")?;
                }
                let parts = [
                    (
                        "The ask, year by year".to_string(),
                        Grid {
                            header: header(&["Year", "ID", "Link", "Score", "Recommendation"]),
                            rows: detail
                                .line
                                .iter()
                                .map(|e| {
                                    vec![
                                        e.year.to_string(),
                                        e.id.clone(),
                                        e.link.map(|l| l.to_string()).unwrap_or_default(),
                                        score(e.score),
                                        e.text.clone(),
                                    ]
                                })
                                .collect(),
                        },
                    ),
                    (
                        "Notes on the ask".to_string(),
                        Grid {
                            header: header(&["When", "On", "By", "Note"]),
                            rows: detail
                                .notes
                                .iter()
                                .map(|n| {
                                    vec![
                                        n.created_at.clone(),
                                        n.recommendation.clone(),
                                        n.author.clone(),
                                        n.text.clone(),
                                    ]
                                })
                                .collect(),
                        },
                    ),
                    (
                        "Evidence on the ask".to_string(),
                        evidence_grid(&detail.evidence),
                    ),
                    (
                        format!("History of {}", r.id),
                        history_grid(&detail.history),
                    ),
                ];
                for (title, grid) in parts {
                    writeln!(self.out)?;
                    writeln!(self.out, "{}", heading(&title))?;
                    if grid.rows.is_empty() {
                        writeln!(self.out, "{}", if markdown { "_none_" } else { "(none)" })?;
                    } else if markdown {
                        writeln!(self.out)?;
                        self.markdown(&grid)?;
                    } else {
                        self.table(&grid)?;
                    }
                }
                Ok(())
            }
        }
    }

    fn write_evidence(&mut self, items: &[Evidence], format: Format) -> Result<()> {
        self.emit(items, EVIDENCE_FIELDS, evidence_grid(items), format)
    }

    fn write_history(&mut self, events: &[Event], format: Format) -> Result<()> {
        self.emit(events, EVENT_FIELDS, history_grid(events), format)
    }

    fn write_report(&mut self, report: &Report, format: Format) -> Result<()> {
        if format == Format::Json {
            return self.json(report);
        }
        if format == Format::Csv {
            return self.report_csv(report);
        }
        let window = report.total.changed.is_some();
        let key_names: &[&str] = match report.rows.first().map(|r| &r.key) {
            Some(RowKey::Area { .. }) => &["Area"],
            Some(RowKey::Action { .. }) => &["Action"],
            Some(RowKey::Owner { .. }) => &["Owner"],
            _ => &["Country", "Year", "Tier", "Tier change"],
        };
        let mut names = key_names.to_vec();
        names.push("Asks");
        // Spaces, not the statuses' hyphens, so that a narrow terminal wraps headers at words.
        names.extend(Status::ALL.map(|s| match s {
            Status::Open => "open",
            Status::InProgress => "in progress",
            Status::PartiallyAddressed => "partially addressed",
            Status::Addressed => "addressed",
            Status::NotAddressed => "not addressed",
            Status::Superseded => "superseded",
        }));
        names.extend(["% addressed", "asked before", "asked again", "overdue"]);
        if window {
            names.push("changed");
        }
        let pct = |p: Option<f64>| p.map_or_else(|| "-".to_string(), |p| format!("{p:.1}"));
        let counts = |row: &ReportRow| {
            let mut cells = vec![row.total.to_string()];
            cells.extend(Status::ALL.map(|s| row.tally.get(s).to_string()));
            cells.push(pct(row.addressed_pct));
            cells.push(row.asked_before.to_string());
            cells.push(row.asked_again.to_string());
            cells.push(row.overdue.to_string());
            if let Some(changed) = row.changed {
                cells.push(changed.to_string());
            }
            cells
        };
        let keys = |key: &RowKey| match key {
            RowKey::Year {
                country,
                year,
                tier,
                previous_tier,
                tier_change,
                ..
            } => vec![
                country.clone(),
                year.to_string(),
                tier.map_or_else(String::new, |t| t.to_string()),
                match (tier_change, previous_tier) {
                    (Some(change), Some(before)) if change.as_str() != "unchanged" => {
                        format!("{} (from {before})", change.as_str())
                    }
                    (Some(change), _) => change.as_str().to_string(),
                    _ => String::new(),
                },
            ],
            RowKey::Country { country, .. } => vec![
                country.clone(),
                "all years".to_string(),
                String::new(),
                String::new(),
            ],
            RowKey::Area { area } => vec![area.to_string()],
            RowKey::Action { action } => vec![action.to_string()],
            RowKey::Owner { owner } => vec![owner.clone().unwrap_or_else(|| "(none)".into())],
        };
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (index, row) in report.rows.iter().enumerate() {
            let mut cells = keys(&row.key);
            cells.extend(counts(row));
            rows.push(cells);
            // After a country's last year, its asks over all its reports, each once.
            let iso3 = |key: &RowKey| match key {
                RowKey::Year { iso3, .. } => Some(iso3.clone()),
                _ => None,
            };
            let this = iso3(&row.key);
            let next = report.rows.get(index + 1).and_then(|r| iso3(&r.key));
            let previous = index
                .checked_sub(1)
                .and_then(|i| report.rows.get(i))
                .and_then(|r| iso3(&r.key));
            // Where it says more than its one year row, or than the total.
            if this.is_some() && this != next && this == previous && report.countries.len() > 1 {
                let country = report.countries.iter().find(|c| {
                    matches!(&c.key, RowKey::Country { iso3, .. } if Some(iso3) == this.as_ref())
                });
                if let Some(country) = country {
                    let mut cells = keys(&country.key);
                    cells.extend(counts(country));
                    rows.push(cells);
                }
            }
        }
        let total = &report.total;
        let mut cells = vec![String::new(); key_names.len()];
        cells[0] = "Total".to_string();
        cells.extend(counts(&ReportRow {
            key: RowKey::Owner { owner: None },
            total: total.total,
            tally: total.tally,
            addressed_pct: total.addressed_pct,
            asked_before: total.asked_before,
            asked_again: total.asked_again,
            overdue: total.overdue,
            changed: total.changed,
        }));
        rows.push(cells);
        self.grid(
            &Grid {
                header: header(&names),
                rows,
            },
            format,
        )
    }

    /// JSON and CSV carry every field of the model values, under the JSON names; tables and
    /// Markdown show the grid, which is made for reading.
    fn emit<T: Serialize>(
        &mut self,
        values: &[T],
        fields: &[&str],
        grid: Grid,
        format: Format,
    ) -> Result<()> {
        match format {
            Format::Json => self.json(&values),
            Format::Csv => self.csv(&fields_grid(values, fields)?),
            _ => self.grid(&grid, format),
        }
    }

    /// The report's rows under their JSON names (the fields its rows have), then each
    /// country's row over all years (`year` "all"), then a total row whose first cell is
    /// "Total".
    fn report_csv(&mut self, report: &Report) -> Result<()> {
        let mut values: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
        let object = |value: serde_json::Value| match value {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        for row in report.rows.iter().chain(&report.countries) {
            let mut map = object(serde_json::to_value(row)?);
            if matches!(row.key, RowKey::Country { .. }) {
                map.insert("year".into(), "all".into());
            }
            values.push(map);
        }
        let mut total = object(serde_json::to_value(&report.total)?);
        total.remove("rows");
        let first = values
            .first()
            .and_then(|v| v.keys().next().cloned())
            .unwrap_or_else(|| "country".into());
        total.insert(first, "Total".into());
        values.push(total);
        let fields: Vec<&str> = REPORT_FIELDS
            .iter()
            .copied()
            .filter(|f| values.iter().any(|v| v.contains_key(*f)))
            .collect();
        let grid = Grid {
            header: header(&fields),
            rows: values
                .iter()
                .map(|v| {
                    fields
                        .iter()
                        .map(|f| match v.get(*f) {
                            None | Some(serde_json::Value::Null) => String::new(),
                            Some(serde_json::Value::String(s)) => s.clone(),
                            Some(other) => other.to_string(),
                        })
                        .collect()
                })
                .collect(),
        };
        self.csv(&grid)
    }

    fn grid(&mut self, grid: &Grid, format: Format) -> Result<()> {
        match format {
            Format::Table => self.table(grid),
            Format::Csv => self.csv(grid),
            Format::Markdown => self.markdown(grid),
            Format::Json => unreachable!("JSON is written from the model values, not a grid"),
        }
    }

    fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, value)?;
        writeln!(self.out)?;
        Ok(())
    }

    fn table(&mut self, grid: &Grid) -> Result<()> {
        if !self.terminal {
            return self.plain_table(grid);
        }
        // To fit a narrow terminal, a header wider than its column's content stands on several
        // lines, and no column is squeezed below its longest word (up to 15 characters), so that
        // wrapping happens between words, in the long text columns. When even that does not
        // fit, comfy-table shares out the width as it can.
        let columns = grid.header.len();
        let mut content_width = vec![0; columns];
        let mut longest_word: Vec<usize> = grid
            .header
            .iter()
            .map(|h| {
                h.split_whitespace()
                    .map(UnicodeWidthStr::width)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &grid.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                content_width[i] = content_width[i].max(text_width(cell));
                let word = cell.split_whitespace().map(UnicodeWidthStr::width).max();
                longest_word[i] = longest_word[i].max(word.unwrap_or(0));
            }
        }
        let header: Vec<String> = grid
            .header
            .iter()
            .zip(&content_width)
            .map(|(name, &width)| {
                if text_width(name) > width {
                    name.replace(' ', "\n")
                } else {
                    name.clone()
                }
            })
            .collect();
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(header);
        for row in &grid.rows {
            table.add_row(row.clone());
        }
        // comfy-table's widths include the cell's padding, one space on each side, and each
        // column has a border.
        let floors: Vec<usize> = longest_word.iter().map(|w| w.min(&15) + 2).collect();
        let needed = floors.iter().sum::<usize>() + columns + 1;
        if table
            .width()
            .is_some_and(|width| needed <= usize::from(width))
        {
            for (column, floor) in table.column_iter_mut().zip(floors) {
                let floor = u16::try_from(floor).unwrap_or(u16::MAX);
                column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(floor)));
            }
        }
        writeln!(self.out, "{table}")?;
        Ok(())
    }

    /// A table for files and pipes: plain ASCII, never wrapped (there is no width to fit). It
    /// draws what comfy-table's ASCII_FULL_CONDENSED style draws (with junctions in the header
    /// rule), without comfy-table's per-cell layout work, which took 30 ms for a 4,000-row
    /// report.
    fn plain_table(&mut self, grid: &Grid) -> Result<()> {
        let mut widths: Vec<usize> = grid.header.iter().map(|h| text_width(h)).collect();
        for row in &grid.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(text_width(cell));
            }
        }
        let rule = |fill: char| -> String {
            let parts: Vec<String> = widths
                .iter()
                .map(|w| fill.to_string().repeat(w + 2))
                .collect();
            format!("+{}+\n", parts.join("+"))
        };
        // Written row by row: a report of 30,000 items is not built up as one string first.
        let mut line = rule('-');
        write_plain_row(&mut line, &widths, &grid.header);
        line.push_str(&rule('='));
        self.out.write_all(line.as_bytes())?;
        for row in &grid.rows {
            line.clear();
            write_plain_row(&mut line, &widths, row);
            self.out.write_all(line.as_bytes())?;
        }
        self.out.write_all(rule('-').as_bytes())?;
        Ok(())
    }

    fn csv(&mut self, grid: &Grid) -> Result<()> {
        // RFC 4180 ends records with CRLF.
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut self.out);
        writer.write_record(&grid.header)?;
        for row in &grid.rows {
            writer.write_record(row.iter().map(|cell| neutralise_formula(cell).into_owned()))?;
        }
        writer.flush()?;
        Ok(())
    }

    fn markdown(&mut self, grid: &Grid) -> Result<()> {
        let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
        writeln!(
            self.out,
            "{}",
            line(grid.header.iter().map(|h| markdown_cell(h)).collect())
        )?;
        writeln!(
            self.out,
            "{}",
            line(grid.header.iter().map(|_| "---".to_string()).collect())
        )?;
        for row in &grid.rows {
            writeln!(
                self.out,
                "{}",
                line(row.iter().map(|c| markdown_cell(c)).collect())
            )?;
        }
        Ok(())
    }
}

/// Display width of the widest line of a cell.
fn text_width(cell: &str) -> usize {
    cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// One row of a plain table; a cell of several lines makes the row that many lines high.
fn write_plain_row(text: &mut String, widths: &[usize], cells: &[String]) {
    let height = cells
        .iter()
        .map(|c| c.lines().count())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut lines: Vec<std::str::Lines<'_>> = cells.iter().map(|c| c.lines()).collect();
    for _ in 0..height {
        text.push('|');
        for (width, cell_lines) in widths.iter().zip(lines.iter_mut()) {
            let line = cell_lines.next().unwrap_or("");
            text.push(' ');
            text.push_str(line);
            text.extend(std::iter::repeat_n(' ', width - line.width() + 1));
            text.push('|');
        }
        text.push('\n');
    }
}

fn tier(r: &Recommendation) -> String {
    r.tier
        .map_or_else(|| "tier not stated".to_string(), |t| t.to_string())
}

fn note_line(n: &crate::model::Note) -> String {
    format!("{} {}: {}", n.created_at, n.author, n.text)
}

fn evidence_line(e: &Evidence) -> String {
    let mut line = format!("[{}] {}", e.year, e.text);
    if let Some(date) = &e.date {
        line.push_str(&format!(" (action {date})"));
    }
    if let Some(source) = &e.source {
        line.push_str(&format!(" <{source}>"));
    }
    line
}

fn event_line(e: &Event) -> String {
    let mut line = format!("{} {} {}", e.at, e.actor, describe_change(e));
    if let Some(note) = &e.note {
        line.push_str(&format!(" ({note})"));
    }
    line
}

fn evidence_grid(items: &[Evidence]) -> Grid {
    // Sentences drawn from narratives get the columns a reviewer needs instead.
    if items.iter().any(|e| e.start.is_some()) {
        return suggestion_grid(items);
    }
    Grid {
        header: header(&[
            "ID",
            "Year",
            "Evidence",
            "Source",
            "Action date",
            "Added by",
            "Added at",
        ]),
        rows: items
            .iter()
            .map(|e| {
                vec![
                    e.recommendation.clone(),
                    e.year.to_string(),
                    e.text.clone(),
                    e.source.clone().unwrap_or_default(),
                    match &e.date {
                        Some(date) if e.outside_period => {
                            format!("{date} (outside the {} period)", e.year)
                        }
                        date => date.clone().unwrap_or_default(),
                    },
                    e.added_by.clone(),
                    e.added_at.clone(),
                ]
            })
            .collect(),
    }
}

fn suggestion_grid(items: &[Evidence]) -> Grid {
    Grid {
        header: header(&[
            "EID", "ID", "Year", "State", "Section", "Para", "Score", "Matched", "Sentence",
        ]),
        rows: items
            .iter()
            .map(|e| {
                let mut sentence = e.text.clone();
                if e.commitment {
                    sentence.insert_str(0, "(commitment) ");
                }
                vec![
                    e.id.to_string(),
                    e.recommendation.clone(),
                    e.year.to_string(),
                    e.state.clone(),
                    e.section.clone().unwrap_or_default(),
                    e.paragraph.map_or_else(String::new, |p| p.to_string()),
                    e.score.map_or_else(String::new, |s| format!("{s:.2}")),
                    e.reason.clone().unwrap_or_default(),
                    sentence,
                ]
            })
            .collect(),
    }
}

fn history_grid(events: &[Event]) -> Grid {
    Grid {
        header: header(&["When", "ID", "Change", "Note", "Date", "By"]),
        rows: events
            .iter()
            .map(|e| {
                vec![
                    e.at.clone(),
                    e.recommendation
                        .clone()
                        .unwrap_or_else(|| format!("{}-{}", e.iso3, e.year)),
                    describe_change(e),
                    e.note.clone().unwrap_or_default(),
                    match &e.date {
                        Some(date) if e.outside_period => {
                            format!("{date} (before the ask could be answered)")
                        }
                        date => date.clone().unwrap_or_default(),
                    },
                    e.actor.clone(),
                ]
            })
            .collect(),
    }
}

/// A history event in words, for tables.
fn describe_change(e: &Event) -> String {
    let old = e.old_value.as_deref().unwrap_or("");
    let new = e.new_value.as_deref().unwrap_or("");
    match e.kind.as_str() {
        "status" => format!("status: {old} -> {new}"),
        "created" => "imported".to_string(),
        "import" => format!("narrative imported from {new}"),
        "reimport" => format!("narrative text updated from {new}"),
        "tier" => format!("tier: {} -> {}", or_none(old), or_none(new)),
        "text" => format!("text reworded, was: {old}"),
        "position" => format!("position: {} -> {new}", or_none(old)),
        "removed" => format!("no longer in the narrative (was position {old})"),
        "note" => format!("note: {new}"),
        "evidence" => format!("evidence: {new}"),
        "accept" => format!("accepted ({old}) {new}"),
        "reject" => format!("rejected ({old}) {new}"),
        "link" => format!("linked to {new}"),
        "unlink" => format!("unlinked from {old}"),
        "assign" => format!("assigned: {} -> {}", or_none(old), or_none(new)),
        other => format!("{other}: {old} -> {new}"),
    }
}

/// A link's score in a table, two decimals.
fn score(score: Option<f64>) -> String {
    score.map_or_else(String::new, |s| format!("{s:.2}"))
}

fn or_none(value: &str) -> &str {
    if value.is_empty() { "none" } else { value }
}

/// A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) would run as a
/// formula in a spreadsheet; a leading apostrophe makes it text, as OWASP recommends.
fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn markdown_cell(cell: &str) -> String {
    if !cell.contains(['\\', '|', '\n']) {
        return cell.to_string();
    }
    cell.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

/// The years an ask was made: "2011, 2012, 2013".
fn ask_years(years: &[i64]) -> String {
    years
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// An ask's status, with "(asked again)" when a later report made it again after it was marked
/// addressed.
fn ask_status(ask: &crate::model::Ask) -> String {
    if ask.asked_again {
        format!("{} (asked again)", ask.status)
    } else {
        ask.status.to_string()
    }
}

/// "Ministry of Internal Affairs (with Ministry of Justice, Prosecutor General)".
fn owner_cell(owner: Option<&str>, supporting: &[String]) -> String {
    let lead = owner.unwrap_or("");
    match (lead.is_empty(), supporting.is_empty()) {
        (_, true) => lead.to_string(),
        (true, false) => format!("(with {})", supporting.join(", ")),
        (false, false) => format!("{lead} (with {})", supporting.join(", ")),
    }
}

/// A due date, marked when overdue.
fn due_cell(due: Option<&str>, overdue: bool) -> String {
    match due {
        Some(due) if overdue => format!("{due} (overdue)"),
        Some(due) => due.to_string(),
        None => String::new(),
    }
}

/// The line a status change is told in: "KAZ-2011-4: open -> addressed", with the ask named
/// when the item is not its first ("KAZ-2012-2 (ask KAZ-2011-4): ...").
pub fn status_message(change: &crate::store::StatusChange) -> String {
    use crate::store::StatusChange;
    match change {
        StatusChange::Changed {
            id, ask, from, to, ..
        } if from == to => format!("{}: {to} again (confirmed)", item_of_ask(id, ask)),
        StatusChange::Changed {
            id, ask, from, to, ..
        } => format!("{}: {from} -> {to}", item_of_ask(id, ask)),
        StatusChange::Unchanged {
            id,
            ask,
            status,
            noted: false,
        } => format!(
            "{}: already {status}; nothing recorded",
            item_of_ask(id, ask)
        ),
        StatusChange::Unchanged {
            id,
            ask,
            status,
            noted: true,
        } => format!(
            "{}: already {status}; the note was added",
            item_of_ask(id, ask)
        ),
    }
}

/// The warnings that go with a status change: dated before its ask was made, or addressed while
/// a later report already makes the ask again.
pub fn status_warnings(change: &crate::store::StatusChange, date: Option<&str>) -> Vec<String> {
    use crate::store::StatusChange;
    let StatusChange::Changed {
        id,
        ask,
        outside_period,
        asked_again,
        ..
    } = change
    else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    if *outside_period {
        warnings.push(format!(
            "warning: {id}: dated {}, before ask {ask} was made: a report's asks are answered from \
             April 1 of its year (the start of the next reporting period); recorded as given",
            date.unwrap_or_default()
        ));
    }
    if *asked_again {
        warnings.push(format!(
            "warning: {id}: a report later than this judgement already makes ask {ask} again: \
             flagged \"asked again after addressed\" (tiptrack asks --asked-again)"
        ));
    }
    warnings
}

/// An item's ID, with its ask's when that is another item's.
pub fn item_of_ask(id: &str, ask: &str) -> String {
    if id == ask {
        id.to_string()
    } else {
        format!("{id} (ask {ask})")
    }
}

/// What `review` shows of one suggestion: the recommendation (ID, status, text), then the
/// evidence (its id, report year, section, paragraph, score and, when flagged, the commitment
/// mark) and its sentence, the matched words highlighted on both sides. Text is wrapped to
/// `width` columns; `styled` turns bold and colour on (a terminal that wants them).
pub fn review_card(
    (position, total): (usize, usize),
    recommendation: &Recommendation,
    evidence: &Evidence,
    width: usize,
    styled: bool,
) -> String {
    let bold = console::Style::new().bold().force_styling(styled);
    let dim = console::Style::new().dim().force_styling(styled);
    let mark = console::Style::new().bold().yellow().force_styling(styled);
    let reason = evidence.reason.as_deref().unwrap_or("");
    let mut card = String::new();
    let rule = format!("--- {position} of {total} ");
    let rule_width = width.clamp(20, 100);
    card.push_str(&dim.apply_to(format!("{rule:-<rule_width$}")).to_string());
    card.push('\n');
    card.push_str(&format!(
        "{} ({}) {}\n",
        bold.apply_to(&recommendation.id),
        recommendation.status,
        dim.apply_to(format!(
            "{} {} report",
            recommendation.country, recommendation.year
        )),
    ));
    let marks = crate::highlight::in_recommendation(&recommendation.text, reason);
    card.push_str(&wrapped(&recommendation.text, &marks, &mark, width));
    card.push_str("\n\n");
    let mut place = vec![format!("{} report", evidence.year)];
    if let Some(section) = &evidence.section {
        place.push(match evidence.paragraph {
            Some(p) => format!("{section}, paragraph {p}"),
            None => section.clone(),
        });
    }
    if let Some(score) = evidence.score {
        place.push(format!("score {score:.2}"));
    }
    card.push_str(&format!(
        "{} {}\n",
        bold.apply_to(format!("Suggested evidence {}:", evidence.id)),
        place.join(", ")
    ));
    if evidence.commitment {
        card.push_str(&format!(
            "    {}\n",
            bold.apply_to("commitment (plan or pledge, not an action)")
        ));
    }
    let marks = crate::highlight::in_sentence(&evidence.text, reason);
    card.push_str(&wrapped(&evidence.text, &marks, &mark, width));
    card.push('\n');
    if !reason.is_empty() {
        card.push_str(&format!(
            "    {}\n",
            dim.apply_to(format!("matched: {reason}"))
        ));
    }
    card
}

/// A piece of text with its line breaks and tabs made spaces, for a line of its own.
fn one_line(text: &str) -> String {
    text.replace(char::is_whitespace, " ")
}

/// `text` cut into lines of at most `width` columns (a longer word stands alone), each indented
/// by four spaces, with the `marks` ranges styled.
fn wrapped(
    text: &str,
    marks: &[std::ops::Range<usize>],
    mark: &console::Style,
    width: usize,
) -> String {
    const INDENT: &str = "    ";
    let room = width.saturating_sub(INDENT.len()).max(20);
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    let mut line: Option<(std::ops::Range<usize>, usize)> = None;
    let mut word_start = None;
    let ends = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    for (i, c) in ends {
        match (c.is_whitespace(), word_start) {
            (false, None) => word_start = Some(i),
            (true, Some(start)) => {
                word_start = None;
                let w = text[start..i].width();
                line = Some(match line.take() {
                    None => (start..i, w),
                    Some((range, used)) if used + 1 + w <= room => (range.start..i, used + 1 + w),
                    Some((range, _)) => {
                        lines.push(range);
                        (start..i, w)
                    }
                });
            }
            _ => {}
        }
    }
    lines.extend(line.map(|(range, _)| range));
    lines
        .into_iter()
        .map(|line| {
            let mut out = INDENT.to_string();
            let mut at = line.start;
            for m in marks {
                let (start, end) = (m.start.max(line.start), m.end.min(line.end));
                if start >= end {
                    continue;
                }
                out.push_str(&one_line(&text[at..start]));
                out.push_str(&mark.apply_to(one_line(&text[start..end])).to_string());
                at = end;
            }
            out.push_str(&one_line(&text[at..line.end]));
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_in_csv() {
        let grid = Grid {
            header: header(&["a", "b"]),
            rows: vec![vec!["=HYPERLINK(\"x\")".into(), "plain, \"quoted\"".into()]],
        };
        let mut out = Output::new(Vec::new());
        out.csv(&grid).unwrap();
        assert_eq!(
            String::from_utf8(out.out).unwrap(),
            "a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",\"plain, \"\"quoted\"\"\"\r\n"
        );
        for risky in ["+1", "-1", "@SUM(A1)"] {
            assert_eq!(neutralise_formula(risky), format!("'{risky}"));
        }
        assert_eq!(neutralise_formula("KAZ-2011-1"), "KAZ-2011-1");
    }

    #[test]
    fn plain_tables_draw_what_comfy_table_draws() {
        use comfy_table::{ContentLineStyle, LineStyle, TableStyle};
        const PLAIN_ASCII: TableStyle = TableStyle::new()
            .top_border(LineStyle::new('+', '-', '+', '+'))
            .header_lines(ContentLineStyle::new('|', '|', '|'))
            .header_separator(LineStyle::new('+', '=', '+', '+'))
            .content_lines(ContentLineStyle::new('|', '|', '|'))
            .bottom_border(LineStyle::new('+', '-', '+', '+'));
        let grid = Grid {
            header: header(&["ID", "Note"]),
            rows: vec![
                vec!["CIV-2023-1".into(), "C\u{f4}te d\u{2019}Ivoire".into()],
                vec!["KOR-2023-10".into(), "two\nlines, the second longer".into()],
                vec![String::new(), "\u{97d3}\u{56fd} (wide)".into()],
            ],
        };
        let mut out = Output::new(Vec::new());
        out.plain_table(&grid).unwrap();

        let mut table = Table::new();
        table.load_style(PLAIN_ASCII).force_no_tty();
        table.set_header(grid.header.clone());
        for row in &grid.rows {
            table.add_row(row.clone());
        }
        assert_eq!(String::from_utf8(out.out).unwrap(), format!("{table}\n"));
    }

    #[test]
    fn markdown_escapes_pipes() {
        assert_eq!(markdown_cell("a | b\nc"), "a \\| b<br>c");
    }
}
