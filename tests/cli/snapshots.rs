//! Snapshot tests for tables and reports as a user sees them in a file or pipe (plain ASCII).

use crate::Sandbox;

/// Times differ from run to run; everything else in the output must not.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    // A replacement of the same width keeps the table columns aligned.
    settings.add_filter(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "YYYY-MM-DDTHH:MM:SSZ");
    settings
}

#[test]
fn list_table() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    settings().bind(|| insta::assert_snapshot!(sandbox.stdout(&["list"])));
}

#[test]
fn report_table() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    sandbox
        .run(&["status", "KAZ-2011-8", "partially-addressed"])
        .success();
    settings().bind(|| insta::assert_snapshot!(sandbox.stdout(&["report"])));
}

#[test]
fn show_table() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-4",
            "addressed",
            "--note",
            "Convictions reported",
            "--date",
            "2012-04-01",
        ])
        .success();
    sandbox
        .run(&["note", "KAZ-2011-4", "Check the 2012 report"])
        .success();
    sandbox
        .run(&[
            "evidence",
            "add",
            "KAZ-2011-4",
            "--year",
            "2012",
            "--text",
            "Three officials were convicted.",
        ])
        .success();
    settings().bind(|| insta::assert_snapshot!(sandbox.stdout(&["show", "KAZ-2011-4"])));
}

#[test]
fn history_table() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-2",
            "in-progress",
            "--note",
            "Referral law drafted",
        ])
        .success();
    settings().bind(|| insta::assert_snapshot!(sandbox.stdout(&["history", "--limit", "3"])));
}

/// The formats a view is printed in. Every view has all four: JSON comes from the model values,
/// the other three from the view's grid.
const FORMATS: [&str; 4] = ["table", "csv", "markdown", "json"];

/// Kazakhstan's 2011, 2012 and 2013 reports with what a user records on them: a status (dated,
/// with a note, made again by the 2013 report), another in progress (dated too: an undated
/// status is dated today), a note, evidence (one piece dated outside its report's period), an
/// owner and due date, and a tier set by hand.
fn kazakhstan() -> Sandbox {
    let sandbox = Sandbox::seeded();
    for file in [
        "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt",
        "tests/fixtures/quality/kaz-2013-made-for-tests.txt",
    ] {
        sandbox.run(&["import", file]).success();
    }
    let changes: [&[&str]; 7] = [
        &[
            "status",
            "KAZ-2011-4",
            "addressed",
            "--note",
            "Convictions reported",
            "--date",
            "2012-04-01",
        ],
        &[
            "status",
            "KAZ-2011-8",
            "in-progress",
            "--date",
            "2011-09-01",
        ],
        &["note", "KAZ-2011-4", "Check the 2013 report"],
        &[
            "evidence",
            "add",
            "KAZ-2011-4",
            "--year",
            "2012",
            "--text",
            "Three officials were convicted.",
            "--source",
            "2012 report, prosecution",
            "--date",
            "2011-06-01",
        ],
        &[
            "evidence",
            "add",
            "KAZ-2011-4",
            "--year",
            "2012",
            "--text",
            "A task force on complicity was set up.",
            "--date",
            "2010-01-15",
        ],
        &[
            "assign",
            "KAZ-2011-4",
            "--owner",
            "Ministry of Internal Affairs",
            "--due",
            "period-end:2012",
        ],
        &["tier", "KAZ", "2013", "Tier 2 Watch List"],
    ];
    for args in changes {
        sandbox.run(args).success();
    }
    sandbox
}

/// Snapshots of a view in every format, named `NAME-FORMAT`.
fn assert_formats(sandbox: &Sandbox, name: &str, args: &[&str]) {
    for format in FORMATS {
        let mut args = args.to_vec();
        args.extend(["--format", format]);
        let mut out = sandbox.stdout(&args);
        if format == "csv" {
            // RFC 4180 ends every record with CRLF; the snapshot shows the lines as an editor
            // does.
            assert!(
                out.split_inclusive('\n').all(|line| line.ends_with("\r\n")),
                "{name}: a CSV line without CRLF"
            );
            out = out.replace("\r\n", "\n");
        }
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: a control character in the {format} output"
        );
        let command = format!("tiptrack {}", args.join(" "));
        settings().bind(|| insta::assert_snapshot!(format!("{name}-{format}"), out, &command));
    }
}

#[test]
fn list_in_every_format() {
    assert_formats(&kazakhstan(), "list", &["list"]);
}

#[test]
fn asks_in_every_format() {
    assert_formats(&kazakhstan(), "asks", &["asks"]);
}

#[test]
fn show_in_every_format() {
    let sandbox = kazakhstan();
    assert_formats(&sandbox, "show", &["show", "KAZ-2011-4"]);
    // A later item of the ask: the ask's notes and evidence, the item's own history.
    assert_formats(&sandbox, "show-later-item", &["show", "KAZ-2013-3"]);
}

#[test]
fn report_in_every_format() {
    let sandbox = kazakhstan();
    assert_formats(&sandbox, "report", &["report"]);
    assert_formats(
        &sandbox,
        "report-by-owner",
        &["report", "--group-by", "owner"],
    );
    assert_formats(&sandbox, "report-period", &["report", "--period", "2012"]);
}

#[test]
fn diff_in_every_format() {
    assert_formats(&kazakhstan(), "diff", &["diff", "KAZ", "2011", "2013"]);
}

#[test]
fn chain_in_every_format() {
    assert_formats(&kazakhstan(), "chain", &["chain", "KAZ-2011-4"]);
}

#[test]
fn indicators_in_every_format() {
    assert_formats(&kazakhstan(), "indicators", &["indicators", "KAZ"]);
}

#[test]
fn evidence_in_every_format() {
    let sandbox = kazakhstan();
    assert_formats(&sandbox, "evidence", &["evidence", "list"]);
    assert_formats(
        &sandbox,
        "evidence-suggested",
        &["evidence", "list", "--suggested"],
    );
}

#[test]
fn history_in_every_format() {
    assert_formats(&kazakhstan(), "history", &["history", "KAZ-2011-4"]);
}

#[test]
fn warnings_in_every_format() {
    let sandbox = kazakhstan();
    // Kazakhstan's reports import without a warning; this copy has two.
    sandbox
        .run(&["import", "tests/fixtures/formats/civ-2023-windows-1252.txt"])
        .success();
    assert_formats(&sandbox, "warnings", &["list", "--warnings"]);
}

#[test]
fn import_dry_run_in_every_format() {
    // Two narratives: each with its heading, the first with its warnings.
    assert_formats(
        &kazakhstan(),
        "import-dry-run",
        &[
            "import",
            "--dry-run",
            "tests/fixtures/formats/civ-2023-windows-1252.txt",
            "tests/fixtures/quality/kaz-2013-made-for-tests.txt",
        ],
    );
}

#[test]
fn tiers_in_every_format() {
    assert_formats(&kazakhstan(), "tiers", &["tier", "KAZ"]);
}

/// The dossier in Markdown and JSON (the HTML and workbook are checked in tests/cli/dossier.rs
/// and by the browser check): its day and its database's path differ from run to run.
#[test]
fn dossier_in_markdown_and_json() {
    let sandbox = kazakhstan();
    let mut settings = settings();
    settings.add_filter(r"\d{4}-\d\d-\d\d", "YYYY-MM-DD");
    settings.add_filter(r#"(database `|"database": ")[^`"]*"#, "${1}DB");
    for format in ["markdown", "json"] {
        let out = sandbox.stdout(&["dossier", "KAZ", "--period", "2012", "--format", format]);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
        settings.bind(|| insta::assert_snapshot!(format!("dossier-{format}"), out));
    }
}

#[test]
fn csv_for_spreadsheets_starts_with_a_byte_order_mark() {
    let sandbox = kazakhstan();
    let plain = sandbox.stdout(&["asks", "--format", "csv"]);
    let marked = sandbox.stdout(&["asks", "--format", "csv", "--bom"]);
    assert!(!plain.starts_with('\u{feff}'));
    assert_eq!(marked, format!("\u{feff}{plain}"));
}
