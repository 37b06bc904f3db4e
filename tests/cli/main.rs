//! End-to-end tests: the real `tiptrack` binary against databases in temporary folders.

mod asks;
mod browser;
mod chains;
mod conventions;
mod copy;
mod corpus;
mod corrections;
mod database;
mod dates;
mod dossier;
mod edge;
mod errors;
mod formats;
mod hostile;
mod indicators;
mod input;
mod layouts;
mod postgres;
mod quality;
mod readme;
mod review;
mod sheets;
mod snapshots;
mod suggestions;
mod tally;
mod team;
mod upgrade;
mod walkthrough;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rusqlite::Connection;
use tempfile::TempDir;

pub const SEED: &str = "tests/fixtures/tip-2011-kazakhstan.txt";

/// Who runs the tests' commands.
pub const TESTER: &str = "tester";

/// A temporary folder with a database path in it: an SQLite file in the folder, or, when the
/// suite runs against PostgreSQL (`TIPTRACK_TEST_PG`, see [`postgres`]), the URL of a new
/// database of its own on that server.
pub struct Sandbox {
    pub dir: TempDir,
    pub db: PathBuf,
    server: Option<postgres::Database>,
}

impl Sandbox {
    pub fn empty() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        match postgres::server() {
            None => {
                let db = dir.path().join("tiptrack.db");
                Sandbox {
                    dir,
                    db,
                    server: None,
                }
            }
            Some(server) => {
                let database = server.create();
                Sandbox {
                    dir,
                    db: PathBuf::from(database.url_as(TESTER)),
                    server: Some(database),
                }
            }
        }
    }

    /// Whether this sandbox's database is on a PostgreSQL server.
    pub fn on_postgres(&self) -> bool {
        self.server.is_some()
    }

    /// A sandbox with a database that holds nothing yet.
    pub fn blank() -> Sandbox {
        let sandbox = Sandbox::empty();
        let store = tiptrack::store::Store::open_or_create(&sandbox.db).unwrap();
        store.finish().unwrap();
        sandbox
    }

    /// A sandbox with the seed narrative imported.
    pub fn seeded() -> Sandbox {
        let sandbox = Sandbox::empty();
        sandbox.run(&["import", SEED]).success();
        sandbox
    }

    /// `tiptrack --db <sandbox db>`, with a fixed user ("tester") and no outside database
    /// setting. On PostgreSQL the user is the role the command logs in as (the server records
    /// who makes a change): a role "tester".
    pub fn cmd(&self) -> Command {
        self.cmd_as(TESTER)
    }

    /// [`Sandbox::cmd`] as `user`: on SQLite `TIPTRACK_USER`, on PostgreSQL the login role.
    pub fn cmd_as(&self, user: &str) -> Command {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
        // Tables fit $COLUMNS when it is set: a test sets it when it means to.
        cmd.env_remove("TIPTRACK_DB")
            .env_remove("COLUMNS")
            .env("TIPTRACK_USER", user)
            .arg("--db")
            .arg(self.db_as(user));
        cmd
    }

    /// The database as `user` reaches it: the same file on SQLite; on PostgreSQL, its URL
    /// logging in as `user`.
    pub fn db_as(&self, user: &str) -> PathBuf {
        match &self.server {
            Some(database) => PathBuf::from(database.url_as(user)),
            None => self.db.clone(),
        }
    }

    /// Runs `tiptrack ARGS`. On PostgreSQL, where `--by` is refused because the server
    /// records who makes each change, `--by NAME` is run as logging in as NAME instead.
    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        // The commands that take --by (`report --by` is a mistake some tests make on purpose).
        let records = args.first().is_some_and(|c| {
            [
                "import",
                "status",
                "note",
                "evidence",
                "review",
                "assign",
                "tier",
                "classify",
                "link",
                "unlink",
                "undo",
                "remove",
                "apply-sheet",
            ]
            .contains(c)
        });
        if self.on_postgres()
            && records
            && let Some(at) = args.iter().position(|a| *a == "--by")
            && let Some(name) = args.get(at + 1)
        {
            let mut rest: Vec<&str> = args.to_vec();
            rest.drain(at..=at + 1);
            return self.cmd_as(name).args(rest).assert();
        }
        self.cmd().args(args).assert()
    }

    /// Standard output of a successful run.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args).success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        serde_json::from_str(&self.stdout(&args)).unwrap()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The whole content of the database: on SQLite its schema and rows (see [`dump`]); on
    /// PostgreSQL, `tiptrack export`, which holds every row of every table.
    pub fn dump(&self) -> Vec<String> {
        if self.on_postgres() {
            return self
                .stdout(&["export"])
                .lines()
                .map(str::to_string)
                .collect();
        }
        dump(&self.db)
    }
}

/// Skips the rest of a test when the suite runs against PostgreSQL: for what concerns only an
/// SQLite file (its permissions, its journal, opening it with SQLite directly).
#[macro_export]
macro_rules! sqlite_only {
    ($why:expr) => {
        if $crate::postgres::server().is_some() {
            eprintln!("skipped on PostgreSQL: {}", $why);
            return;
        }
    };
}

/// The whole content of a database, schema and rows, as lines of text.
pub fn dump(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mut out = vec![format!("user_version {version}")];
    let objects: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (name, sql) in &objects {
        out.push(sql.clone());
        if !sql.starts_with("CREATE TABLE") {
            continue;
        }
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let columns = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |row| {
                let cells: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{name}: {}", cells.join(" | ")))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.extend(rows);
    }
    out
}

/// The one line a failed command printed on standard error: tiptrack's own, or the first of
/// the text clap prints for a usage error it finds (which ends pointing to the help).
pub fn error_line(assert: assert_cmd::assert::Assert, code: i32) -> String {
    let output = assert.code(code).get_output().clone();
    assert!(output.stdout.is_empty(), "no data on stdout for an error");
    let stderr = String::from_utf8(output.stderr).unwrap();
    if stderr.starts_with("error: ") {
        assert_eq!(code, 2, "clap's error exits 2: {stderr}");
        assert!(
            stderr.contains("\nFor more information, try 'tiptrack ")
                || stderr.ends_with("\nFor more information, try '--help'.\n"),
            "clap's error points to the help: {stderr}"
        );
        return stderr.lines().next().unwrap().to_string();
    }
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "exactly one line on stderr, got: {stderr}");
    lines[0].to_string()
}
