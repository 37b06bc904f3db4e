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

/// The manual page, roff, on standard output: tiptrack(1) with the global options and the list
/// of commands, then a page for each command (tiptrack-list(1), ...) with its options and
/// examples, one after the other as `man -l` shows them.
pub fn man() -> Result<()> {
    let mut command = Cli::command();
    // Built, the subcommands know their names as pages: "tiptrack-list".
    command.build();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    let source = format!("tiptrack {}", env!("CARGO_PKG_VERSION"));
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        clap_mangen::Man::new(sub.clone())
            .source(&source)
            .render(&mut out)?;
    }
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(())
}
