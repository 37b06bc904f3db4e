//! The database file itself: never made by a command that only reads or that fails, never an
//! SQLite special name, private, durable with one sync, and backed up, exported and restored
//! whole.

use std::path::Path;

use crate::{SEED, Sandbox, error_line};

/// The files in the sandbox's folder, by name.
fn files(sandbox: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `tiptrack --db DB`, as [`Sandbox::cmd`] for another path.
fn tiptrack(db: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    cmd.env_remove("TIPTRACK_DB")
        .env("TIPTRACK_USER", "tester")
        .arg("--db")
        .arg(db);
    cmd
}

fn missing(db: &Path) -> String {
    format!(
        "tiptrack: no database at {} (import a narrative first, or check --db / TIPTRACK_DB)",
        db.display()
    )
}

#[test]
fn a_command_on_a_missing_database_fails_and_creates_nothing() {
    let sandbox = Sandbox::empty();
    for args in [
        &["list"][..],
        &["show", "KAZ-2011-4"],
        &["report"],
        &["history"],
        &["asks"],
        &["evidence", "list", "--suggested"],
        &["chain", "KAZ-2011-4"],
        &["tier", "KAZ"],
        &["status", "KAZ-2011-4", "addressed"],
        &["note", "KAZ-2011-4", "a note"],
        &["evidence", "suggest"],
        &["link", "KAZ-2011-4", "KAZ-2011-5"],
    ] {
        let line = error_line(sandbox.run(args), 1);
        assert_eq!(line, missing(&sandbox.db), "{args:?}");
        assert_eq!(files(&sandbox), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn an_empty_file_is_no_database_either() {
    let sandbox = Sandbox::empty();
    std::fs::write(&sandbox.db, b"").unwrap();
    let line = error_line(sandbox.run(&["list"]), 1);
    assert_eq!(line, missing(&sandbox.db));
    assert_eq!(std::fs::metadata(&sandbox.db).unwrap().len(), 0);
}

#[test]
fn a_missing_database_in_a_missing_folder_is_not_made_by_a_failed_import() {
    let sandbox = Sandbox::empty();
    let db = sandbox.path("new/folder/tiptrack.db");
    let empty = sandbox.path("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let line = error_line(
        tiptrack(&db)
            .args(["import", SEED, empty.to_str().unwrap()])
            .assert(),
        1,
    );
    assert!(line.ends_with("the file is empty"), "{line}");
    assert_eq!(files(&sandbox), vec!["empty.txt".to_string()]);
}

#[test]
fn an_import_makes_the_database_and_its_folders() {
    let sandbox = Sandbox::empty();
    let db = sandbox.path("new/folder/tiptrack.db");
    tiptrack(&db).args(["import", SEED]).assert().success();
    // Nothing but the database: no temporary file, and no log (emptied into it).
    let names: Vec<String> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["tiptrack.db".to_string()]);
    assert!(crate::dump(&db).len() > 10);
}

#[test]
fn sqlite_special_names_are_refused_as_db() {
    let sandbox = Sandbox::empty();
    for name in [":memory:", "file:tiptrack.db", "FILE:x.db?mode=memory", ""] {
        let assert = assert_cmd::cargo::cargo_bin_cmd!("tiptrack")
            .current_dir(sandbox.dir.path())
            .env_remove("TIPTRACK_DB")
            .args(["--db", name, "list"])
            .assert();
        let line = error_line(assert, 2);
        assert!(
            name.is_empty() || line.contains(&format!("'{name}'")),
            "{name}: {line}"
        );
        let assert = assert_cmd::cargo::cargo_bin_cmd!("tiptrack")
            .current_dir(sandbox.dir.path())
            .env("TIPTRACK_DB", name)
            .args(["list"])
            .assert();
        error_line(assert, 2);
        assert_eq!(files(&sandbox), Vec::<String>::new(), "{name}");
    }
    let seed = std::fs::canonicalize(SEED).unwrap();
    let line = error_line(
        assert_cmd::cargo::cargo_bin_cmd!("tiptrack")
            .current_dir(sandbox.dir.path())
            .env_remove("TIPTRACK_DB")
            .args(["--db", ":memory:", "import"])
            .arg(&seed)
            .assert(),
        2,
    );
    assert_eq!(
        line,
        "tiptrack: --db ':memory:' is not a database file: give the path of one (SQLite's \
         special names, such as :memory: and file: URIs, are not accepted)"
    );
}

#[cfg(unix)]
#[test]
fn the_database_and_its_log_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    // The log is kept between runs (one sync per command): it is there, and private too.
    for name in ["tiptrack.db", "tiptrack.db-wal", "tiptrack.db-shm"] {
        let mode = std::fs::metadata(sandbox.path(name))
            .unwrap_or_else(|err| panic!("{name}: {err}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}: {mode:o}");
    }
}
