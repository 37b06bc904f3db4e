//! Reporting periods and the dates users give.
//!
//! The report of year Y covers April 1 of Y-1 to March 31 of Y, and comes out in June of Y.
//! Pure date arithmetic; no I/O.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

/// The reporting period of one report year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub year: i64,
}

impl Period {
    /// April 1 of the year before.
    pub fn start(self) -> NaiveDate {
        date(self.year - 1, 4, 1)
    }

    /// March 31 of the report year.
    pub fn end(self) -> NaiveDate {
        date(self.year, 3, 31)
    }

    /// The period a date falls in: April to December belong to the next year's report.
    pub fn of(day: NaiveDate) -> Period {
        let year = i64::from(day.year());
        Period {
            year: if day.month() >= 4 { year + 1 } else { year },
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.start() <= day && day <= self.end()
    }

    /// The day from which a report of this year is taken to exist (`report --as-of`): reports
    /// come out in June, so June 30.
    pub fn published(self) -> NaiveDate {
        date(self.year, 6, 30)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} reporting period ({} to {})",
            self.year,
            self.start(),
            self.end()
        )
    }
}

fn date(year: i64, month: u32, day: u32) -> NaiveDate {
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .unwrap_or(NaiveDate::MIN)
}

/// The years a date may fall in. The report began in 2001 and covers the year before; 1990
/// leaves room for the laws and plans a note dates back to. Past 2100 (or before 1990) a date is
/// a typo (`+99999-01-01`, `0000-01-01`), not a plan.
pub const DATE_YEARS: RangeInclusive<i32> = 1990..=2100;

/// The report years tiptrack takes (the first report came out in 2001), as the schema checks.
pub const REPORT_YEARS: RangeInclusive<i64> = 2000..=2100;

/// Reads a date as stored or given: `YYYY-MM-DD`, a real day of a year in [`DATE_YEARS`]. The
/// one date parser: every `--date`, `--due`, `--since`, `--until`, `--as-of` and sheet cell
/// is read by it.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    // chrono reads `+99999` as a year; four digits only.
    if text.len() != 10 || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    (day.format("%Y-%m-%d").to_string() == text && DATE_YEARS.contains(&day.year())).then_some(day)
}

/// What a refused date is told with, after "invalid date 'X' for --date".
pub const DATE_FORM: &str = "use YYYY-MM-DD, a year from 1990 to 2100, e.g. 2012-06-19";

/// Today, in UTC, as every stored time is.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Whether a piece of evidence's action date lies outside the period of the report it is
/// filed against: what the report of year Y tells happened in Y's period.
pub fn evidence_outside(report_year: i64, action_date: Option<&str>) -> bool {
    action_date
        .and_then(parse_date)
        .is_some_and(|day| !Period { year: report_year }.contains(day))
}

/// Whether a status change on an item of report `year` is dated before that ask could be
/// answered: the government's answer to the report of Y is what it does from the start of the
/// next period (April 1 of Y) on. A change dated earlier predates the ask.
pub fn status_outside(year: i64, effective_date: Option<&str>) -> bool {
    effective_date
        .and_then(parse_date)
        .is_some_and(|day| day < Period { year: year + 1 }.start())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn a_report_year_covers_april_to_march() {
        let p = Period { year: 2012 };
        assert_eq!(p.start(), day("2011-04-01"));
        assert_eq!(p.end(), day("2012-03-31"));
        assert!(p.contains(day("2011-04-01")));
        assert!(p.contains(day("2012-03-31")));
        assert!(!p.contains(day("2011-03-31")));
        assert!(!p.contains(day("2012-04-01")));
        assert_eq!(Period::of(day("2012-03-31")), p);
        assert_eq!(Period::of(day("2011-04-01")), p);
        assert_eq!(Period::of(day("2012-04-01")), Period { year: 2013 });
    }

    #[test]
    fn out_of_period_dates_are_told_apart() {
        // The example: evidence "from the 2012 report" dated 2010-05-01.
        assert!(evidence_outside(2012, Some("2010-05-01")));
        assert!(!evidence_outside(2012, Some("2011-05-01")));
        assert!(!evidence_outside(2012, None));
        // A 2011 ask is answered from April 2011 on.
        assert!(!status_outside(2011, Some("2012-03-15")));
        assert!(!status_outside(2011, Some("2011-04-01")));
        assert!(status_outside(2011, Some("2011-03-31")));
    }

    #[test]
    fn only_real_dates_in_the_stored_form_parse() {
        assert!(parse_date("2012-02-29").is_some());
        assert!(parse_date("2011-02-29").is_none());
        assert!(parse_date("2012-3-1").is_none());
        for impossible in [
            "+99999-01-01",
            "0000-01-01",
            "1989-12-31",
            "2101-01-01",
            "+2012-01-01",
        ] {
            assert_eq!(parse_date(impossible), None, "{impossible}");
        }
        assert!(parse_date("1990-01-01").is_some());
        assert!(parse_date("2100-12-31").is_some());
    }
}
