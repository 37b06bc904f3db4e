//! The table writer. On a terminal, comfy-table fits the table to the terminal's width; in a
//! file or a pipe there is no width to fit, and the table is plain ASCII, never wrapped.

use std::io::Write;

use anyhow::Result;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use unicode_width::UnicodeWidthStr;

use super::document::{Block, Document};
use super::grid::Grid;

/// Headings and lines as they are, each grid a table, a section with nothing in it "(none)".
pub(super) fn write_document(
    out: &mut impl Write,
    document: &Document,
    terminal: bool,
) -> Result<()> {
    for block in &document.blocks {
        match block {
            Block::Heading(text) | Block::Line(text) => writeln!(out, "{text}")?,
            Block::Blank => writeln!(out)?,
            Block::Grid(grid) if terminal => fitted(out, grid)?,
            Block::Grid(grid) => plain(out, grid)?,
            Block::Nothing => writeln!(out, "(none)")?,
        }
    }
    Ok(())
}

/// A table fitted to the terminal.
fn fitted(out: &mut impl Write, grid: &Grid) -> Result<()> {
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
    writeln!(out, "{table}")?;
    Ok(())
}

/// A table for files and pipes: plain ASCII, never wrapped (there is no width to fit). It
/// draws what comfy-table's ASCII_FULL_CONDENSED style draws (with junctions in the header
/// rule), without comfy-table's per-cell layout work, which took 30 ms for a 4,000-row
/// report.
fn plain(out: &mut impl Write, grid: &Grid) -> Result<()> {
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
    plain_row(&mut line, &widths, &grid.header);
    line.push_str(&rule('='));
    out.write_all(line.as_bytes())?;
    for row in &grid.rows {
        line.clear();
        plain_row(&mut line, &widths, row);
        out.write_all(line.as_bytes())?;
    }
    out.write_all(rule('-').as_bytes())?;
    Ok(())
}

/// Display width of the widest line of a cell.
fn text_width(cell: &str) -> usize {
    if is_plain(cell) {
        return cell.len();
    }
    cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// One line of printable ASCII, as nearly every cell of a large table is (counts, codes,
/// years): its width is its length. A 4,000-row report has 60,000 such cells.
fn is_plain(cell: &str) -> bool {
    cell.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// One row of a plain table; a cell of several lines makes the row that many lines high.
fn plain_row(text: &mut String, widths: &[usize], cells: &[String]) {
    if cells.iter().all(|c| is_plain(c)) {
        text.push('|');
        for (width, cell) in widths.iter().zip(cells) {
            text.push(' ');
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', width - cell.len() + 1));
            text.push('|');
        }
        text.push('\n');
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_tables_draw_what_comfy_table_draws() {
        use comfy_table::{ContentLineStyle, LineStyle, TableStyle};
        const PLAIN_ASCII: TableStyle = TableStyle::new()
            .top_border(LineStyle::new('+', '-', '+', '+'))
            .header_lines(ContentLineStyle::new('|', '|', '|'))
            .header_separator(LineStyle::new('+', '=', '+', '+'))
            .content_lines(ContentLineStyle::new('|', '|', '|'))
            .bottom_border(LineStyle::new('+', '-', '+', '+'));
        let grid = Grid::with_rows(
            &["ID", "Note"],
            vec![
                vec!["CIV-2023-1".into(), "C\u{f4}te d\u{2019}Ivoire".into()],
                vec!["KOR-2023-10".into(), "two\nlines, the second longer".into()],
                vec![String::new(), "\u{97d3}\u{56fd} (wide)".into()],
            ],
        );
        let mut out = Vec::new();
        plain(&mut out, &grid).unwrap();

        let mut table = Table::new();
        table.load_style(PLAIN_ASCII).force_no_tty();
        table.set_header(grid.header.clone());
        for row in &grid.rows {
            table.add_row(row.clone());
        }
        assert_eq!(String::from_utf8(out).unwrap(), format!("{table}\n"));
    }

    #[test]
    fn documents_are_laid_out_line_by_line() {
        let mut document = Document::default();
        document.heading("Title");
        document.line("text");
        document.blank();
        document.heading("Empty");
        document.grid_or_nothing(Grid::new(&["A"]));
        document.push_grid(Grid::with_rows(&["A"], vec![vec!["x".into()]]));
        let mut out = Vec::new();
        write_document(&mut out, &document, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Title\ntext\n\nEmpty\n(none)\n+---+\n| A |\n+===+\n| x |\n+---+\n"
        );
    }
}
