//! `diff COUNTRY YEAR1 YEAR2`: two report years of a country compared, item by item.

use anyhow::Result;
use serde::Serialize;

use super::{View, score};
use crate::model::{Diff, DiffItem, Status, Tier};
use crate::render::document::Document;
use crate::render::grid::Grid;

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

/// Two report years compared.
pub(in crate::render) struct DiffView<'a>(pub(in crate::render) &'a Diff);

/// One CSV record: the diff's country, years and tiers, then the item's fields.
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

impl View for DiffView<'_> {
    type Model = Diff;

    fn model(&self) -> &Diff {
        self.0
    }

    fn records(&self) -> Result<Grid> {
        let diff = self.0;
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
        Grid::of_fields(&rows, DIFF_FIELDS)
    }

    fn document(&self) -> Document {
        let diff = self.0;
        let tier = |t: Option<Tier>| t.map_or("tier not stated", |t| t.as_str());
        let mut doc = Document::default();
        doc.heading(format!(
            "{} ({}) {} -> {}",
            diff.country, diff.iso3, diff.year1, diff.year2
        ));
        doc.line(if diff.tier1 == diff.tier2 {
            format!("Tier: {} (unchanged)", tier(diff.tier1))
        } else {
            format!("Tier: {} -> {}", tier(diff.tier1), tier(diff.tier2))
        });
        let status = |s: Option<Status>| s.map_or_else(String::new, |s| s.to_string());
        doc.push_grid(Grid::with_rows(
            &[
                "Change",
                "Earlier",
                "Later",
                "Status",
                "Score",
                "Recommendation",
            ],
            diff.items
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
        ));
        doc
    }
}
