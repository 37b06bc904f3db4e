//! `db copy`: a whole database from SQLite to PostgreSQL and back, verified, and never into a
//! database that holds something.

use crate::{Sandbox, error_line};

/// The sandbox's database, with a status, a note and evidence recorded.
fn worked_on() -> Sandbox {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "in-progress", "--note", "draft law"])
        .success();
    sandbox
        .run(&["note", "KAZ-2011-7", "ask for the budget"])
        .success();
    sandbox
        .run(&[
            "evidence",
            "add",
            "KAZ-2011-2",
            "--text",
            "Two convictions",
            "--year",
            "2012",
        ])
        .success();
    sandbox
}

/// `tiptrack export` of the database `db`.
fn export(db: &str) -> String {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    let out = cmd
        .env_remove("TIPTRACK_DB")
        .args(["--db", db, "export"])
        .assert();
    String::from_utf8(out.success().get_output().stdout.clone()).unwrap()
}

#[test]
fn a_copy_is_the_same_database_verified_and_a_second_copy_is_refused() {
    let sandbox = worked_on();
    let from = sandbox.db.to_str().unwrap().to_string();
    let to = sandbox.path("copy.db");
    let to = to.to_str().unwrap();
    let copied = sandbox
        .cmd()
        .args(["db", "copy", &from, to])
        .assert()
        .success();
    let out = copied.get_output();
    let table = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(table.contains("| recommendation    | 8    |"), "{table}");
    assert!(!table.contains("| NO "), "{table}");
    let said = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(
        said.contains("read back from both, every table's rows and checksum are the same"),
        "{said}"
    );
    // The dumps of the two are identical, byte for byte, history included.
    let original = sandbox.stdout(&["export"]);
    assert_eq!(export(to), original);
    assert!(original.contains("draft law") && original.contains("ask for the budget"));

    // A second copy into it is refused, and leaves it as it was.
    let line = error_line(sandbox.cmd().args(["db", "copy", &from, to]).assert(), 1);
    assert!(
        line.contains("is not empty")
            && line.contains("db copy goes only into a new or empty database"),
        "{line}"
    );
    assert_eq!(export(to), original);

    // JSON carries the figures.
    let again = sandbox.path("again.db");
    let json = sandbox.stdout(&[
        "db",
        "copy",
        &from,
        again.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let recommendation = json
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "recommendation")
        .unwrap();
    assert_eq!(recommendation["rows_from"], 8);
    assert_eq!(recommendation["rows_to"], 8);
    assert_eq!(recommendation["sha256_from"], recommendation["sha256_to"]);
}

#[test]
fn an_sqlite_database_copied_to_postgres_and_back_is_identical() {
    let Some(server) = crate::postgres::server() else {
        eprintln!("skipped: needs a PostgreSQL server (TIPTRACK_TEST_PG)");
        return;
    };
    let sandbox = worked_on();
    let original = sandbox.stdout(&["export"]);
    // Whatever the sandbox's own database is, through a file first.
    let file = sandbox.path("start.db");
    let file = file.to_str().unwrap();
    let from = sandbox.db.to_str().unwrap().to_string();
    sandbox
        .cmd()
        .args(["db", "copy", &from, file])
        .assert()
        .success();
    let database = server.create();
    sandbox
        .cmd()
        .args(["db", "copy", file, &database.url])
        .assert()
        .success();
    let back = sandbox.path("back.db");
    let back = back.to_str().unwrap();
    sandbox
        .cmd()
        .args(["db", "copy", &database.url, back])
        .assert()
        .success();
    assert_eq!(export(file), original);
    assert_eq!(export(&database.url), original);
    assert_eq!(export(back), original);
}
