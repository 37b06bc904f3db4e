//! Workbooks (`rust_xlsxwriter`): the dossier's sheets, each a plain table with typed cells
//! (numbers as numbers, dates as dates, yes/no as booleans), a frozen header row, an autofilter
//! and column widths that fit the text; no total row inside the data, so that sorting and
//! filtering never mix one in.

use anyhow::Result;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use crate::dossier::Dossier;
use crate::indicators::{Cell as Figure, FIGURES, FigureValue};

/// One typed cell.
pub enum Cell {
    Text(String),
    Number(f64),
    /// `YYYY-MM-DD`; written as text if it is not a date.
    Date(String),
    Bool(bool),
    Empty,
}

impl Cell {
    fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    fn opt(value: Option<&str>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.to_string()))
    }

    fn date(value: Option<&str>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Date(v.to_string()))
    }

    fn width(&self) -> usize {
        match self {
            Cell::Text(t) => t.chars().count(),
            Cell::Number(n) => n.to_string().len(),
            Cell::Date(_) => 10,
            Cell::Bool(_) => 5,
            Cell::Empty => 0,
        }
    }
}

/// One sheet: a name, a header and rows.
pub struct Sheet {
    pub name: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Writes the sheets into one workbook, returned as the file's bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let wrap = Format::new().set_text_wrap();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name)?;
        write_sheet(ws, sheet, &bold, &day, &wrap)?;
    }
    Ok(book.save_to_buffer()?)
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    bold: &Format,
    day: &Format,
    wrap: &Format,
) -> Result<()> {
    for (col, name) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *name, bold)?;
    }
    let mut widths: Vec<usize> = sheet.header.iter().map(|h| h.len()).collect();
    for (index, row) in sheet.rows.iter().enumerate() {
        let r = index as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(cell.width());
            }
            match cell {
                Cell::Text(t) if t.chars().count() > 60 => {
                    ws.write_string_with_format(r, c, t, wrap)?;
                }
                Cell::Text(t) => {
                    ws.write_string(r, c, t)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Cell::Date(d) => match ExcelDateTime::parse_from_str(d) {
                    Ok(date) => {
                        ws.write_datetime_with_format(r, c, &date, day)?;
                    }
                    Err(_) => {
                        ws.write_string(r, c, d)?;
                    }
                },
                Cell::Bool(b) => {
                    ws.write_boolean(r, c, *b)?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, (*width).clamp(6, 60) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = sheet.header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, sheet.rows.len() as u32, last_col)?;
    Ok(())
}

fn figure_number(figure: &Option<Figure>) -> Cell {
    match figure.as_ref().map(|f| &f.value) {
        Some(FigureValue::Count(n)) => Cell::Number(*n as f64),
        Some(FigureValue::Amount(a)) => Cell::text(a.clone()),
        None => Cell::Empty,
    }
}

/// The dossier as a workbook: Asks, Items, Evidence, Notes and Figures.
pub fn dossier(d: &Dossier) -> Result<Vec<u8>> {
    let sections: Vec<&crate::dossier::AskSection> =
        d.areas.iter().flat_map(|a| a.asks.iter()).collect();
    let asks = Sheet {
        name: "Asks",
        header: vec![
            "Ask",
            "Area",
            "First year",
            "Latest year",
            "Reports",
            "Years",
            "Status",
            "Status date",
            "Set on",
            "Asked again",
            "Owner",
            "Supporting",
            "Due",
            "Overdue",
            "Still made",
            "Merged into",
            "Latest item",
            "Text",
        ],
        rows: sections
            .iter()
            .map(|s| {
                let a = &s.ask;
                vec![
                    Cell::text(a.id.clone()),
                    Cell::text(a.area.as_str()),
                    Cell::Number(a.first_year as f64),
                    Cell::Number(a.latest_year as f64),
                    Cell::Number(a.reports as f64),
                    Cell::text(
                        a.years
                            .iter()
                            .map(i64::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    Cell::text(a.status.as_str()),
                    Cell::date(a.status_date.as_deref()),
                    Cell::opt(a.status_set_on.as_deref()),
                    Cell::Bool(a.asked_again),
                    Cell::opt(a.owner.as_deref()),
                    Cell::text(a.supporting.join("; ")),
                    Cell::date(a.due.as_deref()),
                    Cell::Bool(a.overdue),
                    Cell::Bool(a.still_made),
                    Cell::opt(a.merged_into.as_deref()),
                    Cell::text(a.latest.clone()),
                    Cell::text(a.text.clone()),
                ]
            })
            .collect(),
    };
    let items = Sheet {
        name: "Items",
        header: vec!["Item", "Ask", "Report year", "Wording changed", "Text"],
        rows: sections
            .iter()
            .flat_map(|s| {
                s.wording.iter().map(|w| {
                    vec![
                        Cell::text(w.id.clone()),
                        Cell::text(s.ask.id.clone()),
                        Cell::Number(w.year as f64),
                        Cell::Bool(w.changed),
                        Cell::text(w.text.clone()),
                    ]
                })
            })
            .collect(),
    };
    let evidence = Sheet {
        name: "Evidence",
        header: vec![
            "Ask",
            "Item",
            "Report year",
            "Evidence",
            "Source",
            "Action date",
            "Outside period",
            "Assessment",
            "Note",
            "Added by",
        ],
        rows: sections
            .iter()
            .flat_map(|s| {
                s.evidence.iter().map(|e| {
                    vec![
                        Cell::text(s.ask.id.clone()),
                        Cell::text(e.recommendation.clone()),
                        Cell::Number(e.year as f64),
                        Cell::text(e.text.clone()),
                        Cell::opt(e.source.as_deref()),
                        Cell::date(e.date.as_deref()),
                        Cell::Bool(e.outside_period),
                        Cell::opt(e.assessment.as_deref()),
                        Cell::opt(e.note.as_deref()),
                        Cell::text(e.added_by.clone()),
                    ]
                })
            })
            .collect(),
    };
    let notes = Sheet {
        name: "Notes",
        header: vec!["Ask", "Item", "Date", "Author", "Note"],
        rows: sections
            .iter()
            .flat_map(|s| {
                s.notes.iter().map(|n| {
                    vec![
                        Cell::text(s.ask.id.clone()),
                        Cell::text(n.recommendation.clone()),
                        Cell::date(n.created_at.get(..10)),
                        Cell::text(n.author.clone()),
                        Cell::text(n.text.clone()),
                    ]
                })
            })
            .collect(),
    };
    let figures = Sheet {
        name: "Figures",
        header: std::iter::once("Year")
            .chain(FIGURES.iter().map(|(name, _)| *name))
            .chain(["Conflicts"])
            .collect(),
        rows: d
            .figures
            .years
            .iter()
            .map(|row| {
                let named: Vec<(String, &Option<Figure>)> = FIGURES
                    .iter()
                    .map(|(name, get)| (name.to_lowercase(), get(row)))
                    .collect();
                let conflicts: Vec<String> = named
                    .iter()
                    .filter_map(|(name, f)| f.as_ref().map(|f| (name, f)))
                    .flat_map(|(name, f)| {
                        f.conflicts.iter().map(move |c| {
                            format!("{name}: {} in {} report", c.value, c.report_year)
                        })
                    })
                    .collect();
                let mut cells = vec![Cell::Number(row.year as f64)];
                cells.extend(named.iter().map(|(_, f)| figure_number(f)));
                cells.push(Cell::text(conflicts.join("; ")));
                cells
            })
            .collect(),
    };
    workbook(&[asks, items, evidence, notes, figures])
}
