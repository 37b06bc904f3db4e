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
    crate::sqlite_only!("a missing database file");
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
    crate::sqlite_only!("an empty database file");
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
    crate::sqlite_only!("the database file's permissions");
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

/// Kazakhstan 2011 to 2013 with statuses, an assignment, notes, evidence added, accepted and
/// rejected, a tier set, a link made by hand and a pair unlinked: every table has rows.
fn everything() -> Sandbox {
    let (sandbox, _) = crate::dossier::kazakhstan();
    let suggested = sandbox.json(&["evidence", "list", "--suggested"]);
    let reject = suggested[0]["id"].as_i64().unwrap().to_string();
    sandbox.run(&["evidence", "reject", &reject]).success();
    sandbox.run(&["link", "KAZ-2011-2", "KAZ-2012-3"]).success();
    sandbox
        .run(&["unlink", "KAZ-2011-2", "KAZ-2012-3"])
        .success();
    sandbox
}

#[test]
fn export_then_restore_then_export_gives_the_same_dump() {
    crate::sqlite_only!("restores into SQLite files and compares them (PostgreSQL: copy.rs)");
    let sandbox = everything();
    let first = sandbox.stdout(&["export"]);
    let dump: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(dump["format"], "tiptrack-export");
    assert_eq!(dump["format_version"], 1);
    assert!(dump["schema_version"].as_i64().unwrap() >= 5);
    for &table in crate::upgrade::TABLES.iter().chain(&["ask"]) {
        let rows = dump["tables"][table]["rows"].as_array();
        assert!(rows.is_some_and(|r| !r.is_empty()), "no rows in {table}");
    }
    let file = sandbox.path("export.json");
    std::fs::write(&file, &first).unwrap();
    let restored = sandbox.path("restored.db");
    tiptrack(&restored)
        .arg("restore")
        .arg(&file)
        .assert()
        .success();
    let second = String::from_utf8(
        tiptrack(&restored)
            .arg("export")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(first == second, "the second export differs from the first");
    assert_eq!(crate::dump(&restored), sandbox.dump());
    // --output writes the same, privately.
    let written = sandbox.path("written.json");
    sandbox
        .cmd()
        .args(["export", "--output"])
        .arg(&written)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&written).unwrap() == first);
}

#[test]
fn a_restore_into_a_database_that_holds_something_is_refused() {
    let sandbox = Sandbox::seeded();
    let file = sandbox.path("export.json");
    std::fs::write(&file, sandbox.stdout(&["export"])).unwrap();
    let before = sandbox.dump();
    let line = error_line(sandbox.run(&["restore", file.to_str().unwrap()]), 1);
    assert_eq!(
        line,
        format!(
            "tiptrack: cannot restore {} into {}: the database {} is not empty (its table \
             narrative has 1 rows): restore into a new database, or an empty one",
            file.display(),
            sandbox.db.display(),
            sandbox.db.display()
        )
    );
    assert_eq!(sandbox.dump(), before);

    // An empty one takes it.
    let blank = Sandbox::blank();
    blank.run(&["restore", file.to_str().unwrap()]).success();
    assert_eq!(blank.dump(), before);
}

#[test]
fn a_bad_export_restores_nothing() {
    let sandbox = Sandbox::seeded();
    let good: serde_json::Value = serde_json::from_str(&sandbox.stdout(&["export"])).unwrap();
    let mut dangling = good.clone();
    // An event of a narrative the export lacks.
    dangling["tables"]["narrative"]["rows"] = serde_json::json!([]);
    dangling["tables"]["narrative_text"]["rows"] = serde_json::json!([]);
    dangling["tables"]["section"]["rows"] = serde_json::json!([]);
    let mut not_create = good.clone();
    not_create["schema"][0] = "DROP TABLE narrative".into();
    let mut newer = good.clone();
    newer["schema_version"] = 999.into();
    for (name, content, says) in [
        ("garbage.json", "not json".to_string(), "expected ident"),
        (
            "dangling.json",
            dangling.to_string(),
            "refers to a row of narrative",
        ),
        ("drop.json", not_create.to_string(), "other than CREATE"),
        ("newer.json", newer.to_string(), "schema version 999"),
    ] {
        let file = sandbox.path(name);
        std::fs::write(&file, content).unwrap();
        let target = sandbox.path("new.db");
        let line = error_line(tiptrack(&target).arg("restore").arg(&file).assert(), 1);
        assert!(line.contains(&file.display().to_string()), "{line}");
        assert!(line.contains(says), "{name}: {line}");
        assert!(!target.exists(), "{name}");
        let names = files(&sandbox);
        assert!(
            !names.iter().any(|n| n.contains("new.db")),
            "{name}: {names:?}"
        );
    }
}

#[test]
fn a_backup_is_taken_while_another_process_writes() {
    crate::sqlite_only!("backup is SQLite's online backup");
    let sandbox = everything();
    // Another connection holds the write lock for the whole backup.
    let mut other = rusqlite::Connection::open(&sandbox.db).unwrap();
    let tx = other
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.execute("UPDATE narrative SET source_name = 'later'", [])
        .unwrap();
    let copy = sandbox.path("copy.db");
    sandbox
        .cmd()
        .arg("backup")
        .arg(&copy)
        .assert()
        .success()
        .stderr(format!(
            "backed up {} to {}\n",
            sandbox.db.display(),
            copy.display()
        ));
    tx.rollback().unwrap();
    assert_eq!(crate::dump(&copy), sandbox.dump());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_backup_replaces_a_file_only_with_force() {
    crate::sqlite_only!("backup is SQLite's online backup");
    let sandbox = Sandbox::seeded();
    let copy = sandbox.path("copy.db");
    std::fs::write(&copy, b"keep me").unwrap();
    let line = error_line(sandbox.run(&["backup", copy.to_str().unwrap()]), 1);
    assert_eq!(
        line,
        format!(
            "tiptrack: cannot back up to {0}: {0} already exists; give --force to replace it",
            copy.display()
        )
    );
    assert_eq!(std::fs::read(&copy).unwrap(), b"keep me");
    let line = error_line(
        sandbox.run(&["backup", sandbox.db.to_str().unwrap(), "--force"]),
        1,
    );
    assert!(line.ends_with("is the database itself"), "{line}");
    sandbox
        .run(&["backup", copy.to_str().unwrap(), "--force"])
        .success();
    assert_eq!(crate::dump(&copy), sandbox.dump());
}

#[test]
fn where_tells_the_database_in_use_and_makes_none() {
    crate::sqlite_only!("where names a database file");
    let sandbox = Sandbox::empty();
    let shown = sandbox.db.display();
    sandbox.run(&["where"]).success().stdout(format!(
        "database: {shown}\nexists: no (an import makes it)\n"
    ));
    assert_eq!(files(&sandbox), Vec::<String>::new());
    let sandbox = Sandbox::seeded();
    let version = crate::dump(&sandbox.db)[0].clone();
    let version = version.trim_start_matches("user_version ");
    sandbox.run(&["where"]).success().stdout(format!(
        "database: {}\nexists: yes\nschema version: {version} (this tiptrack: {version})\n",
        sandbox.db.display()
    ));
}

/// Synthetic whole reports (bench/generate.py), imported without suggestions.
fn generated(sandbox: &Sandbox, years: &str) {
    let out = sandbox.path("reports");
    let generate = std::process::Command::new("python3")
        .args(["bench/generate.py", "--whole-reports", "--years", years])
        .args([
            "--narratives",
            "30",
            "--recommendations",
            "300",
            "--size",
            "300000",
        ])
        .arg(&out)
        .output()
        .expect("python3 runs bench/generate.py");
    assert!(generate.status.success(), "{generate:?}");
    let mut files: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    sandbox
        .cmd()
        .args(["import", "--no-suggest"])
        .args(&files)
        .assert()
        .success();
}

#[test]
fn a_status_change_does_not_wait_for_a_whole_evidence_suggest() {
    crate::sqlite_only!(
        "builds its database with SQLite directly (PostgreSQL's writers: bench/postgres.sh)"
    );
    let sandbox = Sandbox::empty();
    generated(&sandbox, "2005-2013");
    let reader = rusqlite::Connection::open(&sandbox.db).unwrap();
    let id: String = reader
        .query_row(
            "SELECT code FROM recommendation ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let suggested = || -> i64 {
        reader
            .query_row(
                "SELECT count(*) FROM evidence WHERE state = 'suggested'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(suggested(), 0);
    let mut suggest = std::process::Command::new(env!("CARGO_BIN_EXE_tiptrack"))
        .env("TIPTRACK_USER", "tester")
        .arg("--db")
        .arg(&sandbox.db)
        .args(["evidence", "suggest"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Its first narratives are committed while it works on the others.
    while suggested() == 0 && suggest.try_wait().unwrap().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    sandbox
        .run(&["status", &id, "in-progress"])
        .success()
        .stderr(format!("{id}: open -> in-progress\n"));
    let still_running = suggest.try_wait().unwrap().is_none();
    assert!(
        still_running,
        "the status change waited for the whole evidence suggest to end"
    );
    assert!(suggest.wait().unwrap().success());
    let status: String = reader
        .query_row(
            "SELECT status FROM recommendation WHERE code = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "in-progress");
}

#[test]
fn a_listing_written_country_by_country_is_the_listing_written_whole() {
    let sandbox = Sandbox::empty();
    generated(&sandbox, "2005-2007");
    sandbox.run(&["evidence", "suggest"]).success();
    for each in [&[][..], &["--each"]] {
        let mut args = vec!["evidence", "list", "--suggested"];
        args.extend(each);
        let json = sandbox.json(&args);
        let items = json.as_array().unwrap();
        let countries: std::collections::BTreeSet<&str> = items
            .iter()
            .map(|e| &e["recommendation"].as_str().unwrap()[..3])
            .collect();
        assert!(countries.len() > 5, "{countries:?}");
        // Byte for byte what serde_json writes of the whole array.
        args.extend(["--format", "json"]);
        let text = sandbox.stdout(&args);
        assert!(text == serde_json::to_string_pretty(&json).unwrap() + "\n");
        args.pop();
        args.push("csv");
        let csv = sandbox.stdout(&args);
        let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(lines[0], tiptrack::render::EVIDENCE_FIELDS.join(","));
        let records = csv::Reader::from_reader(csv.as_bytes()).records().count();
        assert_eq!(records, items.len());
    }
}

#[test]
fn a_big_kept_log_is_emptied_and_cut_back_by_the_next_write() {
    crate::sqlite_only!("SQLite's write-ahead log");
    let sandbox = Sandbox::seeded();
    // Another program leaves 8 MB in the log, kept (as tiptrack keeps it) and not checkpointed.
    {
        let conn = rusqlite::Connection::open(&sandbox.db).unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute("CREATE TABLE filler (x)", []).unwrap();
        for _ in 0..2500 {
            conn.execute("INSERT INTO filler VALUES (zeroblob(3000))", [])
                .unwrap();
        }
        conn.execute("DROP TABLE filler", []).unwrap();
    }
    let log = sandbox.path("tiptrack.db-wal");
    let size = || std::fs::metadata(&log).unwrap().len();
    assert!(size() > 8 << 20, "{}", size());
    let before = sandbox.dump();
    // Each command is its own process, which reads the log afresh.
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    sandbox.run(&["status", "KAZ-2011-4", "open"]).success();
    assert!(size() < 1 << 20, "the log is still {} bytes", size());
    let after = sandbox.dump();
    let changed: Vec<&String> = after.iter().filter(|l| !before.contains(l)).collect();
    assert!(
        changed.iter().all(|l| l.starts_with("event:")
            || l.starts_with("command:")
            || l.starts_with("recommendation:")
            || l.starts_with("ask:")),
        "{changed:?}"
    );
}
