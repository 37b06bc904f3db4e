//! `tiptrack completions SHELL` and `tiptrack man`: the command line described for a shell's
//! completion and for `man`, both made by clap from the one definition in [`crate::cli`].

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

/// A completion script for `shell` on standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tiptrack", &mut out);
    write_stdout(&out)
}

/// The manual page, roff, on standard output: the global options and the commands (each
/// command's options are in its `--help`).
pub fn man() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(())
}
