//! The suite against PostgreSQL: with `TIPTRACK_TEST_PG` set to a server's URL (a role that
//! may create databases), every [`Sandbox`](crate::Sandbox) gets a new database of its own on
//! that server, dropped when the test ends, and every test runs against it. `tests/run` starts
//! a throwaway server and runs the suite so; `.ci/run` makes that half required.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The server the suite runs against, if any.
pub struct Server {
    /// The URL without a database name: `postgres://user@host:port`, with its parameters.
    base: String,
    params: String,
}

/// A database made for one test.
pub struct Database {
    pub url: String,
    name: String,
    admin: String,
}

/// The server `TIPTRACK_TEST_PG` names, once per test process.
pub fn server() -> Option<&'static Server> {
    static SERVER: OnceLock<Option<Server>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let url = std::env::var("TIPTRACK_TEST_PG").ok()?;
            let (without, params) = url.split_once('?').unwrap_or((&url, ""));
            // postgres://user@host:port/dbname: the database part is replaced per test.
            let rest = without
                .strip_prefix("postgres://")
                .or_else(|| without.strip_prefix("postgresql://"))
                .expect("TIPTRACK_TEST_PG is a postgres:// URL");
            let authority = rest.split('/').next().unwrap_or("");
            Some(Server {
                base: format!("postgres://{authority}"),
                params: params.to_string(),
            })
        })
        .as_ref()
}

impl Server {
    fn url(&self, dbname: &str) -> String {
        if self.params.is_empty() {
            format!("{}/{dbname}", self.base)
        } else {
            format!("{}/{dbname}?{}", self.base, self.params)
        }
    }

    /// A new, empty database.
    pub fn create(&self) -> Database {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "tiptrack_test_{}_{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let admin = self.url("postgres");
        let mut client = ::postgres::Client::connect(&admin, ::postgres::NoTls)
            .unwrap_or_else(|err| panic!("cannot reach the test server {admin}: {err}"));
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .unwrap();
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        Database {
            url: self.url(&name),
            name,
            admin,
        }
    }
}

impl Database {
    /// The database's URL, logging in as `user`: a login role made for the tests (a superuser,
    /// as the server's own tiptrack role is), so that what a test's user does is recorded
    /// under that user's name, as `TIPTRACK_USER` or `--by` would on SQLite.
    pub fn url_as(&self, user: &str) -> String {
        let roles = ROLES.get_or_init(Default::default);
        let mut made = roles.lock().unwrap();
        if !made.contains(user) {
            let mut client = ::postgres::Client::connect(&self.admin, ::postgres::NoTls).unwrap();
            let quoted = format!("\"{}\"", user.replace('"', "\"\""));
            // Another test process may make it meanwhile: "already exists" is fine.
            let _ = client.batch_execute(&format!("CREATE ROLE {quoted} LOGIN SUPERUSER"));
            made.insert(user.to_string());
        }
        let encoded: String = user
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        let rest = self.url.split_once('@').map_or("", |(_, rest)| rest);
        format!("postgres://{encoded}@{rest}")
    }
}

/// The login roles made so far by this test process.
static ROLES: OnceLock<std::sync::Mutex<std::collections::HashSet<String>>> = OnceLock::new();

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut client) = ::postgres::Client::connect(&self.admin, ::postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The tables of a database and their columns, in order.
fn sqlite_columns(db: &std::path::Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|table| {
            let columns = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
                ))
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (table, columns)
        })
        .collect()
}

fn postgres_columns(url: &str) -> Vec<(String, Vec<String>)> {
    let mut client = ::postgres::Client::connect(url, ::postgres::NoTls).unwrap();
    let rows = client
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name <> 'tiptrack_schema' \
             ORDER BY table_name COLLATE \"C\", ordinal_position",
            &[],
        )
        .unwrap();
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        let (table, column): (String, String) = (row.get(0), row.get(1));
        match tables.last_mut() {
            Some((last, columns)) if *last == table => columns.push(column),
            _ => tables.push((table, vec![column])),
        }
    }
    tables
}

/// schema-postgres.sql describes the same tables and columns as schema.sql.
#[test]
fn the_postgres_schema_has_the_tables_and_columns_of_the_sqlite_one() {
    let Some(server) = server() else {
        eprintln!("skipped: runs against PostgreSQL only (TIPTRACK_TEST_PG)");
        return;
    };
    let file = tempfile::tempdir().unwrap();
    let sqlite = file.path().join("t.db");
    tiptrack::store::Store::open_or_create(&sqlite)
        .unwrap()
        .finish()
        .unwrap();
    let database = server.create();
    tiptrack::store::Store::open_or_create(std::path::Path::new(&database.url)).unwrap();
    assert_eq!(postgres_columns(&database.url), sqlite_columns(&sqlite));
}

/// The server's date check (`tiptrack_is_date`, in SQL) takes exactly the real days written
/// "YYYY-MM-DD" of years 1 to 9999, as the calendar has them: leap years by the Gregorian rule,
/// 30- and 31-day months, and nothing of another shape.
#[test]
fn the_postgres_date_check_takes_the_real_days_and_nothing_else() {
    use chrono::Datelike;
    let Some(server) = server() else {
        eprintln!("skipped: runs against PostgreSQL only (TIPTRACK_TEST_PG)");
        return;
    };
    let database = server.create();
    tiptrack::store::Store::open_or_create(std::path::Path::new(&database.url)).unwrap();
    let mut values: Vec<String> = Vec::new();
    for year in [
        0, 1, 4, 100, 400, 1900, 1990, 1999, 2000, 2023, 2024, 2100, 2400, 9999,
    ] {
        for month in 0..=13 {
            for day in 0..=32 {
                values.push(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    for odd in [
        "2024-1-01",
        "2024-01-1",
        "24-01-01",
        "02024-01-01",
        "2024/01/01",
        "2024-01-01 ",
        " 2024-01-01",
        "2024-01-01\n",
        "2024-01-01T00:00",
        "abcd-ef-gh",
        "+999-01-01",
        "",
        "2024-0a-01",
        "２０２４-01-01",
    ] {
        values.push(odd.to_string());
    }
    let mut client = ::postgres::Client::connect(&database.url, ::postgres::NoTls).unwrap();
    let rows = client
        .query(
            "SELECT v, tiptrack_is_date(v) FROM unnest($1::text[]) v",
            &[&values],
        )
        .unwrap();
    assert_eq!(rows.len(), values.len());
    let mut taken = 0;
    for row in rows {
        let (value, server_says): (String, bool) = (row.get(0), row.get(1));
        let real = value.len() == 10
            && value.is_ascii()
            && chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                .is_ok_and(|day| day.format("%Y-%m-%d").to_string() == value && day.year() >= 1);
        assert_eq!(server_says, real, "tiptrack_is_date({value:?})");
        taken += usize::from(real);
    }
    // 13 years of 365 days and the leap years 4, 400, 2000, 2024, 2400 (not 1, 100, 1900,
    // 1990, 1999, 2023, 2100, 9999); year 0 has none.
    assert_eq!(taken, 13 * 365 + 5);
}

/// A PostgreSQL database of schema version 6 (tests/fixtures/schema-v6-postgres.sql, the schema
/// of the last version-6 release, as `9a1a212` created it) upgrades on first use: to the current
/// version, with the SQL date check, and its reports read as in a database made new (the items'
/// times differ by the second they were imported in).
#[test]
fn a_version_6_postgres_database_upgrades_and_reads_as_a_new_one() {
    let Some(server) = server() else {
        eprintln!("skipped: runs against PostgreSQL only (TIPTRACK_TEST_PG)");
        return;
    };
    let old = server.create();
    let fixture = std::fs::read_to_string("tests/fixtures/schema-v6-postgres.sql").unwrap();
    let mut client = ::postgres::Client::connect(&old.url, ::postgres::NoTls).unwrap();
    client
        .batch_execute(&format!(
            "{fixture}\nINSERT INTO tiptrack_schema VALUES (6);"
        ))
        .unwrap();
    let new = server.create();
    let tip = |url: &str, args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("tiptrack")
            .unwrap()
            .env("TIPTRACK_USER", "tester")
            .args(["--db", url])
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    for url in [&old.url, &new.url] {
        tip(url, &["import", crate::SEED]);
        tip(
            url,
            &["status", "KAZ-2011-4", "addressed", "--date", "2012-02-29"],
        );
    }
    let version: i64 = client
        .query_one("SELECT version FROM tiptrack_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, tiptrack::store::migrate::SCHEMA_VERSION);
    let language: String = client
        .query_one(
            "SELECT l.lanname::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang \
             WHERE p.proname = 'tiptrack_is_date'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(language, "sql");
    for args in [
        &["report"][..],
        &["report", "--format", "json"],
        &["report", "--format", "csv"],
        &["report", "--group-by", "area", "--format", "markdown"],
    ] {
        assert_eq!(tip(&old.url, args), tip(&new.url, args), "{args:?}");
    }
}
