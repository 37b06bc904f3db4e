//! The Markdown writer: pipe tables, `##` headings, and the blank lines Markdown needs between
//! blocks. All text is escaped as the dossier's is ([`escape`]): HTML in a note or an imported
//! text shows as text, Markdown punctuation as itself, control characters as `\u{1b}`.

use std::io::Write;

use anyhow::Result;

use super::document::{Block, Document};
use super::dossier_markdown::escape;
use super::grid::Grid;

pub(super) fn write_document(out: &mut impl Write, document: &Document) -> Result<()> {
    let mut previous: Option<&Block> = None;
    for block in &document.blocks {
        // A table is a block of its own only after a blank line, and the text under a heading
        // is set apart from it; the lines of one paragraph, and "_none_" under its heading,
        // follow on.
        if matches!(
            (previous, block),
            (Some(Block::Heading(_)), Block::Line(_) | Block::Grid(_))
                | (Some(Block::Line(_)), Block::Grid(_))
        ) {
            writeln!(out)?;
        }
        match block {
            Block::Heading(text) => writeln!(out, "## {}", escape(text))?,
            Block::Line(text) => writeln!(out, "{}", lines(text, "\\\n"))?,
            Block::Blank => writeln!(out)?,
            Block::Grid(grid) => write(out, grid)?,
            Block::Nothing => writeln!(out, "_none_")?,
        }
        previous = Some(block);
    }
    Ok(())
}

/// A pipe table.
fn write(out: &mut impl Write, grid: &Grid) -> Result<()> {
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    writeln!(
        out,
        "{}",
        line(grid.header.iter().map(|h| cell(h)).collect())
    )?;
    writeln!(
        out,
        "{}",
        line(grid.header.iter().map(|_| "---".to_string()).collect())
    )?;
    for row in &grid.rows {
        writeln!(out, "{}", line(row.iter().map(|c| cell(c)).collect()))?;
    }
    Ok(())
}

/// A cell's text, escaped, its line breaks `<br>` (a table row is one line).
fn cell(text: &str) -> String {
    lines(text, "<br>")
}

/// Text of one or more lines, each escaped, joined by `between`: in a paragraph a backslash
/// before the line end, Markdown's hard break.
fn lines(text: &str, between: &str) -> String {
    text.split('\n')
        .map(escape)
        .collect::<Vec<_>>()
        .join(between)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_pipes_html_and_controls() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(
            lines("<script>alert(1)</script> *x*\n\u{1b}[2J", "\\\n"),
            "&lt;script>alert(1)&lt;/script> \\*x\\*\\\n\\u{1b}\\[2J"
        );
    }

    #[test]
    fn tables_and_the_text_under_headings_stand_apart() {
        let mut document = Document::default();
        document.heading("Title");
        document.line("one");
        document.line("two");
        document.push_grid(Grid::with_rows(&["A"], vec![vec!["x".into()]]));
        document.blank();
        document.heading("Empty");
        document.nothing();
        let mut out = Vec::new();
        write_document(&mut out, &document).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "## Title\n\none\ntwo\n\n| A |\n| --- |\n| x |\n\n## Empty\n_none_\n"
        );
    }
}
