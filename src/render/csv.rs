//! The CSV writer: RFC 4180 (records end with CRLF), with cells that a spreadsheet would run as
//! a formula neutralised.

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;

use super::grid::Grid;

pub(super) fn write(out: &mut impl Write, grid: &Grid) -> Result<()> {
    write_records(out, grid, true)
}

/// The grid's rows without its header: the next records of a listing written in chunks.
pub(super) fn write_rows(out: &mut impl Write, grid: &Grid) -> Result<()> {
    write_records(out, grid, false)
}

fn write_records(out: &mut impl Write, grid: &Grid, header: bool) -> Result<()> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    if header {
        writer.write_record(&grid.header)?;
    }
    for row in &grid.rows {
        writer.write_record(row.iter().map(|cell| neutralise_formula(cell).into_owned()))?;
    }
    writer.flush()?;
    Ok(())
}

/// A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) would run as a
/// formula in a spreadsheet; a leading apostrophe makes it text, as OWASP recommends.
fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_in_csv() {
        let grid = Grid::with_rows(
            &["a", "b"],
            vec![vec!["=HYPERLINK(\"x\")".into(), "plain, \"quoted\"".into()]],
        );
        let mut out = Vec::new();
        write(&mut out, &grid).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",\"plain, \"\"quoted\"\"\"\r\n"
        );
        for risky in ["+1", "-1", "@SUM(A1)"] {
            assert_eq!(neutralise_formula(risky), format!("'{risky}"));
        }
        assert_eq!(neutralise_formula("KAZ-2011-1"), "KAZ-2011-1");
    }
}
