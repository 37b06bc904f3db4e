//! The table writer. A table fits a width (`--width`, else `$COLUMNS`, else the terminal's, else
//! 80; `--width 0` sets no limit): the widest columns, the recommendation text first, give up
//! width first, every cell wraps between words, and a column is never narrower than its
//! longest word (up to [`MAX_WORD`]), so that "Kazakhstan" is never cut into "Kaza" and
//! "khstan". When even that does not fit, the columns a view marks as droppable are left out
//! (and a line says so), and only then is a word too long for its column cut short with an
//! ellipsis. Lines of text (a card's paragraphs) wrap at the same width.
//!
//! On a terminal the table is drawn with box-drawing characters, in a file or a pipe in plain
//! ASCII. comfy-table's dynamic arrangement splits a word when a column is narrower than it,
//! and lays out each cell, which took 30 ms for a 4,000-row report: this writer decides the
//! widths once, then writes row by row.

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::document::{Block, Document};
use super::grid::Grid;

/// A word longer than this may be cut (with an ellipsis) rather than widen its column: a URL, a
/// long hyphenated compound.
const MAX_WORD: usize = 24;

/// A text column (wider than this) keeps at least this width before others give up theirs.
const MIN_TEXT: usize = 16;

/// The widest column narrower than this leaves out another droppable column, if there is one.
const COMFORTABLE_TEXT: usize = 32;

/// Headings and lines, wrapped at the width; each grid a table fitted to it; a section with
/// nothing in it "(none)". `terminal` draws with box-drawing characters.
pub(super) fn write_document(
    out: &mut impl Write,
    document: &Document,
    terminal: bool,
    width: Option<usize>,
) -> Result<()> {
    let frame = if terminal { &UTF8 } else { &ASCII };
    for block in &document.blocks {
        match block {
            Block::Heading(text) | Block::Line(text) => {
                for line in text.lines() {
                    for wrapped in wrap_line(line, width) {
                        writeln!(out, "{wrapped}")?;
                    }
                }
                if text.is_empty() {
                    writeln!(out)?;
                }
            }
            Block::Blank => writeln!(out)?,
            Block::Grid(grid) => table(out, grid, frame, width)?,
            Block::Nothing => writeln!(out, "(none)")?,
        }
    }
    Ok(())
}

/// The characters a table is drawn with.
struct Frame {
    /// Left, fill, junction, right of the line above the header.
    top: [char; 4],
    /// The line under the header.
    rule: [char; 4],
    bottom: [char; 4],
    /// Left, between columns, right of a line of cells.
    sides: [char; 3],
}

/// What comfy-table's ASCII_FULL_CONDENSED draws, with junctions in the header rule.
const ASCII: Frame = Frame {
    top: ['+', '-', '+', '+'],
    rule: ['+', '=', '+', '+'],
    bottom: ['+', '-', '+', '+'],
    sides: ['|', '|', '|'],
};

/// What comfy-table's UTF8_FULL_CONDENSED draws.
const UTF8: Frame = Frame {
    top: ['┌', '─', '┬', '┐'],
    rule: ['╞', '═', '╪', '╡'],
    bottom: ['└', '─', '┴', '┘'],
    sides: ['│', '┆', '│'],
};

/// The columns a table shows, and their widths (without the padding).
struct Layout {
    columns: Vec<usize>,
    widths: Vec<usize>,
}

impl Layout {
    fn of(grid: &Grid, limit: Option<usize>) -> Layout {
        let count = grid.header.len();
        // The width unwrapped, the width with the header wrapped at its words, and the longest
        // word, per column.
        let mut natural: Vec<usize> = grid.header.iter().map(|h| text_width(h)).collect();
        let mut longest: Vec<usize> = grid.header.iter().map(|h| longest_word(h)).collect();
        let mut body = longest.clone();
        for row in &grid.rows {
            for (i, cell) in row.iter().enumerate().take(count) {
                let (width, word) = measure(cell);
                natural[i] = natural[i].max(width);
                body[i] = body[i].max(width);
                longest[i] = longest[i].max(word);
            }
        }
        let mut columns: Vec<usize> = (0..count).collect();
        let Some(limit) = limit else {
            return Layout {
                columns,
                widths: natural,
            };
        };
        // A column keeps its longest word (up to MAX_WORD), a text column MIN_TEXT, a whole
        // one all its width.
        let least = |i: usize| {
            if grid.whole.contains(&i) {
                return body[i];
            }
            let text = if body[i] > MIN_TEXT { MIN_TEXT } else { 0 };
            body[i].min(longest[i].min(MAX_WORD).max(text))
        };
        let frame = |columns: usize| 3 * columns + 1;
        let mut droppable = grid.droppable.iter();
        while columns.iter().map(|&i| least(i)).sum::<usize>() + frame(columns.len()) > limit {
            let Some(dropped) = droppable.next() else {
                break;
            };
            columns.retain(|c| c != dropped);
        }
        loop {
            let mut widths: Vec<usize> = columns.iter().map(|&i| natural[i]).collect();
            let floors: Vec<usize> = columns.iter().map(|&i| least(i)).collect();
            let room = limit.saturating_sub(frame(columns.len()));
            // The widest column gives up a character at a time, down to its floor; then, if
            // that is not enough, down to a character or two, its words cut.
            shrink(&mut widths, &floors, room);
            let cut = vec![2; widths.len()];
            shrink(&mut widths, &cut, room);
            // A text squeezed into a few words a line reads worse than a table without its
            // droppable columns.
            let text = (0..columns.len()).max_by_key(|&k| natural[columns[k]]);
            let squeezed =
                text.is_some_and(|k| widths[k] < COMFORTABLE_TEXT.min(natural[columns[k]]));
            match droppable.next() {
                Some(dropped) if squeezed => columns.retain(|c| c != dropped),
                _ => return Layout { columns, widths },
            }
        }
    }
}

/// Narrows the widest column above its floor, a character at a time, until the widths sum to
/// `room` or none can give more.
fn shrink(widths: &mut [usize], floors: &[usize], room: usize) {
    let mut total: usize = widths.iter().sum();
    while total > room {
        let widest = (0..widths.len())
            .filter(|&i| widths[i] > floors[i])
            .max_by_key(|&i| (widths[i], i));
        let Some(widest) = widest else { return };
        widths[widest] -= 1;
        total -= 1;
    }
}

/// A grid as a table within the width.
fn table(out: &mut impl Write, grid: &Grid, frame: &Frame, limit: Option<usize>) -> Result<()> {
    let layout = Layout::of(grid, limit);
    fn cells<'a, S: AsRef<str>>(layout: &Layout, row: &'a [S]) -> Vec<Cow<'a, str>> {
        layout
            .columns
            .iter()
            .zip(&layout.widths)
            .map(|(&i, &width)| wrap_cell(row.get(i).map_or("", AsRef::as_ref), width))
            .collect()
    }
    let rule = |[left, fill, junction, right]: [char; 4]| -> String {
        let mut line = String::new();
        line.push(left);
        for (i, width) in layout.widths.iter().enumerate() {
            if i > 0 {
                line.push(junction);
            }
            line.extend(std::iter::repeat_n(fill, width + 2));
        }
        line.push(right);
        line.push('\n');
        line
    };
    // Written a few rows at a time: a report of 30,000 items is not built up as one string
    // first.
    let mut text = rule(frame.top);
    row_lines(
        &mut text,
        &layout.widths,
        &cells(&layout, &grid.header),
        frame,
    );
    text.push_str(&rule(frame.rule));
    for row in &grid.rows {
        if !one_line(&mut text, &layout, row, frame) {
            row_lines(&mut text, &layout.widths, &cells(&layout, row), frame);
        }
        // Written in pieces of a few pages, not row by row.
        if text.len() >= 1 << 15 {
            out.write_all(text.as_bytes())?;
            text.clear();
        }
    }
    out.write_all(text.as_bytes())?;
    out.write_all(rule(frame.bottom).as_bytes())?;
    if layout.columns.len() < grid.header.len() {
        let left_out: Vec<&str> = (0..grid.header.len())
            .filter(|i| !layout.columns.contains(i))
            .map(|i| grid.header[i].as_str())
            .collect();
        let note = format!(
            "({} left out to fit {} columns; --width 0 or --format csv has every column)",
            left_out.join(", "),
            limit.unwrap_or_default()
        );
        for line in wrap_line(&note, limit) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// Appends a row whose shown cells are each printable ASCII within its column's width, as
/// every row of a report is, and says so; else appends nothing and says not. Such a row is one
/// line, each cell as it is (what [`wrap_cell`] and [`row_lines`] make of it, without a list
/// of the cells and four more passes over each).
fn one_line<S: AsRef<str>>(text: &mut String, layout: &Layout, row: &[S], frame: &Frame) -> bool {
    let [left, between, right] = frame.sides;
    let start = text.len();
    text.push(left);
    for (k, (&i, &width)) in layout.columns.iter().zip(&layout.widths).enumerate() {
        let cell = row.get(i).map_or("", AsRef::as_ref);
        if cell.len() > width || !printable_ascii(cell) {
            text.truncate(start);
            return false;
        }
        if k > 0 {
            text.push(between);
        }
        text.push(' ');
        text.push_str(cell);
        spaces(text, width - cell.len() + 1);
    }
    text.push(right);
    text.push('\n');
    true
}

/// Appends `count` spaces.
fn spaces(text: &mut String, mut count: usize) {
    const SPACES: &str = "                                                                ";
    while count > 0 {
        let some = count.min(SPACES.len());
        text.push_str(&SPACES[..some]);
        count -= some;
    }
}

/// One row of a table; a cell of several lines makes the row that many lines high.
fn row_lines(text: &mut String, widths: &[usize], cells: &[Cow<'_, str>], frame: &Frame) {
    let [left, between, right] = frame.sides;
    // Nearly every row is one line high (all of a report's): written without splitting each
    // cell into its lines, twice.
    if !cells.iter().any(|c| c.contains('\n')) {
        text.push(left);
        for (i, (width, cell)) in widths.iter().zip(cells).enumerate() {
            if i > 0 {
                text.push(between);
            }
            text.push(' ');
            text.push_str(cell);
            let pad = width.saturating_sub(line_width(cell)) + 1;
            text.extend(std::iter::repeat_n(' ', pad));
        }
        text.push(right);
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
        text.push(left);
        for (i, (width, cell_lines)) in widths.iter().zip(lines.iter_mut()).enumerate() {
            if i > 0 {
                text.push(between);
            }
            let line = cell_lines.next().unwrap_or("");
            text.push(' ');
            text.push_str(line);
            text.extend(std::iter::repeat_n(
                ' ',
                width.saturating_sub(line_width(line)) + 1,
            ));
        }
        text.push(right);
        text.push('\n');
    }
}

/// Whether a text is one line of printable ASCII, as nearly every cell is (all the counts of a
/// report): its display width is then its length, a column per byte, and its only whitespace
/// is the space. Measuring such cells by their length took writing a 3,920-row report's table
/// from 53 to 26 million instructions.
fn printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// Display width of one line.
fn line_width(line: &str) -> usize {
    if printable_ascii(line) {
        line.len()
    } else {
        line.width()
    }
}

/// Display width of the widest line of a cell.
fn text_width(cell: &str) -> usize {
    if printable_ascii(cell) {
        return cell.len();
    }
    cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A cell's [`text_width`] and [`longest_word`], printable ASCII measured in one pass.
fn measure(cell: &str) -> (usize, usize) {
    let (mut longest, mut run) = (0, 0);
    for &b in cell.as_bytes() {
        if !(b' '..=b'~').contains(&b) {
            return (text_width(cell), longest_word(cell));
        }
        run = if b == b' ' { 0 } else { run + 1 };
        longest = longest.max(run);
    }
    (cell.len(), longest)
}

fn longest_word(cell: &str) -> usize {
    if printable_ascii(cell) {
        // The longest run of bytes other than the space.
        let (mut longest, mut run) = (0, 0);
        for b in cell.bytes() {
            run = if b == b' ' { 0 } else { run + 1 };
            longest = longest.max(run);
        }
        return longest;
    }
    cell.split_whitespace()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// A cell's text within `width`: each line wrapped between words, a word too long cut with an
/// ellipsis. Borrowed when it fits, as most cells do.
fn wrap_cell(cell: &str, width: usize) -> Cow<'_, str> {
    if text_width(cell) <= width {
        return Cow::Borrowed(cell);
    }
    let lines: Vec<String> = cell
        .lines()
        .flat_map(|line| wrap_words(line, width))
        .collect();
    Cow::Owned(lines.join("\n"))
}

/// A line of text within the width: wrapped between words, its continuation lines indented as
/// far as its text starts: past a list item's "- ", or a labelled field's label
/// ("Status:   open").
fn wrap_line(line: &str, width: Option<usize>) -> Vec<String> {
    match width {
        Some(width) if line.width() > width => {
            let indent = line.len() - line.trim_start().len();
            let rest = &line[indent..];
            let lead = if rest.starts_with("- ") {
                2
            } else {
                rest.find(":  ")
                    .filter(|&colon| colon < 16)
                    .map_or(0, |colon| {
                        let value = &rest[colon + 1..];
                        colon + 1 + value.len() - value.trim_start().len()
                    })
            };
            let (prefix, text) = line.split_at(indent + lead);
            let hang = " ".repeat(prefix.width());
            wrap_words(text, width.saturating_sub(prefix.width()))
                .into_iter()
                .enumerate()
                .map(|(i, wrapped)| {
                    let start = if i == 0 { prefix } else { hang.as_str() };
                    format!("{start}{wrapped}")
                })
                .collect()
        }
        _ => vec![line.to_string()],
    }
}

/// Greedy word wrap: words joined by a space while the line stays within `width`. A word wider
/// than the width breaks after a hyphen if it has one ("trafficking-" / "specific"), else is cut
/// with an ellipsis.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for piece in text
        .split_whitespace()
        .flat_map(|w| hyphen_pieces(w, width))
    {
        let piece = cut(piece, width);
        let piece_width = piece.width();
        if used > 0 && used + 1 + piece_width > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(&piece);
        used += piece_width;
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word wider than `width` as the fewest pieces, each ending in a hyphen but the last, that
/// fit; a word that fits, or has no hyphen to break after, whole.
fn hyphen_pieces(word: &str, width: usize) -> Vec<&str> {
    if word.width() <= width || !word.contains('-') {
        return vec![word];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (at, _) in word.match_indices('-') {
        let candidate = at + 1;
        if word[start..candidate].width() > width && end > start {
            pieces.push(&word[start..end]);
            start = end;
        }
        end = candidate;
    }
    if word[start..].width() > width && end > start && end < word.len() {
        pieces.push(&word[start..end]);
        start = end;
    }
    pieces.push(&word[start..]);
    pieces
}

/// A word within `width`, cut with an ellipsis when it is wider.
fn cut(word: &str, width: usize) -> Cow<'_, str> {
    if word.width() <= width {
        return Cow::Borrowed(word);
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in word.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.push('…');
    Cow::Owned(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(grid: &Grid, frame: &Frame, width: Option<usize>) -> String {
        let mut out = Vec::new();
        table(&mut out, grid, frame, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_cell_of_printable_ascii_measures_as_the_unicode_widths_do() {
        for cell in [
            "",
            " ",
            "12",
            "Tier 2 Watch List",
            "  two  spaces ",
            "a-b c~d|e",
            "x  ",
        ] {
            assert!(printable_ascii(cell));
            assert_eq!(text_width(cell), UnicodeWidthStr::width(cell), "{cell:?}");
            assert_eq!(line_width(cell), UnicodeWidthStr::width(cell), "{cell:?}");
            let word = cell.split_whitespace().map(UnicodeWidthStr::width).max();
            assert_eq!(longest_word(cell), word.unwrap_or(0), "{cell:?}");
            assert_eq!(
                measure(cell),
                (text_width(cell), longest_word(cell)),
                "{cell:?}"
            );
        }
        for cell in [
            "C\u{f4}te d\u{2019}Ivoire",
            "two\nlines",
            "tab\there",
            "\u{7f}",
        ] {
            assert!(!printable_ascii(cell), "{cell:?}");
        }
        assert_eq!(text_width("two\nlines"), 5);
        assert_eq!(measure("two\nlines"), (5, 5));
        assert_eq!(measure("C\u{f4}te d\u{2019}Ivoire"), (13, 8));
        assert_eq!(longest_word("tab\there"), 4);
    }

    #[test]
    fn tables_draw_what_comfy_table_draws() {
        use comfy_table::{ContentLineStyle, LineStyle, Table, TableStyle, presets};
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
        for (frame, style) in [(&ASCII, PLAIN_ASCII), (&UTF8, presets::UTF8_FULL_CONDENSED)] {
            let mut table = Table::new();
            table.load_style(style).force_no_tty();
            table.set_header(grid.header.clone());
            for row in &grid.rows {
                table.add_row(row.iter().map(|c| c.to_string()).collect::<Vec<_>>());
            }
            assert_eq!(draw(&grid, frame, None), format!("{table}\n"));
            assert_eq!(draw(&grid, frame, Some(80)), format!("{table}\n"));
        }
    }

    #[test]
    fn narrow_tables_shorten_the_text_and_keep_words_whole() {
        let text = "Vigorously investigate and prosecute trafficking offenses in Kazakhstan";
        let grid = Grid::with_rows(
            &["ID", "Country", "Recommendation"],
            vec![vec!["KAZ-2011-4".into(), "Kazakhstan".into(), text.into()]],
        );
        let table = draw(&grid, &ASCII, Some(50));
        assert!(table.lines().all(|l| l.width() <= 50), "{table}");
        assert!(table.contains("| Kazakhstan |"), "{table}");
        let words: Vec<&str> = table
            .lines()
            .filter_map(|l| l.split('|').nth(3))
            .flat_map(str::split_whitespace)
            .collect();
        assert_eq!(words[1..].join(" "), text, "{table}");
    }

    #[test]
    fn droppable_columns_go_before_words_are_cut() {
        let grid = Grid::with_rows(
            &["ID", "Area", "Action", "Recommendation"],
            vec![vec![
                "KAZ-2011-4".into(),
                "prosecution".into(),
                "specific".into(),
                "Vigorously investigate and prosecute".into(),
            ]],
        )
        .dropping(&["Area", "Action"]);
        let table = draw(&grid, &ASCII, Some(40));
        assert!(table.lines().all(|l| l.width() <= 40), "{table}");
        assert!(!table.contains("prosecution"), "{table}");
        assert!(table.contains("Vigorously investigate"), "{table}");
        assert!(
            table.contains("(Area, Action left out to fit 40"),
            "{table}"
        );
        // A width nothing fits: words are cut, and no line is wider.
        let table = draw(&grid, &ASCII, Some(12));
        assert!(table.lines().all(|l| l.width() <= 12), "{table}");
        assert!(table.contains('…'), "{table}");
    }

    #[test]
    fn a_word_too_wide_breaks_after_a_hyphen_before_it_is_cut() {
        assert_eq!(
            wrap_words("a trafficking-specific law", 17),
            ["a trafficking-", "specific law"]
        );
        assert_eq!(
            hyphen_pieces("anti-trafficking-law", 13),
            ["anti-", "trafficking-", "law"]
        );
        assert_eq!(
            hyphen_pieces("anti-trafficking-law", 17),
            ["anti-trafficking-", "law"]
        );
        assert_eq!(wrap_words("Kazakhstan", 6), ["Kazak…"]);
    }

    #[test]
    fn lines_wrap_with_a_hanging_indent() {
        assert_eq!(
            wrap_line("  - one two three four", Some(12)),
            ["  - one two", "    three", "    four"]
        );
        assert_eq!(wrap_line("short", Some(12)), ["short"]);
    }

    #[test]
    fn documents_are_laid_out_line_by_line() {
        let mut document = Document::default();
        document.heading("Title");
        document.line("text");
        document.blank();
        document.heading("Empty");
        document.nothing();
        document.push_grid(Grid::with_rows(&["A"], vec![vec!["x".into()]]));
        let mut out = Vec::new();
        write_document(&mut out, &document, false, Some(80)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Title\ntext\n\nEmpty\n(none)\n+---+\n| A |\n+===+\n| x |\n+---+\n"
        );
    }
}
