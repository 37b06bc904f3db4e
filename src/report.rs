//! The progress report: status counts per country and report year, a total, and the share
//! addressed. Aggregation only; `render` prints it.

use serde::Serialize;

use crate::model::{CountKey, Status, StatusCounts};

/// How many recommendations have each status. Serialises with the statuses' own names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub open: i64,
    #[serde(rename = "in-progress")]
    pub in_progress: i64,
    #[serde(rename = "partially-addressed")]
    pub partially_addressed: i64,
    pub addressed: i64,
    #[serde(rename = "not-addressed")]
    pub not_addressed: i64,
    pub superseded: i64,
}

impl Tally {
    fn slot(&mut self, status: Status) -> &mut i64 {
        match status {
            Status::Open => &mut self.open,
            Status::InProgress => &mut self.in_progress,
            Status::PartiallyAddressed => &mut self.partially_addressed,
            Status::Addressed => &mut self.addressed,
            Status::NotAddressed => &mut self.not_addressed,
            Status::Superseded => &mut self.superseded,
        }
    }

    /// The count for one status.
    pub fn get(&self, status: Status) -> i64 {
        match status {
            Status::Open => self.open,
            Status::InProgress => self.in_progress,
            Status::PartiallyAddressed => self.partially_addressed,
            Status::Addressed => self.addressed,
            Status::NotAddressed => self.not_addressed,
            Status::Superseded => self.superseded,
        }
    }

    pub fn total(&self) -> i64 {
        Status::ALL.iter().map(|s| self.get(*s)).sum()
    }

    fn add(&mut self, other: &Tally) {
        for status in Status::ALL {
            *self.slot(status) += other.get(status);
        }
    }

    /// Addressed as a percentage of the recommendations still in force (all but superseded),
    /// rounded to one decimal; None when none are in force.
    pub fn addressed_pct(&self) -> Option<f64> {
        let in_force = self.total() - self.superseded;
        (in_force > 0).then(|| (self.addressed as f64 * 1000.0 / in_force as f64).round() / 10.0)
    }
}

/// One row of the report: one country's narrative of one report year, one 3P area, or one
/// kind of action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    #[serde(flatten)]
    pub key: CountKey,
    pub total: i64,
    #[serde(flatten)]
    pub tally: Tally,
    pub addressed_pct: Option<f64>,
    /// How many of the row's recommendations an earlier report already made: the asks that
    /// persist.
    pub asked_before: i64,
}

/// The sum over all rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportTotal {
    /// How many rows the report has (country and year pairs, areas or actions).
    pub rows: i64,
    pub total: i64,
    #[serde(flatten)]
    pub tally: Tally,
    pub addressed_pct: Option<f64>,
    pub asked_before: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub rows: Vec<ReportRow>,
    pub total: ReportTotal,
}

/// Builds the report from the store's per-narrative counts.
pub fn build(counts: Vec<StatusCounts>) -> Report {
    let mut sum = Tally::default();
    let rows: Vec<ReportRow> = counts
        .into_iter()
        .map(|row| {
            let mut tally = Tally::default();
            for (status, n) in &row.counts {
                *tally.slot(*status) += n;
            }
            sum.add(&tally);
            ReportRow {
                key: row.key,
                total: tally.total(),
                addressed_pct: tally.addressed_pct(),
                asked_before: row.asked_before,
                tally,
            }
        })
        .collect();
    Report {
        total: ReportTotal {
            rows: rows.len() as i64,
            total: sum.total(),
            addressed_pct: sum.addressed_pct(),
            asked_before: rows.iter().map(|row| row.asked_before).sum(),
            tally: sum,
        },
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(iso3: &str, year: i64, counts: Vec<(Status, i64)>) -> StatusCounts {
        StatusCounts {
            key: CountKey::Narrative {
                country: iso3.to_string(),
                iso3: iso3.to_string(),
                year,
                tier: None,
            },
            counts,
            asked_before: 0,
        }
    }

    #[test]
    fn rows_total_and_share_addressed() {
        let report = build(vec![
            counts("KAZ", 2011, vec![(Status::Open, 7), (Status::Addressed, 1)]),
            counts(
                "GEO",
                2009,
                vec![(Status::Addressed, 2), (Status::Superseded, 2)],
            ),
            counts("MNG", 2007, vec![]),
        ]);
        assert_eq!(report.rows[0].total, 8);
        assert_eq!(report.rows[0].addressed_pct, Some(12.5));
        // Superseded items are not in force, so they do not count against the share.
        assert_eq!(report.rows[1].addressed_pct, Some(100.0));
        assert_eq!(report.rows[2].addressed_pct, None);
        assert_eq!(report.total.rows, 3);
        assert_eq!(report.total.total, 12);
        assert_eq!(report.total.tally.addressed, 3);
        assert_eq!(report.total.addressed_pct, Some(30.0));
    }
}
