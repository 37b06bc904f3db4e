//! `import --dry-run`: what an import would store, narrative by narrative: its country, year and
//! tier, encoding, sections, warnings and recommendations.

use anyhow::Result;
use serde::Serialize;

use super::View;
use crate::model::{Action, Area, NarrativeImport, SectionKind, Tier};
use crate::render::document::Document;
use crate::render::grid::Grid;

/// The CSV columns: the narrative's fields, then the item's.
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

/// The narratives of a dry run, as JSON has them.
pub(in crate::render) struct Preview<'a>(Vec<Narrative<'a>>);

/// One narrative of `import --dry-run`, for JSON.
#[derive(Serialize)]
pub(in crate::render) struct Narrative<'a> {
    source: &'a str,
    encoding: &'a str,
    country: &'a str,
    iso3: &'a str,
    year: i64,
    tier: Option<Tier>,
    sections: Vec<Section<'a>>,
    recommendations: Vec<Item<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct Section<'a> {
    kind: SectionKind,
    heading: Option<&'a str>,
}

#[derive(Serialize)]
struct Item<'a> {
    position: usize,
    text: &'a str,
    truncated: bool,
    area: Area,
    action: Action,
}

/// One recommendation of `import --dry-run`, for CSV: the narrative's fields, then the item's.
#[derive(Serialize)]
struct Row<'a> {
    source: &'a str,
    country: &'a str,
    iso3: &'a str,
    year: i64,
    tier: Option<Tier>,
    #[serde(flatten)]
    item: &'a Item<'a>,
}

impl<'a> Preview<'a> {
    pub(in crate::render) fn new(imports: &'a [NarrativeImport]) -> Self {
        Preview(imports.iter().map(Narrative::from).collect())
    }
}

impl<'a> From<&'a NarrativeImport> for Narrative<'a> {
    fn from(import: &'a NarrativeImport) -> Self {
        Narrative {
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
                .map(|s| Section {
                    kind: s.kind,
                    heading: s.heading.as_deref(),
                })
                .collect(),
            recommendations: import
                .parsed
                .recommendations
                .iter()
                .enumerate()
                .map(|(i, r)| Item {
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

impl<'a> View for Preview<'a> {
    type Model = [Narrative<'a>];

    fn model(&self) -> &[Narrative<'a>] {
        &self.0
    }

    fn records(&self) -> Result<Grid> {
        let rows: Vec<Row<'_>> = self
            .0
            .iter()
            .flat_map(|p| {
                p.recommendations.iter().map(move |item| Row {
                    source: p.source,
                    country: p.country,
                    iso3: p.iso3,
                    year: p.year,
                    tier: p.tier,
                    item,
                })
            })
            .collect();
        Grid::of_fields(&rows, PREVIEW_FIELDS)
    }

    fn document(&self) -> Document {
        let mut doc = Document::default();
        for (index, p) in self.0.iter().enumerate() {
            if index > 0 {
                doc.blank();
            }
            doc.heading(format!(
                "{}: {} ({}) {}, {}",
                p.source,
                p.country,
                p.iso3,
                p.year,
                p.tier.map_or("tier not stated", |t| t.as_str())
            ));
            doc.line(format!("Encoding: {}", p.encoding));
            doc.line(format!(
                "Sections: {}",
                p.sections
                    .iter()
                    .map(|s| s.kind.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for warning in p.warnings {
                doc.line(format!("Warning: {warning}"));
            }
            doc.push_grid(Grid::with_rows(
                &["#", "Area", "Action", "Recommendation"],
                p.recommendations
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
            ));
        }
        doc
    }
}
