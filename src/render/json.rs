//! The JSON writer: the model values themselves, pretty-printed, one document per command.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

pub(super) fn write<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
