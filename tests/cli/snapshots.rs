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
