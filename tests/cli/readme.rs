//! The README is the user's manual: what it documents must match what tiptrack does.

use tiptrack::classify::{ACTION_RULES, AREA_RULES};

fn readme() -> String {
    std::fs::read_to_string("README.md").unwrap()
}

/// The classification rules are documented with the importer, in docs/importing.md.
fn importing_doc() -> String {
    std::fs::read_to_string("docs/importing.md").unwrap()
}

#[test]
fn the_docs_list_every_classification_rule() {
    let readme = importing_doc();
    for rule in AREA_RULES {
        let row = format!(
            "| {} | {} |",
            rule.area,
            rule.phrases
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert!(
            readme.contains(&row),
            "docs/importing.md lacks or misstates: {row}"
        );
    }
    for rule in ACTION_RULES {
        let row = format!(
            "| {} | {} |",
            rule.action,
            rule.leading
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert!(
            readme.contains(&row),
            "docs/importing.md lacks or misstates: {row}"
        );
    }
}

#[test]
fn the_readme_documents_every_command() {
    let readme = readme();
    let help = assert_cmd::cargo::cargo_bin_cmd!("tiptrack")
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A command's line starts at the third column; a description wrapped onto the next
        // line starts further in.
        .filter(|l| !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 9, "{help}");
    for command in commands {
        assert!(
            readme.contains(&format!("`tiptrack {command}")),
            "the README (or docs/cli.md) lacks `tiptrack {command}`"
        );
    }
}

#[test]
fn the_readme_stays_short_and_its_links_resolve() {
    let readme = readme();
    let lines = readme.lines().count();
    assert!(
        lines < 250,
        "the README has {lines} lines: details belong in docs/"
    );
    for doc in readme
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|target| !target.starts_with('#') && !target.starts_with("http"))
    {
        let file = doc.split('#').next().unwrap();
        assert!(
            std::path::Path::new(file).exists(),
            "the README links to {file}, which does not exist"
        );
    }
}

/// One `$ tiptrack ...` line of a console block in the README, and the lines it shows printed.
struct Example {
    line: String,
    args: Vec<String>,
    shown: Vec<String>,
}

/// The README's console examples, in order: commands joined across `\` line ends, comments cut.
fn examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut pending: Option<String> = None;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(mut command) = pending.take() {
            command.push(' ');
            command.push_str(line.trim());
            if command.ends_with('\\') {
                command.pop();
                pending = Some(command);
            } else {
                examples.push(example(command));
            }
        } else if let Some(command) = line.strip_prefix("$ ") {
            if let Some(command) = command.strip_suffix('\\') {
                pending = Some(command.to_string());
            } else {
                examples.push(example(command.to_string()));
            }
        } else if let Some(last) = examples.last_mut()
            && line != "…"
        {
            last.shown.push(line.trim_end().to_string());
        }
    }
    examples
}

fn example(line: String) -> Example {
    let command = match line.find("  #") {
        Some(at) => line[..at].trim_end().to_string(),
        None => line.trim_end().to_string(),
    };
    Example {
        args: shell_words::split(&command).expect("a README example is a shell command line"),
        line,
        shown: Vec::new(),
    }
}

/// Every `$ tiptrack` line of the README's console blocks runs, in order, on one demo database,
/// succeeds, and prints the lines the README shows it printing (`…` marks lines left out).
#[test]
fn the_readme_examples_run_as_shown() {
    let readme = readme();
    let examples = examples(&readme);
    assert!(examples.len() >= 15, "{} examples found", examples.len());
    let cwd = tempfile::tempdir().unwrap();
    let db = cwd.path().join("demo.db");
    let root = std::env::current_dir().unwrap();
    let mut ran = 0;
    for example in &examples {
        let Some((program, args)) = example.args.split_first() else {
            continue;
        };
        if program == "export" {
            assert!(args[0].starts_with("TIPTRACK_DB="), "{}", example.line);
            continue;
        }
        assert_eq!(program, "tiptrack", "{}", example.line);
        // `review` reads keys from a terminal: tests/cli/review.rs types them in a pseudo-terminal.
        if args[0] == "review" {
            continue;
        }
        // Run from the clone, as the README does, with files written into the sandbox.
        let mut args = args.to_vec();
        if let Some(at) = args.iter().position(|a| a == "-o") {
            args[at + 1] = cwd
                .path()
                .join(&args[at + 1])
                .to_string_lossy()
                .into_owned();
        }
        let output = assert_cmd::cargo::cargo_bin_cmd!("tiptrack")
            .current_dir(&root)
            .env("TIPTRACK_DB", &db)
            .env("TIPTRACK_USER", "tester")
            .args(&args)
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.status.success(),
            "README example failed: {}\n{printed}",
            example.line
        );
        let printed: Vec<&str> = printed.lines().map(str::trim_end).collect();
        for shown in &example.shown {
            assert!(
                printed.contains(&shown.as_str()),
                "README example `{}` shows a line it does not print:\n{shown}\nIt prints:\n{}",
                example.line,
                printed.join("\n")
            );
        }
        ran += 1;
    }
    assert!(ran >= 15, "{ran} examples ran");
}
