//! The command-line conventions (issue 11, 5): clap's whole error text and exit 2, examples in
//! every help, completions and a man page, tables that fit a width without cutting words, the
//! `show` card, what `import` tells, `report --group-by`, and snake_case JSON keys.

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::{SEED, Sandbox};

const KAZ_2012: &str = "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt";
const GBR_2019: &str = "tests/fixtures/corpus/gbr-2019.txt";
const CIV_2023: &str = "tests/fixtures/corpus/civ-2023.txt";
/// A whole report's text as pdftotext gives it: several narratives in one file.
const REPORT: &str = "tests/fixtures/formats/report-2023-pdf.txt";

/// Exit code and standard error of a failed run.
fn failure(sandbox: &Sandbox, args: &[&str]) -> (i32, String) {
    let out = sandbox.run(args).failure().get_output().clone();
    assert!(out.stdout.is_empty(), "{args:?} printed on standard output");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn clap_errors_keep_their_whole_text_and_exit_2() {
    let sandbox = Sandbox::empty();
    let (code, err) = failure(&sandbox, &["lst"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: unrecognized subcommand 'lst'\n\n  tip: a similar subcommand exists: 'list'\n\n\
         Usage: tiptrack [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n"
    );
    // Within a subcommand, the hint names the subcommand's own help.
    let (code, err) = failure(&sandbox, &["list", "--bogus"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: unexpected argument '--bogus' found\n"),
        "{err}"
    );
    assert!(err.contains("Usage: tiptrack list [OPTIONS]"), "{err}");
    assert!(
        err.ends_with("For more information, try 'tiptrack list --help'.\n"),
        "{err}"
    );
    // The names of missing arguments.
    let (code, err) = failure(&sandbox, &["note", "KAZ-2011-4"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the following required arguments were not provided:\n  <TEXT>"),
        "{err}"
    );
    assert!(err.contains("try 'tiptrack note --help'"), "{err}");
    // The `--` tip, for a value that looks like a flag.
    let (_, err) = failure(&sandbox, &["note", "KAZ-2011-4", "--fast"]);
    assert!(
        err.contains("to pass '--fast' as a value, use '-- --fast'"),
        "{err}"
    );
    let (_, err) = failure(&sandbox, &["evidence", "add", "KAZ-2011-4", "--bogus"]);
    assert!(err.contains("try 'tiptrack evidence add --help'"), "{err}");
    // The refused argument's control characters are shown, not obeyed.
    let (code, err) = failure(&sandbox, &["lst\u{1b}]0;pwned\u{7}"]);
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("'lst\\u{1b}]0;pwned\\u{7}'"), "{err}");
    assert!(!sandbox.db.exists(), "a usage error created the database");
}

#[test]
fn a_mistyped_status_area_or_action_is_a_usage_error_with_a_suggestion() {
    let sandbox = Sandbox::seeded();
    let (code, err) = failure(&sandbox, &["list", "--status", "adressed"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: invalid value 'adressed' for '--status <STATUS>'\n"),
        "{err}"
    );
    assert!(
        err.contains("[possible values: open, in-progress, partially-addressed, addressed, not-addressed, superseded]"),
        "{err}"
    );
    assert!(
        err.contains("tip: a similar value exists: 'addressed'"),
        "{err}"
    );
    let (code, err) = failure(&sandbox, &["list", "--area", "protecton"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("tip: a similar value exists: 'protection'"),
        "{err}"
    );
    let (code, err) = failure(&sandbox, &["report", "--action", "specfic"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("tip: a similar value exists: 'specific'"),
        "{err}"
    );
    let (code, err) = failure(&sandbox, &["asks", "--status", "open", "--status", "dun"]);
    assert_eq!(code, 2, "{err}");
    // The status of `status ID... STATUS` is a word among IDs: tiptrack suggests it itself.
    let (code, err) = failure(&sandbox, &["status", "KAZ-2011-4", "adressed"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "tiptrack: unknown status 'adressed'; did you mean 'addressed'?; valid statuses are: \
         open, in-progress, partially-addressed, addressed, not-addressed, superseded\n"
    );
    let (code, err) = failure(&sandbox, &["classify", "KAZ-2011-4", "protecton"]);
    assert_eq!(code, 2, "{err}");
    // The spellings FromStr takes are taken on the command line too.
    let items = sandbox.json(&["list", "--status", "OPEN", "--area", "other"]);
    assert!(items.as_array().unwrap().len() < 8);
    sandbox.run(&["list", "--status", "in_progress"]).success();
}

#[test]
fn every_subcommands_help_ends_with_examples() {
    let sandbox = Sandbox::empty();
    for command in [
        &["import"][..],
        &["status"],
        &["note"],
        &["evidence"],
        &["evidence", "add"],
        &["evidence", "list"],
        &["evidence", "suggest"],
        &["evidence", "accept"],
        &["evidence", "reject"],
        &["review"],
        &["list"],
        &["asks"],
        &["assign"],
        &["tier"],
        &["dossier"],
        &["export-sheet"],
        &["apply-sheet"],
        &["show"],
        &["history"],
        &["report"],
        &["classify"],
        &["chain"],
        &["link"],
        &["unlink"],
        &["diff"],
        &["indicators"],
        &["completions"],
        &["man"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let help = sandbox.stdout(&args);
        let first = format!("Examples:\n  tiptrack {}", command[0]);
        assert!(help.contains(&first), "{command:?} --help:\n{help}");
        // `-h` is the short help, and has them too.
        args.pop();
        args.push("-h");
        assert!(
            sandbox.stdout(&args).contains("Examples:"),
            "{command:?} -h"
        );
    }
}

#[test]
fn completions_and_the_man_page() {
    let sandbox = Sandbox::empty();
    let bash = sandbox.stdout(&["completions", "bash"]);
    for name in [
        "import",
        "list",
        "report",
        "show",
        "evidence",
        "review",
        "completions",
        "man",
    ] {
        assert!(bash.contains(name), "bash completion lacks {name}");
    }
    assert!(
        bash.contains("--group-by"),
        "bash completion lacks --group-by"
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = sandbox.stdout(&["completions", shell]);
        assert!(script.contains("export-sheet"), "{shell}");
    }
    let (code, err) = failure(&sandbox, &["completions", "tcsh"]);
    assert_eq!(code, 2, "{err}");
    let man = sandbox.stdout(&["man"]);
    // After the two lines that define the apostrophe string for groff and other troffs.
    let title = man
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"));
    assert_eq!(title, Some(".TH tiptrack 1  \"tiptrack 0.1.0\" "), "{man}");
    assert!(
        man.contains("apply\\-sheet"),
        "the man page lacks the commands"
    );
    // Then a page for each command, with its options and examples.
    let list = man
        .find(".TH tiptrack-list 1  \"tiptrack 0.1.0\"")
        .expect("no page for list");
    let page = &man[list..];
    let page = &page[..page[1..].find(".TH ").map_or(page.len(), |end| end + 1)];
    assert!(page.contains("\\-\\-status"), "{page}");
    assert!(page.contains("tiptrack list \\-\\-warnings"), "{page}");
    let commands = sandbox.stdout(&["--help"]);
    let commands = commands
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l[2..].starts_with(' ') && !l[2..].starts_with("help"))
        .count();
    assert_eq!(
        man.matches("\n.TH ").count(),
        1 + commands,
        "a page per command"
    );
    // Neither needs a database, nor makes one.
    assert!(!sandbox.db.exists());
}

/// Kazakhstan, the United Kingdom and Côte d'Ivoire: a list with a country column.
fn three_countries() -> Sandbox {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["import", GBR_2019, "--year", "2019"])
        .success();
    sandbox
        .run(&["import", CIV_2023, "--year", "2023"])
        .success();
    sandbox
}

fn widest(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

#[test]
fn tables_fit_the_width_without_breaking_words() {
    let sandbox = three_countries();
    let items = sandbox.json(&["list"]);
    let countries: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["country"].as_str().unwrap())
        .collect();
    assert!(countries.contains(&"United Kingdom"), "{countries:?}");
    let all_words: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| {
            i["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for width in [60, 80, 120] {
        let out = sandbox
            .cmd()
            .env("COLUMNS", width.to_string())
            .arg("list")
            .output()
            .unwrap();
        assert!(out.status.success());
        let table = String::from_utf8(out.stdout).unwrap();
        assert!(widest(&table) <= width, "COLUMNS={width}:\n{table}");
        for country in &countries {
            assert!(
                table.contains(&format!("| {country} ")),
                "COLUMNS={width}: {country} is broken:\n{table}"
            );
        }
        // Every word of the text cell is a word of the recommendations: none cut in two.
        for line in table.lines().filter(|l| l.starts_with("| ")) {
            let text = line.trim_end_matches('|').rsplit('|').next().unwrap();
            for word in text.split_whitespace() {
                // A word too wide for the column breaks after a hyphen only.
                let whole = all_words.iter().any(|w| {
                    w == word
                        || (word.ends_with('-') && w.contains(word))
                        || w.ends_with(&format!("-{word}"))
                });
                assert!(
                    whole || word == "Recommendation",
                    "COLUMNS={width}: '{word}' is not a whole word:\n{line}"
                );
            }
        }
    }
    // In a pipe, with no COLUMNS: 80. --width wins over COLUMNS; --width 0 sets no limit.
    let table = sandbox.stdout(&["list"]);
    assert!(widest(&table) <= 80 && widest(&table) > 70, "{table}");
    let out = sandbox
        .cmd()
        .env("COLUMNS", "200")
        .args(["list", "--width", "100"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(widest(&table) <= 100 && widest(&table) > 90, "{table}");
    let unlimited = sandbox.stdout(&["list", "--width", "0"]);
    let longest_text = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .max_by_key(|t| t.width())
        .unwrap();
    assert!(unlimited.contains(longest_text), "--width 0 wrapped");
    // A narrow table leaves out the classification before the text gets unreadable, and says so.
    let narrow = sandbox.stdout(&["list", "--width", "60"]);
    let words = narrow.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.ends_with(
            "(Area, Action left out to fit 60 columns; --width 0 or --format csv has every \
             column)"
        ),
        "{narrow}"
    );
}

#[test]
fn show_is_a_card() {
    let sandbox = Sandbox::seeded();
    let note = "Asked the ministry for the 2012 figures, which the desk officer promised us by \
                the end of the month";
    let evidence = "The government convicted two officials for complicity in trafficking";
    for args in [
        &[
            "status",
            "KAZ-2011-4",
            "in-progress",
            "--date",
            "2011-09-01",
        ][..],
        &["note", "KAZ-2011-4", note],
        &[
            "evidence",
            "add",
            "KAZ-2011-4",
            "--year",
            "2012",
            "--text",
            evidence,
        ],
    ] {
        sandbox.run(args).success();
    }
    let card = sandbox.stdout(&["show", "KAZ-2011-4"]);
    let lines: Vec<&str> = card.lines().collect();
    assert_eq!(lines[0], "KAZ-2011-4  Kazakhstan 2011  in-progress");
    assert_eq!(lines[1], "");
    assert!(
        lines[2].starts_with("  investigate and prosecute government officials"),
        "{card}"
    );
    assert!(widest(&card) <= 80, "{card}");
    assert!(!card.contains("+--"), "a table in the card:\n{card}");
    for field in [
        "\nTier:     Tier 2\n",
        "\nStatus:   in-progress since 2011-09-01",
        "\nAsk:      KAZ-2011-4, made in 2011 (1 report)",
        "\nArea:     prosecution\n",
        "\nAction:   specific\n",
        "\nNotes on the ask\n  - note 1, ",
        "\n    the 2012 figures, which the desk officer",
        "\nEvidence on the ask\n  - evidence 1, [2012] The government convicted two officials",
        "\nHistory of KAZ-2011-4\n  - ",
        "tester status: open -> in-progress",
    ] {
        assert!(card.contains(field), "{field:?} missing:\n{card}");
    }
    // The card follows the width too.
    let narrow = sandbox.stdout(&["show", "KAZ-2011-4", "--width", "50"]);
    assert!(widest(&narrow) <= 50, "{narrow}");
}

#[test]
fn importing_a_whole_report_prints_a_summary() {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["import", KAZ_2012]).success();
    let out = sandbox
        .run(&["import", REPORT])
        .success()
        .get_output()
        .clone();
    assert!(
        out.stdout.is_empty(),
        "the items of a whole report were printed"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains(" narratives (") && lines[0].contains(" recommendations, "),
        "{err}"
    );
    assert!(
        lines[0].ends_with(" linked to an earlier report's ask"),
        "{err}"
    );
    assert!(
        lines[1] == "no warnings" || lines[1].ends_with("see tiptrack list --warnings"),
        "{err}"
    );
    assert!(
        lines[2].ends_with(" suggestions await review: run `tiptrack review`"),
        "{err}"
    );

    // Two narratives: a summary, with the suggestions made from the later one.
    let sandbox = Sandbox::empty();
    let out = sandbox
        .run(&["import", SEED, KAZ_2012])
        .success()
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let linked = sandbox
        .json(&["list", "--year", "2012"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["ask"] != i["id"])
        .count();
    let waiting = sandbox
        .json(&["evidence", "list", "--suggested"])
        .as_array()
        .unwrap()
        .len();
    assert!(waiting > 0 && linked > 0);
    let items = sandbox.json(&["list"]).as_array().unwrap().len();
    assert!(
        err.starts_with(&format!(
            "2 narratives (2 new, 0 updated, 0 unchanged), {items} recommendations, {linked} \
             linked to an earlier report's ask\n"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "\n{waiting} suggestions await review: run `tiptrack review`\n"
        )),
        "{err}"
    );

    // --verbose: a line per narrative, and the items.
    let sandbox = Sandbox::empty();
    let out = sandbox
        .run(&["import", SEED, KAZ_2012, "--verbose", "--format", "json"])
        .success()
        .get_output()
        .clone();
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed.as_array().unwrap().len(), items);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!(
            "{SEED}: imported Kazakhstan 2011 (Tier 2): 8 recommendations\n"
        )),
        "{err}"
    );

    // --quiet: nothing at all, and the import made.
    let sandbox = Sandbox::empty();
    sandbox
        .run(&["import", SEED, KAZ_2012, "--quiet"])
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(sandbox.json(&["list"]).as_array().unwrap().len(), items);
    let sandbox = Sandbox::empty();
    sandbox
        .run(&["import", SEED, "-q"])
        .success()
        .stdout("")
        .stderr("");
    // But an error still is told.
    let (code, err) = failure(&sandbox, &["import", "missing.txt", "--quiet"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("tiptrack: cannot read missing.txt"),
        "{err}"
    );

    // One narrative: its line and its items, as before.
    let sandbox = Sandbox::empty();
    let out = sandbox
        .run(&["import", SEED])
        .success()
        .get_output()
        .clone();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("KAZ-2011-8")
    );
}

#[test]
fn report_groups_with_group_by_and_refuses_by() {
    let sandbox = Sandbox::seeded();
    let by_area = sandbox.json(&["report", "--group-by", "area"]);
    assert!(by_area["rows"][0]["area"].is_string(), "{by_area}");
    let (code, err) = failure(&sandbox, &["report", "--by", "area"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "tiptrack: report groups its rows with --group-by area (--by names who acts, in the \
         commands that change something)\n"
    );
    let help = sandbox.stdout(&["report", "--help"]);
    assert!(help.contains("--group-by <ROWS>"), "{help}");
    assert!(!help.contains("--by "), "{help}");
}

/// Every key of a JSON document, at every depth.
fn keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                out.push(key.clone());
                keys(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn json_keys_are_snake_case_and_statuses_are_values() {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["import", KAZ_2012]).success();
    sandbox
        .run(&["status", "KAZ-2011-4", "in-progress", "--note", "begun"])
        .success();
    sandbox.run(&["note", "KAZ-2011-4", "a note"]).success();
    let report = sandbox.json(&["report"]);
    assert_eq!(report["total"]["in_progress"], 1);
    assert_eq!(report["total"]["not_addressed"], 0);
    assert_eq!(report["total"]["partially_addressed"], 0);
    let dossier = sandbox.json(&["dossier", "KAZ"]);
    assert_eq!(dossier["summary"]["in_progress"], 1);
    for args in [
        &["list"][..],
        &["list", "--warnings"],
        &["asks"],
        &["report"],
        &["report", "--group-by", "area"],
        &["report", "--group-by", "action"],
        &["report", "--group-by", "owner"],
        &["report", "--period", "2012"],
        &["dossier", "KAZ", "--period", "2012", "--suggestions"],
        &["show", "KAZ-2011-4"],
        &["history"],
        &["evidence", "list"],
        &["evidence", "list", "--suggested"],
        &["chain", "KAZ-2011-4"],
        &["diff", "KAZ", "2011", "2012"],
        &["tier", "KAZ"],
        &["indicators", "KAZ"],
        &["import", SEED, "--dry-run"],
    ] {
        let mut found = Vec::new();
        keys(&sandbox.json(args), &mut found);
        for key in found {
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{args:?}: the key '{key}' is not snake_case"
            );
        }
    }
}
