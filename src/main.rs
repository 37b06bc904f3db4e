//! The `tiptrack` binary: parses the command line, runs it, and turns an error into text on
//! standard error and an exit code (0 success, 1 error, 2 usage error; see docs/cli.md). A
//! usage error clap finds is clap's own text; any other error is one line, "tiptrack: <error
//! chain>".

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use tiptrack::cli::Cli;
use tiptrack::render::escape_controls;

fn main() -> ExitCode {
    let cli = match parse() {
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
            // clap's own text, whole: the suggestion ("a similar subcommand exists"), the
            // names of missing arguments, the `--` tip, the usage, and a pointer to the
            // subcommand's own --help. Rendered again without styles, so that the control
            // characters of the argument it quotes are the only ones, shown escaped rather
            // than obeyed (clap's plain text would strip an escape sequence, not show it).
            let plain = Cli::command()
                .styles(clap::builder::Styles::plain())
                .try_get_matches_from(std::env::args_os());
            let rendered = match plain {
                Err(plain) if plain.kind() == err.kind() => plain.render().ansi().to_string(),
                _ => err.render().to_string(),
            };
            let rendered = with_subcommand_help(&rendered, &subcommand_path());
            let _ = write!(std::io::stderr(), "{}", escape_controls(&rendered));
            return ExitCode::from(2);
        }
    };
    tiptrack::render::set_width(cli.width);
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

/// The command line parsed, as `Cli::try_parse` parses it, but with clap's tree of every
/// subcommand and argument left to the exit instead of freed node by node (a sixth of what a
/// `status` runs besides SQLite's work: building the tree, then 260,000 instructions freeing it).
fn parse() -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    let parsed = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|mut matches| {
            Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut Cli::command()))
        });
    std::mem::forget(command);
    parsed
}

/// The subcommands named on the command line, "evidence add": the words that name a subcommand
/// of the one before, up to the first that does not (or `--`).
fn subcommand_path() -> Vec<String> {
    let mut command = Cli::command();
    let mut path = Vec::new();
    for arg in std::env::args_os().skip(1) {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        if arg.starts_with('-') {
            continue;
        }
        let Some(sub) = command.find_subcommand(arg).cloned() else {
            continue;
        };
        path.push(sub.get_name().to_string());
        command = sub;
    }
    path
}

/// clap ends an error with "For more information, try '--help'."; within a subcommand that
/// help is the subcommand's, so the hint names it: "try 'tiptrack list --help'".
fn with_subcommand_help(rendered: &str, path: &[String]) -> String {
    if path.is_empty() {
        return rendered.to_string();
    }
    rendered.replace(
        "try '--help'",
        &format!("try 'tiptrack {} --help'", path.join(" ")),
    )
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
