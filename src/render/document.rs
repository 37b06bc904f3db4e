//! [`Document`]: what a person reads, in a table or in Markdown: headings, lines of text and
//! grids, in order. The table and Markdown writers each lay it out in their own way.

use std::borrow::Cow;

use super::grid::{Cell, Grid};

/// Blocks in reading order.
#[derive(Default)]
pub(super) struct Document {
    pub(super) blocks: Vec<Block>,
}

pub(super) enum Block {
    /// A heading: a line of its own in a table's output, `## ` in Markdown.
    Heading(String),
    /// A line of text.
    Line(String),
    /// An empty line.
    Blank,
    /// Rows under a header.
    Grid(Grid),
    /// What a section with nothing in it shows: "(none)", or "_none_" in Markdown.
    Nothing,
}

impl Document {
    /// A document that is one grid, as most views are.
    pub(super) fn grid(grid: Grid) -> Document {
        Document {
            blocks: vec![Block::Grid(grid)],
        }
    }

    pub(super) fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading(text.into()));
    }

    pub(super) fn line(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Line(text.into()));
    }

    pub(super) fn blank(&mut self) {
        self.blocks.push(Block::Blank);
    }

    pub(super) fn push_grid(&mut self, grid: Grid) {
        self.blocks.push(Block::Grid(grid));
    }

    /// The document with the control characters of every text shown escaped (see
    /// [`super::controls`]).
    pub(super) fn controls_escaped(self) -> Document {
        let escape = |text: String| match super::controls::escape_controls(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(escaped) => escaped,
        };
        // A constant cell is borrowed back unless it has something to escape.
        let escape_cell = |cell: Cell| match cell {
            Cow::Borrowed(text) => match super::controls::escape_controls(text) {
                Cow::Borrowed(_) => Cow::Borrowed(text),
                Cow::Owned(escaped) => Cow::Owned(escaped),
            },
            Cow::Owned(text) => Cow::Owned(escape(text)),
        };
        let blocks = self
            .blocks
            .into_iter()
            .map(|block| match block {
                Block::Heading(text) => Block::Heading(escape(text)),
                Block::Line(text) => Block::Line(escape(text)),
                Block::Grid(grid) => Block::Grid(Grid {
                    header: grid.header.into_iter().map(escape).collect(),
                    rows: grid
                        .rows
                        .into_iter()
                        .map(|row| row.into_iter().map(escape_cell).collect())
                        .collect(),
                    droppable: grid.droppable,
                    whole: grid.whole,
                }),
                other => other,
            })
            .collect();
        Document { blocks }
    }

    /// The mark of a section with nothing in it.
    pub(super) fn nothing(&mut self) {
        self.blocks.push(Block::Nothing);
    }
}
