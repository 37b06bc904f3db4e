//! The database whole: written out as a JSON dump of every table (the format is
//! docs/export.md) and read back from one into a new or an empty database, on either backend;
//! copied with SQLite's online backup (an SQLite file only); and the pieces a copy between two
//! databases is made of: every table's rows read in a fixed order ([`TABLES`],
//! [`Writer::each_row`]), written into an empty database ([`Store::load`], [`copy`]), and
//! counted and checksummed alike on both backends ([`Store::checksums`]).

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::sql::{Backend, Db, Row, ToParam, Value, params};
use super::{Store, Writer, file, migrate, postgresql};

/// What the dump says it is, and the version of its layout (docs/export.md).
pub const DUMP_FORMAT: &str = "tiptrack-export";
pub const DUMP_FORMAT_VERSION: i64 = 1;

/// One table of the schema, as a dump and a copy carry it.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) name: &'static str,
    /// The columns, in schema.sql's order (PostgreSQL's schema has the same).
    pub(crate) columns: &'static [&'static str],
    /// The primary key's columns: rows are read in their order, the same on both backends
    /// (SQLite's rowid order, which PostgreSQL has no equivalent of, is not).
    key: &'static [&'static str],
    /// `id` is assigned by the database (SQLite's rowid, PostgreSQL's identity column): after a
    /// load, PostgreSQL's sequence is moved past the highest.
    identity: bool,
}

/// Every table, in schema.sql's order: the order of a dump, a copy and a checksum, fixed here
/// rather than read from either database's catalog (a database upgraded from an older version
/// made its tables in another order). A test checks it against schema.sql.
pub(crate) const TABLES: &[Table] = &[
    Table {
        name: "command",
        columns: &["id", "actor", "at", "undoes"],
        key: &["id"],
        identity: true,
    },
    Table {
        name: "narrative",
        columns: &[
            "id",
            "country",
            "iso3",
            "year",
            "tier",
            "source_name",
            "content_hash",
            "imported_at",
            "updated_at",
            "tier_set_by",
            "removed",
        ],
        key: &["id"],
        identity: true,
    },
    Table {
        name: "narrative_text",
        columns: &["narrative_id", "full_text"],
        key: &["narrative_id"],
        identity: false,
    },
    Table {
        name: "section",
        columns: &["narrative_id", "position", "kind", "heading", "body"],
        key: &["narrative_id", "position"],
        identity: false,
    },
    Table {
        name: "narrative_warning",
        columns: &["narrative_id", "position", "message"],
        key: &["narrative_id", "position"],
        identity: false,
    },
    Table {
        name: "recommendation",
        columns: &[
            "id",
            "narrative_id",
            "code",
            "seq",
            "position",
            "text",
            "truncated",
            "area",
            "action",
            "classified_by",
            "status",
            "status_seq",
            "status_date",
            "asked_again_from",
            "owner",
            "supporting",
            "due_date",
            "assign_seq",
            "ask_id",
            "ask_position",
            "created_at",
            "updated_at",
        ],
        key: &["id"],
        identity: true,
    },
    Table {
        name: "note",
        columns: &[
            "id",
            "recommendation_id",
            "text",
            "author",
            "created_at",
            "deleted",
        ],
        key: &["id"],
        identity: true,
    },
    Table {
        name: "evidence",
        columns: &[
            "id",
            "recommendation_id",
            "report_year",
            "quote",
            "source",
            "action_date",
            "added_by",
            "added_at",
            "state",
            "narrative_id",
            "section",
            "paragraph",
            "start_offset",
            "end_offset",
            "score",
            "reason",
            "commitment",
            "assessment",
            "review_note",
            "deleted",
        ],
        key: &["id"],
        identity: true,
    },
    Table {
        name: "event",
        columns: &[
            "id",
            "narrative_id",
            "recommendation_id",
            "kind",
            "old_value",
            "new_value",
            "note",
            "effective_date",
            "actor",
            "at",
            "command",
            "before",
        ],
        key: &["id"],
        identity: true,
    },
    Table {
        name: "link",
        columns: &["earlier_id", "later_id", "kind", "score", "made_by"],
        // By the later item first: an item's predecessors together, in the order an import
        // writes them (so a dump keeps the order the rows are stored in, which SQLite shows).
        key: &["later_id", "earlier_id"],
        identity: false,
    },
    Table {
        name: "link_rejection",
        columns: &["earlier_id", "later_id"],
        key: &["earlier_id", "later_id"],
        identity: false,
    },
    Table {
        name: "ask",
        columns: &[
            "id",
            "iso3",
            "first_year",
            "latest_year",
            "reports",
            "latest_id",
            "current",
            "in_latest",
            "status",
            "status_item",
            "status_date",
            "asked_again",
            "owner",
            "supporting",
            "due_date",
            "merged_into",
            "split_from",
        ],
        key: &["id"],
        identity: false,
    },
    Table {
        name: "narrative_tally",
        columns: &[
            "narrative_id",
            "open",
            "in_progress",
            "partially_addressed",
            "addressed",
            "not_addressed",
            "superseded",
            "asked_before",
            "asked_again",
        ],
        key: &["narrative_id"],
        identity: false,
    },
    Table {
        name: "country_tally",
        columns: &[
            "iso3",
            "open",
            "in_progress",
            "partially_addressed",
            "addressed",
            "not_addressed",
            "superseded",
            "asked_before",
            "asked_again",
        ],
        key: &["iso3"],
        identity: false,
    },
];

/// A table of [`TABLES`] by name.
pub(crate) fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|table| table.name == name)
}

/// A dump read back: the layout of docs/export.md.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dump {
    format: String,
    format_version: i64,
    schema_version: i64,
    schema: Vec<String>,
    /// In the file's order, read straight into rows (no second copy of the file in memory).
    #[serde(deserialize_with = "tables_in_order")]
    tables: Vec<(String, DumpTable)>,
}

/// A JSON object's members as a list, in the order written.
fn tables_in_order<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<(String, DumpTable)>, D::Error> {
    struct Members;
    impl<'de> serde::de::Visitor<'de> for Members {
        type Value = Vec<(String, DumpTable)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of tables")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut tables = Vec::new();
            while let Some(entry) = map.next_entry()? {
                tables.push(entry);
            }
            Ok(tables)
        }
    }
    deserializer.deserialize_map(Members)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DumpTable {
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// A value of a row, as docs/export.md writes it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob { hex: String },
}

/// How much a restore read in.
pub struct Restored {
    pub tables: usize,
    pub rows: usize,
    pub schema_version: i64,
}

/// The schema a dump holds: SQLite's text of schema.sql, as a new SQLite database keeps it
/// (`sqlite_schema.sql`): what makes the tables, then the indexes, triggers and views, each in
/// the order schema.sql makes them. The same from either backend (PostgreSQL's own schema is
/// schema.sql in its terms), so that a dump restores into a new SQLite file wherever it came
/// from.
const SCHEMA: &str = "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL \
                      AND name NOT LIKE 'sqlite_%' ORDER BY type <> 'table', rowid";

/// The tables of an SQLite database, in the order they were made.
const SQLITE_TABLES: &str = "SELECT name FROM sqlite_schema WHERE type = 'table' \
                             AND name NOT LIKE 'sqlite_%' ORDER BY rowid";

/// The schema statements of schema.sql, as SQLite keeps them: made in a database in memory
/// (SQLite's own text of its statements, which only SQLite gives).
fn schema_statements() -> Result<Vec<String>> {
    let conn = rusqlite::Connection::open_in_memory()?;
    let db = Db::Sqlite(&conn);
    db.batch("making the schema in memory", migrate::SCHEMA)?;
    db.rows("the schema's statements", SCHEMA, params![], |row| {
        row.get(0)
    })
}

/// The schema version of an open database.
fn schema_version(db: Db<'_>) -> Result<i64> {
    match db.backend() {
        Backend::Sqlite => db.value("the schema version", "PRAGMA user_version", params![]),
        Backend::Postgres => Ok(postgresql::version(db)?.unwrap_or(0)),
    }
}

impl Store {
    /// How a database is named in messages: its path, or its URL with the password hidden.
    pub fn shown(path: &Path) -> String {
        match postgresql::url(path) {
            Some(url) => postgresql::redacted(url),
            None => path.display().to_string(),
        }
    }

    /// Writes the whole database to `out` as JSON (docs/export.md), one row per line, as it is
    /// read: a dump of any size holds one row in memory (on PostgreSQL, a few hundred). Reads
    /// one snapshot, so the dump is consistent while others write. The same data gives the same
    /// bytes from either backend.
    pub fn export(&mut self, out: &mut dyn Write) -> Result<()> {
        let schema = schema_statements().context("cannot read the schema")?;
        self.read(|r| {
            let version = schema_version(r.db())?;
            writeln!(out, "{{")?;
            writeln!(
                out,
                "  \"format\": {},",
                serde_json::to_string(DUMP_FORMAT)?
            )?;
            writeln!(out, "  \"format_version\": {DUMP_FORMAT_VERSION},")?;
            writeln!(out, "  \"schema_version\": {version},")?;
            writeln!(out, "  \"schema\": [")?;
            for (i, sql) in schema.iter().enumerate() {
                let comma = if i + 1 < schema.len() { "," } else { "" };
                writeln!(out, "    {}{comma}", serde_json::to_string(sql)?)?;
            }
            writeln!(out, "  ],")?;
            writeln!(out, "  \"tables\": {{")?;
            for (i, table) in TABLES.iter().enumerate() {
                export_table(r, table, out)
                    .with_context(|| format!("cannot export {}", table.name))?;
                writeln!(out, "{}", if i + 1 < TABLES.len() { "," } else { "" })?;
            }
            writeln!(out, "  }}")?;
            writeln!(out, "}}")?;
            out.flush()?;
            Ok(())
        })
    }

    /// Copies the database to `to`, with SQLite's online backup: from one snapshot, while
    /// others read and write (in write-ahead-log mode a reader blocks no writer). The copy is
    /// made under a temporary name and put in place whole, private (0600); over an existing
    /// file only with `replace`. An SQLite file only, by nature: a PostgreSQL database is
    /// backed up with `export` or the server's `pg_dump`.
    pub fn backup(&self, to: &Path, replace: bool) -> Result<()> {
        if self.backend() == Backend::Postgres {
            bail!(
                "backup makes a copy of an SQLite database file; back up a PostgreSQL database \
                 with `tiptrack export` (which `tiptrack restore` reads back) or with the \
                 server's pg_dump"
            );
        }
        if let (Some(db), Ok(to)) = (&self.path, std::fs::canonicalize(to))
            && std::fs::canonicalize(db).is_ok_and(|db| db == to)
        {
            bail!("{} is the database itself", to.display());
        }
        if !replace && to.exists() {
            bail!(
                "{} already exists; give --force to replace it",
                to.display()
            );
        }
        let source = self.sqlite("the online backup")?;
        let pending = file::Pending::new(to)?;
        {
            let mut copy = rusqlite::Connection::open_with_flags(
                pending.temp(),
                rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let backup = rusqlite::backup::Backup::new(source, &mut copy)?;
            // All pages in one step: one read transaction, one consistent snapshot.
            loop {
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    _ => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
            }
            drop(backup);
            // A copy is one file, without a log beside it.
            Db::Sqlite(&copy).batch("making the copy one file", "PRAGMA journal_mode = DELETE")?;
            copy.close().map_err(|(_, err)| err)?;
        }
        pending.publish(replace)
    }

    /// Loads rows, as they are, into this database, which must hold none (else the error
    /// `refuse` makes of the first table that has some, and how many rows): all in one
    /// transaction, which `f` inserts rows through, in any table order. Every foreign key is
    /// checked at the end (deferred until then: SQLite's `defer_foreign_keys`, PostgreSQL's
    /// `SET CONSTRAINTS ALL DEFERRED`); no trigger changes a row (on PostgreSQL the actor
    /// columns are written as loaded, which only the tables' owner and tiptrack_admin may
    /// do); and PostgreSQL's identity sequences are moved past the highest id loaded. Fails whole, leaving the database as it was.
    pub(crate) fn load<T>(
        &mut self,
        refuse: impl FnOnce(&str, i64) -> anyhow::Error,
        f: impl FnOnce(&mut Loader<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write(|w| {
            let db = w.db();
            if let Some((table, rows)) = first_with_rows(db)? {
                return Err(refuse(table, rows));
            }
            match db.backend() {
                Backend::Sqlite => db.batch(
                    "deferring the foreign keys",
                    "PRAGMA defer_foreign_keys = ON",
                )?,
                // The rows keep who made each change: an insert naming the actor, which only
                // the tables' owner and tiptrack_admin may make (src/store/roles-postgres.sql).
                Backend::Postgres => {
                    db.batch("deferring the foreign keys", "SET CONSTRAINTS ALL DEFERRED")?
                }
            }
            let mut loader = Loader {
                db,
                table: None,
                pending: Vec::new(),
                first: 0,
                table_rows: 0,
                rows: 0,
            };
            let value = f(&mut loader)?;
            loader.flush()?;
            check_keys(db)?;
            if db.backend() == Backend::Postgres {
                for table in TABLES.iter().filter(|table| table.identity) {
                    let name = table.name;
                    let _: Option<i64> = db.value(
                        &format!("moving the ids of {name} past the highest"),
                        &format!(
                            "SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) \
                             FROM {}",
                            quoted(name)
                        ),
                        params![],
                    )?;
                }
            }
            Ok(value)
        })
    }

    /// Each table's row count and content checksum ([`TABLES`], in its order), from one
    /// snapshot: the same for the same data on either backend (see [`TableSum`]).
    pub(crate) fn checksums(&mut self) -> Result<Vec<TableSum>> {
        self.read(|r| TABLES.iter().map(|table| r.table_sum(table)).collect())
    }
}

/// Copies every row of `from` into `to`, which must hold none (else the error `refuse` makes of
/// the first table that has some, and how many): from one snapshot of `from`, in one
/// transaction of `to` ([`Store::load`]), a row at a time (on PostgreSQL a few hundred), so
/// that a database of any size is copied in little memory. Either may be SQLite or
/// PostgreSQL. Returns how many rows it copied; [`Store::checksums`] of both then tells that
/// the copy is whole.
pub(crate) fn copy(
    from: &mut Store,
    to: &mut Store,
    refuse: impl FnOnce(&str, i64) -> anyhow::Error,
) -> Result<usize> {
    from.read(|r| {
        to.load(refuse, |loader| {
            for table in TABLES {
                r.each_row(table, |values| loader.insert(table, values.to_vec()))?;
            }
            Ok(loader.rows())
        })
    })
}

/// What `db copy` did to one table, verified: the rows read back from both databases after
/// the copy, and their checksums (see [`TableSum`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CopiedTable {
    pub table: &'static str,
    pub rows_from: usize,
    pub rows_to: usize,
    pub sha256_from: String,
    pub sha256_to: String,
}

impl CopiedTable {
    /// Whether the copy of this table is whole and the same.
    pub fn matches(&self) -> bool {
        self.rows_from == self.rows_to && self.sha256_from == self.sha256_to
    }
}

/// `tiptrack db copy FROM TO`: copies the whole database `from` (an SQLite file or a
/// PostgreSQL URL) into `to`, a new or empty one, then reads both back and compares each
/// table's rows and checksum (the caller tells the user of any that differs). A new SQLite
/// file takes its name only once the copy is whole and verified; a PostgreSQL target is
/// written in one transaction.
pub fn copy_database(from: &Path, to: &Path) -> Result<Vec<CopiedTable>> {
    let mut source = Store::open(from)?;
    let mut target = Store::open_or_create(to)?;
    let shown = Store::shown(to);
    copy(&mut source, &mut target, |table, rows| {
        anyhow::anyhow!(
            "{shown} is not empty (its {table} table holds {rows} rows): db copy goes only into \
             a new or empty database"
        )
    })?;
    let before = source.checksums()?;
    let after = target.checksums()?;
    let tables: Vec<CopiedTable> = before
        .into_iter()
        .zip(after)
        .map(|(from, to)| CopiedTable {
            table: from.table,
            rows_from: from.rows,
            rows_to: to.rows,
            sha256_from: from.sha256,
            sha256_to: to.sha256,
        })
        .collect();
    // A new SQLite file takes its name only once the copy is verified.
    if tables.iter().all(CopiedTable::matches) {
        target.finish()?;
    }
    Ok(tables)
}

/// One table's row count and checksum: SHA-256 over its rows in key order, each value in
/// column order encoded as one byte of kind (0 NULL, 1 integer, 2 real, 3 text, 4 blob)
/// followed by, for an integer, its 8 bytes big-endian; for a real, the 8 bytes of its IEEE 754
/// bits big-endian; for a text or a blob, its length in bytes (8 bytes big-endian) and its
/// bytes (text as UTF-8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableSum {
    pub(crate) table: &'static str,
    pub(crate) rows: usize,
    /// Lowercase hexadecimal.
    pub(crate) sha256: String,
}

fn hash_value(hash: &mut Sha256, value: &Value) {
    match value {
        Value::Null => hash.update([0]),
        Value::Int(value) => {
            hash.update([1]);
            hash.update(value.to_be_bytes());
        }
        Value::Real(value) => {
            hash.update([2]);
            hash.update(value.to_bits().to_be_bytes());
        }
        Value::Text(text) => {
            hash.update([3]);
            hash.update((text.len() as u64).to_be_bytes());
            hash.update(text.as_bytes());
        }
        Value::Blob(blob) => {
            hash.update([4]);
            hash.update((blob.len() as u64).to_be_bytes());
            hash.update(blob);
        }
    }
}

/// How many rows a cursor brings at a time on PostgreSQL.
const FETCH: usize = 500;

impl Writer<'_> {
    /// Calls `f` on every row of `table`, in its key's order, the values in its columns' order
    /// (integers, reals and text as the database stores them). On PostgreSQL the rows come
    /// through a cursor, [`FETCH`] at a time (the layer's `each` would hold the whole table).
    pub(crate) fn each_row(
        &self,
        table: &Table,
        mut f: impl FnMut(&[Value]) -> Result<()>,
    ) -> Result<()> {
        let db = self.db();
        let select = format!(
            "SELECT {} FROM {} ORDER BY {}",
            list(table.columns),
            quoted(table.name),
            list(table.key)
        );
        let label = format!("reading the table {}", table.name);
        let width = table.columns.len();
        let mut values: Vec<Value> = Vec::with_capacity(width);
        let mut read = |row: &Row<'_>| -> Result<()> {
            values.clear();
            for i in 0..width {
                values.push(row.get(i)?);
            }
            f(&values)
        };
        match db.backend() {
            Backend::Sqlite => db.each(&label, &select, params![], read),
            Backend::Postgres => {
                // A cursor of its own per table: a FETCH stays prepared with its table's columns.
                let cursor = format!("tiptrack_rows_{}", table.name);
                db.batch(
                    &label,
                    &format!("DECLARE {cursor} NO SCROLL CURSOR FOR {select}"),
                )?;
                let fetch = format!("FETCH FORWARD {FETCH} FROM {cursor}");
                loop {
                    let mut fetched = 0;
                    db.each(&label, &fetch, params![], |row| {
                        fetched += 1;
                        read(row)
                    })?;
                    if fetched < FETCH {
                        break;
                    }
                }
                db.batch(&label, &format!("CLOSE {cursor}"))
            }
        }
    }

    /// A table's row count and checksum (see [`TableSum`]).
    pub(crate) fn table_sum(&self, table: &'static Table) -> Result<TableSum> {
        let mut hash = Sha256::new();
        let mut rows = 0;
        self.each_row(table, |values| {
            rows += 1;
            for value in values {
                hash_value(&mut hash, value);
            }
            Ok(())
        })?;
        let sha256 = hash
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        Ok(TableSum {
            table: table.name,
            rows,
            sha256,
        })
    }
}

/// Inserts rows in a [`Store::load`]: one statement per row on SQLite (prepared once, in the
/// process), a few hundred per statement on PostgreSQL (one round trip to the server each).
pub(crate) struct Loader<'a> {
    db: Db<'a>,
    /// The table of the rows pending.
    table: Option<&'static Table>,
    /// The values of the rows not yet inserted, one after the other.
    pending: Vec<Value>,
    /// The number (from 1, in the table) of the first row pending.
    first: usize,
    /// How many rows of `table` were given so far.
    table_rows: usize,
    rows: usize,
}

impl Loader<'_> {
    /// Inserts a row of `table`: its values in the table's columns' order.
    pub(crate) fn insert(&mut self, table: &'static Table, values: Vec<Value>) -> Result<()> {
        if !self
            .table
            .is_some_and(|pending| std::ptr::eq(pending, table))
        {
            self.flush()?;
            self.table = Some(table);
            self.table_rows = 0;
        }
        self.table_rows += 1;
        if values.len() != table.columns.len() {
            bail!(
                "row {} of {} has {} values for {} columns",
                self.table_rows,
                table.name,
                values.len(),
                table.columns.len()
            );
        }
        if self.pending.is_empty() {
            self.first = self.table_rows;
        }
        self.pending.extend(values);
        self.rows += 1;
        let batch = match self.db.backend() {
            Backend::Sqlite => 1,
            Backend::Postgres => 200,
        };
        if self.pending.len() >= batch * table.columns.len() {
            self.flush()?;
        }
        Ok(())
    }

    /// How many rows were given so far.
    pub(crate) fn rows(&self) -> usize {
        self.rows
    }

    fn flush(&mut self) -> Result<()> {
        let Some(table) = self.table else {
            return Ok(());
        };
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = self.pending.len() / table.columns.len();
        let last = self.first + rows - 1;
        let label = if rows == 1 {
            format!("row {last} of {}", table.name)
        } else {
            format!("rows {} to {last} of {}", self.first, table.name)
        };
        let params: Vec<&dyn ToParam> = self.pending.iter().map(|v| v as &dyn ToParam).collect();
        self.db.exec(
            &label,
            &insert_sql(table.name, table.columns, rows),
            &params,
        )?;
        self.pending.clear();
        Ok(())
    }
}

/// `INSERT INTO table (columns) VALUES (?1, ?2), (?3, ?4) …` for `rows` rows.
fn insert_sql(table: &str, columns: &[impl AsRef<str>], rows: usize) -> String {
    let width = columns.len();
    let values: Vec<String> = (0..rows)
        .map(|row| {
            let marks: Vec<String> = (1..=width)
                .map(|column| format!("?{}", row * width + column))
                .collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES {}",
        quoted(table),
        list(columns),
        values.join(", ")
    )
}

/// The first table of [`TABLES`] that holds rows, narratives first ("it holds narratives" is
/// what a user recognises), and how many.
fn first_with_rows(db: Db<'_>) -> Result<Option<(&'static str, i64)>> {
    let narratives = TABLES.iter().filter(|table| table.name == "narrative");
    for table in narratives.chain(TABLES.iter().filter(|table| table.name != "narrative")) {
        let rows: i64 = db.value(
            &format!("counting the rows of {}", table.name),
            &format!("SELECT count(*) FROM {}", quoted(table.name)),
            params![],
        )?;
        if rows > 0 {
            return Ok(Some((table.name, rows)));
        }
    }
    Ok(None)
}

/// Fails if a row refers to one that is not there.
fn check_keys(db: Db<'_>) -> Result<()> {
    match db.backend() {
        Backend::Sqlite => {
            let broken: Option<(String, i64, String)> = db.optional(
                "checking the foreign keys",
                "PRAGMA foreign_key_check",
                params![],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            if let Some((table, rowid, parent)) = broken {
                bail!(
                    "a row of {table} (rowid {rowid}) refers to a row of {parent} the export \
                     lacks"
                );
            }
            Ok(())
        }
        // The deferred checks, made now: the server's error names the row and what it lacks.
        Backend::Postgres => db.batch(
            "checking that every row refers to one that is there",
            "SET CONSTRAINTS ALL IMMEDIATE",
        ),
    }
}

/// Reads a dump into the database at `path`: a new SQLite file (made under a temporary name,
/// put in place once whole), or an existing database, SQLite or PostgreSQL, that holds nothing.
/// Everything in one transaction; a bad dump leaves no database, or the empty one as it was.
pub fn restore(path: &Path, dump: &Dump) -> Result<Restored> {
    if dump.format != DUMP_FORMAT {
        bail!(
            "not a tiptrack export: its \"format\" is {:?}, not {DUMP_FORMAT:?}",
            dump.format
        );
    }
    if dump.format_version != DUMP_FORMAT_VERSION {
        bail!(
            "the export has format version {}, but this tiptrack reads only version \
             {DUMP_FORMAT_VERSION}",
            dump.format_version
        );
    }
    if !(1..=migrate::SCHEMA_VERSION).contains(&dump.schema_version) {
        bail!(
            "the export has schema version {}, but this tiptrack knows only versions 1 to {}",
            dump.schema_version,
            migrate::SCHEMA_VERSION
        );
    }
    let creates = |sql: &String| {
        let first = sql.split_whitespace().next().unwrap_or_default();
        first.eq_ignore_ascii_case("CREATE")
    };
    if let Some(sql) = dump.schema.iter().find(|sql| !creates(sql)) {
        bail!("the export's schema holds something other than CREATE statements: {sql:?}");
    }
    let tables = &dump.tables;
    let rows = tables.iter().map(|(_, t)| t.rows.len()).sum();
    let restored = Restored {
        tables: tables.len(),
        rows,
        schema_version: dump.schema_version,
    };
    if postgresql::url(path).is_some() || path.exists() {
        into_empty(path, dump)?;
        return Ok(restored);
    }
    let pending = file::Pending::new(path)?;
    {
        // A new SQLite file, made from the dump's own schema, which may be an older version's
        // (upgraded below as tiptrack opens it): SQLite's by nature.
        let mut conn = rusqlite::Connection::open_with_flags(
            pending.temp(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let tx = conn.transaction()?;
        let db = Db::Sqlite(&tx);
        // Tables first, then their rows, then what reads them (indexes, triggers): no trigger
        // fires for a restored row, and each index is built once.
        let (made, rest): (Vec<&String>, Vec<&String>) =
            dump.schema.iter().partition(|sql| is_create(sql, "TABLE"));
        for sql in made {
            schema_statement(db, sql)?;
        }
        db.batch(
            "deferring the foreign keys",
            "PRAGMA defer_foreign_keys = ON",
        )?;
        insert_into_new(db, tables)?;
        for sql in rest {
            schema_statement(db, sql)?;
        }
        db.batch(
            "recording the schema version",
            &format!("PRAGMA user_version = {}", dump.schema_version),
        )?;
        check_keys(db)?;
        tx.commit()?;
        conn.close().map_err(|(_, err)| err)?;
    }
    // Opened as tiptrack opens it, which upgrades an older schema, then put in place.
    let temp = pending.temp().to_path_buf();
    Store::connect(&temp, path, Some(pending))?.finish()?;
    Ok(restored)
}

/// The error of a restore into a database that holds rows.
fn not_empty(path: &Path) -> impl FnOnce(&str, i64) -> anyhow::Error {
    let shown = Store::shown(path);
    move |table, rows| {
        anyhow!(
            "the database {shown} is not empty (its table {table} has {rows} rows): restore \
             into a new database, or an empty one"
        )
    }
}

/// Restores into an existing database, SQLite or PostgreSQL, which must be tiptrack's, of the
/// dump's schema version, and hold no row. On PostgreSQL (which has only the current schema) an
/// older dump is first restored into a new SQLite file aside, which upgrades it, then copied.
fn into_empty(path: &Path, dump: &Dump) -> Result<()> {
    let mut store = Store::open(path)?;
    let version = schema_version(store.db())?;
    if store.backend() == Backend::Postgres && dump.schema_version < version {
        let aside = tempfile::tempdir()?;
        let upgraded = aside.path().join("tiptrack.db");
        restore(&upgraded, dump)?;
        copy(&mut Store::open(&upgraded)?, &mut store, not_empty(path))?;
        return Ok(());
    }
    if version != dump.schema_version {
        bail!(
            "the export has schema version {}, the database {version}: restore it into a new \
             database (a path where there is none)",
            dump.schema_version
        );
    }
    store.load(not_empty(path), |loader| {
        for (name, rows) in &dump.tables {
            let Some(table) = table(name) else {
                bail!("the export holds a table {name:?} its schema does not make");
            };
            if rows.columns != table.columns {
                bail!(
                    "cannot restore {name}: its columns are {}, the export's {}",
                    table.columns.join(", "),
                    rows.columns.join(", ")
                );
            }
            for (i, row) in rows.rows.iter().enumerate() {
                let values = row
                    .iter()
                    .map(from_json)
                    .collect::<Result<Vec<Value>>>()
                    .with_context(|| format!("cannot restore {name}: row {}", i + 1))?;
                loader
                    .insert(table, values)
                    .with_context(|| format!("cannot restore {name}"))?;
            }
        }
        Ok(())
    })
}

/// Whether `sql` is a `CREATE <kind>` statement.
fn is_create(sql: &str, kind: &str) -> bool {
    let words: Vec<String> = sql
        .split_whitespace()
        .take(2)
        .map(str::to_ascii_uppercase)
        .collect();
    words.first().is_some_and(|w| w == "CREATE") && words.get(1).is_some_and(|w| w == kind)
}

/// Runs one statement of a dump's schema (one only: a statement is prepared whole).
fn schema_statement(db: Db<'_>, sql: &str) -> Result<()> {
    db.exec("SQLite", sql, params![])
        .with_context(|| format!("cannot make the export's schema: {sql:?}"))?;
    Ok(())
}

/// Inserts a dump's rows into a new SQLite database made from its schema: its tables and
/// columns are the ones that schema makes (an older version's, maybe).
fn insert_into_new(db: Db<'_>, tables: &[(String, DumpTable)]) -> Result<()> {
    let known: Vec<String> = db.rows("the tables made", SQLITE_TABLES, params![], |row| {
        row.get(0)
    })?;
    for (name, table) in tables {
        if !known.contains(name) {
            bail!("the export holds a table {name:?} its schema does not make");
        }
        insert_table(db, name, table).with_context(|| format!("cannot restore {name}"))?;
    }
    Ok(())
}

fn insert_table(db: Db<'_>, name: &str, table: &DumpTable) -> Result<()> {
    let columns: Vec<String> = db.rows(
        "the columns of a table",
        "SELECT name FROM pragma_table_info(?1)",
        params![name],
        |row| row.get(0),
    )?;
    if columns != table.columns {
        bail!(
            "its columns are {}, the export's {}",
            columns.join(", "),
            table.columns.join(", ")
        );
    }
    let sql = insert_sql(name, &columns, 1);
    for (i, row) in table.rows.iter().enumerate() {
        if row.len() != columns.len() {
            bail!(
                "row {} has {} values for {} columns",
                i + 1,
                row.len(),
                columns.len()
            );
        }
        let values = row
            .iter()
            .map(from_json)
            .collect::<Result<Vec<Value>>>()
            .with_context(|| format!("row {}", i + 1))?;
        let params: Vec<&dyn ToParam> = values.iter().map(|v| v as &dyn ToParam).collect();
        db.exec("restoring a row", &sql, &params)
            .with_context(|| format!("row {}", i + 1))?;
    }
    Ok(())
}

fn export_table(r: &Writer<'_>, table: &Table, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "    {}: {{", serde_json::to_string(table.name)?)?;
    writeln!(
        out,
        "      \"columns\": {},",
        serde_json::to_string(table.columns)?
    )?;
    write!(out, "      \"rows\": [")?;
    let mut first = true;
    let mut cells = Vec::with_capacity(table.columns.len());
    r.each_row(table, |values| {
        cells.clear();
        cells.extend(values.iter().map(to_json));
        write!(out, "{}\n        ", if first { "" } else { "," })?;
        serde_json::to_writer(&mut *out, &cells)?;
        first = false;
        Ok(())
    })?;
    write!(out, "{}]\n    }}", if first { "" } else { "\n      " })?;
    Ok(())
}

/// A stored value as JSON: an integer or a real as a number (a real always with a decimal
/// point or an exponent, so that it reads back as one), text as a string, a blob as
/// `{"hex": "..."}`.
fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Int(i) => (*i).into(),
        Value::Real(f) => serde_json::Number::from_f64(*f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Text(t) => t.clone().into(),
        Value::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
            serde_json::json!({ "hex": hex })
        }
    }
}

fn from_json(value: &Cell) -> Result<Value> {
    Ok(match value {
        Cell::Null => Value::Null,
        Cell::Integer(i) => Value::Int(*i),
        Cell::Real(f) => Value::Real(*f),
        Cell::Text(s) => Value::Text(s.clone()),
        Cell::Blob { hex } => {
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| {
                    hex.get(i..i + 2)
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                })
                .collect::<Option<Vec<u8>>>()
                .context("a blob that is not hexadecimal")?;
            Value::Blob(bytes)
        }
    })
}

/// Identifiers, quoted and separated by commas.
fn list(names: &[impl AsRef<str>]) -> String {
    names
        .iter()
        .map(|name| quoted(name.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An identifier (a table or column name, which SQL cannot bind), quoted.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What `tiptrack where` tells of a database, read without changing it.
pub struct Location {
    /// The database as shown: a file's absolute path, or a server's URL with the password
    /// hidden.
    pub name: String,
    pub exists: bool,
    pub schema_version: Option<i64>,
}

/// Looks at the database at `path` without opening it for writing (nor making it, nor its
/// schema on a PostgreSQL server).
pub fn locate(path: &Path) -> Result<Location> {
    if let Some(url) = postgresql::url(path) {
        let pg = RefCell::new(postgresql::connect(url)?);
        let version = postgresql::version(Db::Postgres(&pg))?;
        return Ok(Location {
            name: postgresql::redacted(url),
            exists: version.is_some(),
            schema_version: version,
        });
    }
    let name = std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    let exists = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0);
    if !exists {
        return Ok(Location {
            name,
            exists: false,
            schema_version: None,
        });
    }
    // A file opened read-only, which only SQLite can: by nature.
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open {}", path.display()))?;
    let version =
        migrate::user_version(&conn).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Location {
        name,
        exists,
        schema_version: Some(version),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`TABLES`] is schema.sql: its tables in order, and each one's columns in order.
    #[test]
    fn the_tables_are_schema_sqls() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let db = Db::Sqlite(&conn);
        db.batch("schema", migrate::SCHEMA).unwrap();
        let names: Vec<String> = db
            .rows("tables", SQLITE_TABLES, params![], |row| row.get(0))
            .unwrap();
        let ours: Vec<&str> = TABLES.iter().map(|table| table.name).collect();
        assert_eq!(names, ours);
        for table in TABLES {
            let columns: Vec<String> = db
                .rows(
                    "columns",
                    "SELECT name FROM pragma_table_info(?1)",
                    params![table.name],
                    |row| row.get(0),
                )
                .unwrap();
            assert_eq!(columns, table.columns, "{}", table.name);
            let mut key: Vec<String> = db
                .rows(
                    "key",
                    "SELECT name FROM pragma_table_info(?1) WHERE pk > 0",
                    params![table.name],
                    |row| row.get(0),
                )
                .unwrap();
            key.sort();
            let mut ours = table.key.to_vec();
            ours.sort_unstable();
            assert_eq!(key, ours, "{}", table.name);
            assert_eq!(table.identity, table.key == ["id"] && table.name != "ask");
        }
    }

    #[test]
    fn rows_are_inserted_many_to_a_statement() {
        assert_eq!(
            insert_sql("link", &["a", "b"], 2),
            "INSERT INTO \"link\" (\"a\", \"b\") VALUES (?1, ?2), (?3, ?4)"
        );
    }

    #[test]
    fn a_copy_has_the_same_rows_and_checksums() {
        let mut from = with_rows();
        let sums = from.checksums().unwrap();
        assert_eq!(sums[1].rows, 1);
        let mut to = Store::open_in_memory().unwrap();
        let copied = copy(&mut from, &mut to, |table, rows| anyhow!("{table} {rows}")).unwrap();
        assert_eq!(copied, 11);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        from.export(&mut a).unwrap();
        to.export(&mut b).unwrap();
        assert!(a == b, "the exports differ");
        assert_eq!(to.checksums().unwrap(), sums);
        let err = copy(&mut from, &mut to, |table, rows| anyhow!("{table} {rows}")).unwrap_err();
        assert_eq!(err.to_string(), "narrative 1");
        assert_ne!(sums[0].sha256, sums[1].sha256);
    }

    /// Rows of several kinds, in tables that refer to each other, for the tests of a copy.
    fn with_rows() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|w| {
                w.db().batch(
                    "rows",
                    "INSERT INTO command VALUES (1, 'ann', '2026-12-01T00:00:00Z', NULL); \
                     INSERT INTO command VALUES (2, 'bob', '2026-12-02T00:00:00Z', 1); \
                     INSERT INTO narrative VALUES (3, 'Kazakhstan', 'KAZ', 2011, NULL, 'a.txt', \
                     'ab', 'x', 'y', 'copy', 1); \
                     INSERT INTO narrative_text VALUES (3, 'Texte — é'); \
                     INSERT INTO section VALUES (3, 2, 'other', NULL, 'b'), (3, 1, 'other', 'H', 'a'); \
                     INSERT INTO recommendation (id, narrative_id, code, seq, position, text, area, \
                     action, ask_id, ask_position, created_at, updated_at) VALUES \
                     (7, 3, 'KAZ-2011-1', 1, 1, 'do', 'prevention', 'general', 7, 1, 'x', 'y'), \
                     (8, 3, 'KAZ-2011-2', 2, 2, 'do ✓', 'prevention', 'general', 7, 2, 'x', 'y'); \
                     INSERT INTO link VALUES (7, 8, 'repeated', 0.8125, 'auto'); \
                     INSERT INTO evidence (id, recommendation_id, report_year, quote, added_by, \
                     added_at, score) VALUES (9, 7, 2012, 'q', 'ann', 'x', 1.0e-7); \
                     INSERT INTO event (id, narrative_id, recommendation_id, kind, actor, at, \
                     command, before) VALUES (11, 3, 7, 'status', 'ann', 'x', 1, '{\"a\": 1}');",
                )
            })
            .unwrap();
        store
    }

    /// With `TIPTRACK_TEST_POSTGRES` set to the URL of an empty PostgreSQL database (which it
    /// fills), a copy there and back has the same checksums and the same export; without, it
    /// checks nothing.
    #[test]
    fn a_copy_to_postgres_and_back_is_the_same() {
        let Ok(url) = std::env::var("TIPTRACK_TEST_POSTGRES") else {
            return;
        };
        let mut from = with_rows();
        let mut pg = Store::open(Path::new(&url)).unwrap();
        copy(&mut from, &mut pg, |table, rows| anyhow!("{table} {rows}")).unwrap();
        let sums = from.checksums().unwrap();
        assert_eq!(pg.checksums().unwrap(), sums);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        from.export(&mut a).unwrap();
        pg.export(&mut b).unwrap();
        assert!(a == b, "the exports differ");
        let mut back = Store::open_in_memory().unwrap();
        copy(&mut pg, &mut back, |table, rows| anyhow!("{table} {rows}")).unwrap();
        assert_eq!(back.checksums().unwrap(), sums);
        // New rows get ids past the copied ones.
        let next: i64 = pg
            .write(|w| {
                w.db().value(
                    "a new command",
                    "INSERT INTO command (actor, at) VALUES ('c', 'z') RETURNING id",
                    params![],
                )
            })
            .unwrap();
        assert_eq!(next, 3);
    }
}
