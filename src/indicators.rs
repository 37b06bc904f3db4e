//! Reported figures across reports: for each year a figure refers to, the value the latest
//! report gives, and the different values earlier reports gave (conflicts). No printing.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::parse::figures::{Figure, FigureKind, Scope};

/// A figure's value: a count, or an amount as written ("$70,000").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FigureValue {
    Count(i64),
    Amount(String),
}

impl std::fmt::Display for FigureValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FigureValue::Count(n) => write!(f, "{n}"),
            FigureValue::Amount(a) => f.write_str(a),
        }
    }
}

/// How to read one figure of a year's row.
pub type FigureOf = fn(&YearRow) -> &Option<Cell>;

/// The figures a dossier shows, with their names, in the order tables show them.
pub const FIGURES: [(&str, FigureOf); 6] = [
    ("Investigations", |r| &r.investigations),
    ("Prosecutions", |r| &r.prosecutions),
    ("Convictions", |r| &r.convictions),
    ("Victims identified", |r| &r.victims_identified),
    ("Victims assisted", |r| &r.victims_assisted),
    ("Funding", |r| &r.funding),
];

/// Another report's different value for the same figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub value: FigureValue,
    pub report_year: i64,
}

/// One figure of one year: from the latest report that gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub value: FigureValue,
    pub report_year: i64,
    /// Earlier reports that gave another value, latest first.
    pub conflicts: Vec<Conflict>,
    /// The sentence the value comes from.
    pub sentence: String,
}

/// The figures of one year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct YearRow {
    pub year: i64,
    pub investigations: Option<Cell>,
    pub prosecutions: Option<Cell>,
    pub convictions: Option<Cell>,
    pub convictions_sex_trafficking: Option<Cell>,
    pub convictions_forced_labor: Option<Cell>,
    pub victims_identified: Option<Cell>,
    pub victims_assisted: Option<Cell>,
    pub funding: Option<Cell>,
}

impl YearRow {
    fn slot(&mut self, kind: FigureKind, scope: Scope) -> &mut Option<Cell> {
        match (kind, scope) {
            (FigureKind::Investigations, _) => &mut self.investigations,
            (FigureKind::Prosecutions, _) => &mut self.prosecutions,
            (FigureKind::Convictions, Scope::All) => &mut self.convictions,
            (FigureKind::Convictions, Scope::SexTrafficking) => {
                &mut self.convictions_sex_trafficking
            }
            (FigureKind::Convictions, Scope::ForcedLabor) => &mut self.convictions_forced_labor,
            (FigureKind::VictimsIdentified, _) => &mut self.victims_identified,
            (FigureKind::VictimsAssisted, _) => &mut self.victims_assisted,
            (FigureKind::Funding, _) => &mut self.funding,
        }
    }
}

/// A country's figures, one row per year, earliest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicators {
    pub country: String,
    pub iso3: String,
    pub years: Vec<YearRow>,
}

impl Indicators {
    /// From each report's figures (report year, figures in text order). Within one report the
    /// first figure of a kind and year is taken: later ones are parts or restatements.
    pub fn build(country: &str, iso3: &str, reports: &[(i64, Vec<Figure>)]) -> Indicators {
        let mut reports: Vec<&(i64, Vec<Figure>)> = reports.iter().collect();
        // Latest report first, so that its value is the one shown.
        reports.sort_by_key(|(year, _)| std::cmp::Reverse(*year));
        let mut rows: BTreeMap<i64, YearRow> = BTreeMap::new();
        for (report_year, figures) in reports {
            let mut seen = std::collections::HashSet::new();
            for figure in figures {
                if !seen.insert((figure.kind, figure.scope, figure.year)) {
                    continue;
                }
                let value = if figure.kind == FigureKind::Funding {
                    FigureValue::Amount(figure.written.clone())
                } else {
                    FigureValue::Count(figure.value)
                };
                let row = rows.entry(figure.year).or_insert_with(|| YearRow {
                    year: figure.year,
                    ..YearRow::default()
                });
                match row.slot(figure.kind, figure.scope) {
                    slot @ None => {
                        *slot = Some(Cell {
                            value,
                            report_year: *report_year,
                            conflicts: Vec::new(),
                            sentence: figure.sentence.clone(),
                        });
                    }
                    Some(cell) => {
                        if !same(&cell.value, &value) {
                            cell.conflicts.push(Conflict {
                                value,
                                report_year: *report_year,
                            });
                        }
                    }
                }
            }
        }
        Indicators {
            country: country.to_string(),
            iso3: iso3.to_string(),
            years: rows.into_values().collect(),
        }
    }
}

/// Whether two values are the same figure: amounts compare by their digits ("$70,000" and
/// "$ 70,000").
fn same(a: &FigureValue, b: &FigureValue) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    match (a, b) {
        (FigureValue::Amount(a), FigureValue::Amount(b)) => digits(a) == digits(b),
        _ => a == b,
    }
}
