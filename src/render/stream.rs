//! Evidence written as it is read, a chunk at a time: CSV and JSON start at once and hold one
//! chunk in memory, whatever the listing's size. A table and Markdown are gathered whole, then
//! written: a table sizes its columns to its widest cell, which is known only at the end.

use std::io::Write;

use anyhow::Result;

use super::views::evidence::EVIDENCE_FIELDS;
use super::{Output, csv, grid::Grid};
use crate::cli::Format;
use crate::model::Evidence;

/// See the module's comment; made by [`Output::evidence_stream`].
pub struct EvidenceStream<W: Write> {
    output: Output<W>,
    format: Format,
    /// Rows written so far (CSV, JSON).
    written: usize,
    /// Everything, for a table or Markdown.
    gathered: Vec<Evidence>,
}

impl<W: Write> Output<W> {
    /// Evidence to be written in chunks, in order, as [`Output::evidence`] would write it whole.
    pub fn evidence_stream(self, format: Format) -> EvidenceStream<W> {
        EvidenceStream {
            output: self,
            format,
            written: 0,
            gathered: Vec::new(),
        }
    }
}

impl<W: Write> EvidenceStream<W> {
    /// Writes the next pieces of evidence (gathers them, for a table or Markdown).
    pub fn write(&mut self, items: Vec<Evidence>) -> Result<()> {
        // A country with nothing to list writes nothing: the header comes with the first rows,
        // or from `finish` when there are none.
        if items.is_empty() {
            return Ok(());
        }
        let out = &mut self.output.out;
        match self.format {
            Format::Table | Format::Markdown => self.gathered.extend(items),
            Format::Csv => {
                let grid = Grid::of_fields(&items, EVIDENCE_FIELDS)?;
                if self.written == 0 {
                    if self.output.bom {
                        out.write_all("\u{feff}".as_bytes())?;
                    }
                    csv::write(out, &grid)?;
                } else {
                    csv::write_rows(out, &grid)?;
                }
                self.written += items.len();
            }
            Format::Json => {
                // The elements of the array `json::write` prints whole, indented as in it.
                for item in &items {
                    out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                    let pretty = serde_json::to_string_pretty(item)?;
                    for (i, line) in pretty.lines().enumerate() {
                        if i > 0 {
                            out.write_all(b"\n")?;
                        }
                        write!(out, "  {line}")?;
                    }
                    self.written += 1;
                }
            }
        }
        Ok(())
    }

    /// Ends the listing: a table or Markdown is written now, whole.
    pub fn finish(mut self) -> Result<()> {
        match self.format {
            Format::Table | Format::Markdown => {
                let gathered = std::mem::take(&mut self.gathered);
                return self.output.evidence(&gathered, self.format);
            }
            Format::Csv if self.written == 0 => {
                return self.output.evidence(&[], self.format);
            }
            Format::Csv => {}
            Format::Json if self.written == 0 => self.output.out.write_all(b"[]\n")?,
            Format::Json => self.output.out.write_all(b"\n]\n")?,
        }
        self.output.out.flush()?;
        Ok(())
    }
}
