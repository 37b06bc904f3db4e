//! Every bad input: one clear line on stderr, the documented exit code, and the database exactly
//! as it was.

use pretty_assertions::assert_eq;

use crate::{SEED, Sandbox, error_line};

/// Runs a failing command on a seeded database and returns its one line of stderr, checking the
/// exit code and that the database did not change.
fn fails(sandbox: &Sandbox, args: &[&str], code: i32) -> String {
    let before = sandbox.dump();
    let line = error_line(sandbox.run(args), code);
    assert_eq!(
        sandbox.dump(),
        before,
        "the database changed after: {args:?}"
    );
    line
}

fn write(sandbox: &Sandbox, name: &str, bytes: &[u8]) -> String {
    let path = sandbox.path(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn a_missing_file() {
    let sandbox = Sandbox::seeded();
    let missing = sandbox.path("nope.txt").display().to_string();
    let line = fails(&sandbox, &["import", &missing], 1);
    assert_eq!(
        line,
        format!("tiptrack: cannot read {missing}: No such file or directory (os error 2)")
    );
}

#[test]
fn a_directory() {
    let sandbox = Sandbox::seeded();
    let dir = sandbox.dir.path().display().to_string();
    let line = fails(&sandbox, &["import", &dir], 1);
    assert_eq!(
        line,
        format!("tiptrack: cannot read {dir}: it is a directory, not a regular file")
    );
}

#[test]
fn an_empty_file() {
    let sandbox = Sandbox::seeded();
    let file = write(&sandbox, "empty.txt", b"");
    let line = fails(&sandbox, &["import", &file], 1);
    assert_eq!(
        line,
        format!("tiptrack: cannot import {file}: the file is empty")
    );
}

#[test]
fn a_binary_file() {
    let sandbox = Sandbox::seeded();
    let file = write(&sandbox, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let line = fails(&sandbox, &["import", &file], 1);
    assert_eq!(
        line,
        format!(
            "tiptrack: cannot import {file}: this is a binary file, not text (NUL byte at offset 8)"
        )
    );
}

#[test]
fn invalid_utf8_says_where() {
    let sandbox = Sandbox::seeded();
    let file = write(
        &sandbox,
        "latin1.txt",
        b"Trafficking in Persons Report 2011\n\nC\xf4te d'Ivoire",
    );
    let line = fails(&sandbox, &["import", &file, "--encoding", "utf-8"], 1);
    assert_eq!(
        line,
        format!(
            "tiptrack: cannot import {file}: the file is not valid UTF-8: invalid byte 0xF4 at line 3, column 2"
        )
    );
}

#[test]
fn a_bad_file_among_good_ones_imports_nothing() {
    let sandbox = Sandbox::blank();
    let empty = write(&sandbox, "empty.txt", b"");
    let line = fails(&sandbox, &["import", SEED, &empty], 1);
    assert!(line.ends_with("the file is empty"), "{line}");
}

#[test]
fn no_year_and_no_country_name_the_flag_to_use() {
    let sandbox = Sandbox::seeded();
    let no_year = write(
        &sandbox,
        "no-year.txt",
        b"KAZAKHSTAN (Tier 2)\n\nRecommendations for Kazakhstan: Do it.\n",
    );
    let line = fails(&sandbox, &["import", &no_year], 1);
    assert_eq!(
        line,
        format!("tiptrack: {no_year}: the text states no report year; give it with --year YYYY")
    );

    let no_country = write(
        &sandbox,
        "no-country.txt",
        b"Trafficking in Persons Report 2011\n\nSome text.\n",
    );
    let line = fails(&sandbox, &["import", &no_country], 1);
    assert_eq!(
        line,
        format!("tiptrack: {no_country}: the text names no country; give it with --country NAME")
    );

    let line = fails(&sandbox, &["import", SEED, "--country", "Kazakstan"], 1);
    assert_eq!(
        line,
        "tiptrack: unknown country 'Kazakstan'; did you mean Kazakhstan?"
    );
}

#[test]
fn an_unknown_id_suggests_close_matches() {
    let sandbox = Sandbox::seeded();
    let line = fails(&sandbox, &["status", "KAZ-2011-9", "addressed"], 1);
    assert_eq!(
        line,
        "tiptrack: unknown recommendation ID 'KAZ-2011-9'; did you mean KAZ-2011-1, KAZ-2011-2, KAZ-2011-3?"
    );
    let line = fails(&sandbox, &["show", "KZA-2011-4"], 1);
    assert!(
        line.starts_with(
            "tiptrack: unknown recommendation ID 'KZA-2011-4'; did you mean KAZ-2011-4"
        ),
        "{line}"
    );
    let line = fails(&sandbox, &["note", "XYZ-1999-1", "text"], 1);
    assert_eq!(line, "tiptrack: unknown recommendation ID 'XYZ-1999-1'");
}

#[test]
fn one_unknown_id_among_several_changes_nothing() {
    let sandbox = Sandbox::seeded();
    let line = fails(
        &sandbox,
        &["status", "KAZ-2011-1", "KAZ-2011-99", "addressed"],
        1,
    );
    assert!(
        line.starts_with("tiptrack: unknown recommendation ID 'KAZ-2011-99'"),
        "{line}"
    );
}

#[test]
fn an_invalid_status_lists_the_valid_ones() {
    let sandbox = Sandbox::seeded();
    let line = fails(&sandbox, &["status", "KAZ-2011-4", "done"], 2);
    assert_eq!(
        line,
        "tiptrack: unknown status 'done'; valid statuses are: open, in-progress, \
         partially-addressed, addressed, not-addressed, superseded"
    );
    let line = fails(&sandbox, &["list", "--status", "finished"], 2);
    assert_eq!(
        line,
        "error: invalid value 'finished' for '--status <STATUS>'"
    );
    let line = fails(&sandbox, &["status", "addressed", "KAZ-2011-4"], 2);
    assert_eq!(
        line,
        "tiptrack: the status goes last: tiptrack status ID... STATUS"
    );
}

#[test]
fn an_invalid_date() {
    let sandbox = Sandbox::seeded();
    for date in ["2012-02-30", "15/03/2012", "2012-3-5"] {
        let line = fails(
            &sandbox,
            &["status", "KAZ-2011-4", "addressed", "--date", date],
            1,
        );
        assert_eq!(
            line,
            format!(
                "tiptrack: invalid date '{date}' for --date: use YYYY-MM-DD, a year from 1990 to \
                 2100, e.g. 2012-06-19"
            )
        );
    }
    let line = fails(
        &sandbox,
        &[
            "evidence",
            "add",
            "KAZ-2011-4",
            "--year",
            "2012",
            "--text",
            "x",
            "--date",
            "yesterday",
        ],
        1,
    );
    assert!(
        line.starts_with("tiptrack: invalid date 'yesterday'"),
        "{line}"
    );
}

#[test]
fn empty_notes_and_evidence_are_refused() {
    let sandbox = Sandbox::seeded();
    assert_eq!(
        fails(&sandbox, &["note", "KAZ-2011-4", "  "], 1),
        "tiptrack: the note is empty"
    );
    assert_eq!(
        fails(
            &sandbox,
            &[
                "evidence",
                "add",
                "KAZ-2011-4",
                "--year",
                "2012",
                "--text",
                ""
            ],
            1
        ),
        "tiptrack: the evidence text is empty"
    );
}

#[test]
fn a_file_that_is_not_a_database() {
    let sandbox = Sandbox::empty();
    let notes = sandbox.path("notes.txt");
    std::fs::write(&notes, "my notes, not a database\n".repeat(100)).unwrap();
    let before = std::fs::read(&notes).unwrap();
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    cmd.arg("--db").arg(&notes).args(["import", SEED]);
    let line = error_line(cmd.assert(), 1);
    assert_eq!(
        line,
        format!(
            "tiptrack: cannot use {} as a tiptrack database: not an SQLite database",
            notes.display()
        )
    );
    assert_eq!(std::fs::read(&notes).unwrap(), before);
}

#[test]
fn another_programs_database_is_left_alone() {
    let sandbox = Sandbox::empty();
    let other = sandbox.path("photos.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE photo (id INTEGER)")
        .unwrap();
    let before = crate::dump(&other);
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    cmd.arg("--db").arg(&other).arg("list");
    let line = error_line(cmd.assert(), 1);
    assert!(
        line.ends_with("not a tiptrack database: it already holds tables of another program"),
        "{line}"
    );
    assert_eq!(crate::dump(&other), before);
}

#[test]
fn a_database_from_a_newer_tiptrack_is_refused() {
    crate::sqlite_only!("makes a newer SQLite file");
    let sandbox = Sandbox::seeded();
    rusqlite::Connection::open(&sandbox.db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let line = fails(&sandbox, &["list"], 1);
    let known = tiptrack::store::migrate::SCHEMA_VERSION;
    assert!(
        line.ends_with(&format!(
            "the database has schema version 99, but this tiptrack knows only up to version \
             {known}; upgrade tiptrack"
        )),
        "{line}"
    );
}

#[test]
fn a_read_only_database() {
    crate::sqlite_only!("a read-only database file");
    let sandbox = Sandbox::seeded();
    let mut permissions = std::fs::metadata(&sandbox.db).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&sandbox.db, permissions).unwrap();

    let line = fails(&sandbox, &["status", "KAZ-2011-4", "addressed"], 1);
    assert_eq!(
        line,
        format!(
            "tiptrack: the database is read-only: {}",
            sandbox.db.display()
        )
    );
    let line = fails(&sandbox, &["import", SEED], 1);
    assert!(line.contains("the database is read-only"), "{line}");
    // Reading still works.
    assert_eq!(sandbox.json(&["list"]).as_array().unwrap().len(), 8);
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::seeded();
    for args in [
        &["status", "KAZ-2011-4"][..],
        &["import"],
        &["list", "--format", "xml"],
        &["frobnicate"],
        &["evidence", "add", "KAZ-2011-4", "--text", "no year"],
        &["import", SEED, "--year", "1850"],
    ] {
        // clap's own text: error_line checks that it points to the help.
        let line = fails(&sandbox, args, 2);
        assert!(line.starts_with("error: "), "{args:?}: {line}");
    }
    let line = fails(&sandbox, &["list", "--format", "xml"], 2);
    assert!(
        line.contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{line}"
    );
}

#[test]
fn a_whole_report_with_an_unknown_country_imports_nothing() {
    let sandbox = Sandbox::seeded();
    let report = std::fs::read_to_string("tests/fixtures/formats/report-2023-pdf.txt").unwrap();
    let file = write(
        &sandbox,
        "narnia.txt",
        report
            .replace("TIMOR-LESTE: TIER 2", "NARNIA: TIER 2")
            .as_bytes(),
    );
    let line = fails(&sandbox, &["import", &file], 1);
    assert_eq!(
        line,
        format!(
            "tiptrack: {file}: narrative 3 of 4 (NARNIA): its heading names a country tiptrack \
             does not know: unknown country 'NARNIA'; did you mean Armenia?"
        )
    );
}
