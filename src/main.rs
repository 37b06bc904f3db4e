//! The `tiptrack` binary: parses the command line, runs it, and turns an error into one line on
//! standard error and an exit code (0 success, 1 error, 2 usage error).

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;
use tiptrack::render::escape_controls;

fn main() -> ExitCode {
    let cli = match tiptrack::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version land here too, and are not errors.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err)
            if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            // `tiptrack` alone: the help is the useful answer.
            let _ = err.print();
            return ExitCode::from(2);
        }
        Err(err) => {
            // One line, like every other error: clap's message without its "error: ", with
            // the lines that continue it (the names of missing arguments) joined on.
            let rendered = err.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            let message = message.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            let message = if message.is_empty() {
                "invalid command line"
            } else {
                message
            };
            // clap quotes the argument it refused, which may hold escape sequences.
            let _ = writeln!(
                std::io::stderr(),
                "tiptrack: {} (see tiptrack --help)",
                escape_controls(message)
            );
            return ExitCode::from(2);
        }
    };
    match tiptrack::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
            // An error may quote what it refused (an ID, a file's text): shown, not obeyed. A
            // closed standard error must not turn an error into a panic.
            let _ = writeln!(
                std::io::stderr(),
                "tiptrack: {}",
                escape_controls(&chain.join(": "))
            );
            let usage = err
                .downcast_ref::<tiptrack::commands::UsageError>()
                .is_some();
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

/// Output cut short by a closed pipe (`tiptrack list | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let kind = if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            Some(io.kind())
        } else if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            json.io_error_kind()
        } else if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            match csv.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            }
        } else {
            None
        };
        kind == Some(ErrorKind::BrokenPipe)
    })
}
