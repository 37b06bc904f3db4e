//! The database whole: copied with SQLite's online backup, written out as a JSON dump of every
//! table (the format is docs/export.md), and read back from one into a new or empty database.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde::Deserialize;

use super::{Store, file, migrate};

/// What the dump says it is, and the version of its layout (docs/export.md).
pub const DUMP_FORMAT: &str = "tiptrack-export";
pub const DUMP_FORMAT_VERSION: i64 = 1;

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

/// The tables a dump holds, in the order they were made: every table but SQLite's own, except
/// `sqlite_sequence` (AUTOINCREMENT's counters), which is data.
const TABLES: &str = "SELECT name FROM sqlite_schema WHERE type = 'table' \
                      AND (name NOT LIKE 'sqlite_%' OR name = 'sqlite_sequence') ORDER BY rowid";

/// The schema a dump holds: what makes the tables, then the indexes, triggers and views, each in
/// the order they were made (the order a restore makes them in, so that its dump is the same).
const SCHEMA: &str = "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL \
                      AND name NOT LIKE 'sqlite_%' ORDER BY type <> 'table', rowid";

impl Store {
    /// Writes the whole database to `out` as JSON (docs/export.md), one row per line, as it is
    /// read: a dump of any size holds one row in memory. Reads one snapshot, so the dump is
    /// consistent while others write.
    pub fn export(&mut self, out: &mut dyn Write) -> Result<()> {
        let tx = self
            .legacy_mut()?
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let version = migrate::user_version(&tx)?;
        let schema: Vec<String> = strings(&tx, SCHEMA).context("cannot read the schema")?;
        let tables: Vec<String> = strings(&tx, TABLES).context("cannot read the tables")?;
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
        for (i, table) in tables.iter().enumerate() {
            export_table(&tx, table, out).with_context(|| format!("cannot export {table}"))?;
            writeln!(out, "{}", if i + 1 < tables.len() { "," } else { "" })?;
        }
        writeln!(out, "  }}")?;
        writeln!(out, "}}")?;
        out.flush()?;
        Ok(())
    }

    /// Copies the database to `to`, with SQLite's online backup: from one snapshot, while
    /// others read and write (in write-ahead-log mode a reader blocks no writer). The copy is
    /// made under a temporary name and put in place whole, private (0600); over an existing
    /// file only with `replace`.
    pub fn backup(&self, to: &Path, replace: bool) -> Result<()> {
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
        let pending = file::Pending::new(to)?;
        {
            let mut copy = Connection::open_with_flags(
                pending.temp(),
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let backup = rusqlite::backup::Backup::new(self.legacy()?, &mut copy)?;
            // All pages in one step: one read transaction, one consistent snapshot.
            loop {
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    _ => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
            }
            drop(backup);
            // A copy is one file, without a log beside it.
            let _mode: String =
                copy.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))?;
            copy.close().map_err(|(_, err)| err)?;
        }
        pending.publish(replace)
    }
}

/// Reads a dump into the database at `path`: a new one (made under a temporary name, put in
/// place once whole), or an existing one that holds nothing. Everything in one transaction; a
/// bad dump leaves no database, or the empty one as it was.
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
    if path.exists() {
        into_empty(path, dump, tables)?;
        return Ok(restored);
    }
    let pending = file::Pending::new(path)?;
    {
        let mut conn = Connection::open_with_flags(
            pending.temp(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let tx = conn.transaction()?;
        // Tables first, then their rows, then what reads them (indexes, triggers): no trigger
        // fires for a restored row, and each index is built once.
        let (made, rest): (Vec<&String>, Vec<&String>) =
            dump.schema.iter().partition(|sql| is_create(sql, "TABLE"));
        for sql in made {
            schema_statement(&tx, sql)?;
        }
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        insert_all(&tx, tables)?;
        for sql in rest {
            schema_statement(&tx, sql)?;
        }
        tx.pragma_update(None, "user_version", dump.schema_version)?;
        check_keys(&tx)?;
        tx.commit()?;
        conn.close().map_err(|(_, err)| err)?;
    }
    // Opened as tiptrack opens it, which upgrades an older schema, then put in place.
    let temp = pending.temp().to_path_buf();
    Store::connect(&temp, path, Some(pending))?.finish()?;
    Ok(restored)
}

/// Restores into an existing database, which must be tiptrack's, of the dump's schema version,
/// and hold no row.
fn into_empty(path: &Path, dump: &Dump, tables: &[(String, DumpTable)]) -> Result<()> {
    let mut store = Store::open(path)?;
    let version = migrate::user_version(store.legacy()?)?;
    if version != dump.schema_version {
        bail!(
            "the export has schema version {}, the database {version}: restore it into a new \
             database (a path where there is none)",
            dump.schema_version
        );
    }
    store.ensure_writable()?;
    let tx = store
        .legacy_mut()?
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    // The narratives first: "it holds narratives" is what a user recognises.
    let mut names = strings(&tx, TABLES)?;
    names.sort_by_key(|table| table != "narrative");
    for table in names {
        let rows: i64 = tx.query_row(
            &format!("SELECT count(*) FROM {}", quoted(&table)),
            [],
            |row| row.get(0),
        )?;
        if rows > 0 {
            bail!(
                "the database {} is not empty (its table {table} has {rows} rows): restore \
                 into a new database, or an empty one",
                path.display()
            );
        }
    }
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    insert_all(&tx, tables)?;
    check_keys(&tx)?;
    tx.commit()?;
    Ok(())
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

/// Runs one statement of a dump's schema (`conn.execute` refuses more than one).
fn schema_statement(conn: &Connection, sql: &str) -> Result<()> {
    conn.execute(sql, [])
        .with_context(|| format!("cannot make the export's schema: {sql:?}"))?;
    Ok(())
}

fn insert_all(conn: &Connection, tables: &[(String, DumpTable)]) -> Result<()> {
    let known = strings(conn, TABLES)?;
    for (name, table) in tables {
        if !known.contains(name) {
            bail!("the export holds a table {name:?} its schema does not make");
        }
        insert_table(conn, name, table).with_context(|| format!("cannot restore {name}"))?;
    }
    Ok(())
}

fn insert_table(conn: &Connection, name: &str, table: &DumpTable) -> Result<()> {
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info(?1)")?
        .query_map([name], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if columns != table.columns {
        bail!(
            "its columns are {}, the export's {}",
            columns.join(", "),
            table.columns.join(", ")
        );
    }
    if name == "sqlite_sequence" {
        conn.execute("DELETE FROM sqlite_sequence", [])?;
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quoted(name),
        columns
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", "),
        vec!["?"; columns.len()].join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
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
        stmt.execute(rusqlite::params_from_iter(values))
            .with_context(|| format!("row {}", i + 1))?;
    }
    Ok(())
}

/// Fails if a row refers to one that is not there.
fn check_keys(conn: &Connection) -> Result<()> {
    let broken: Option<(String, i64, String)> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .next()
        .transpose()?;
    if let Some((table, rowid, parent)) = broken {
        bail!("a row of {table} (rowid {rowid}) refers to a row of {parent} the export lacks");
    }
    Ok(())
}

fn export_table(conn: &Connection, table: &str, out: &mut dyn Write) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {} ORDER BY rowid", quoted(table)))?;
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    writeln!(out, "    {}: {{", serde_json::to_string(table)?)?;
    writeln!(
        out,
        "      \"columns\": {},",
        serde_json::to_string(&columns)?
    )?;
    write!(out, "      \"rows\": [")?;
    let mut rows = stmt.query([])?;
    let mut first = true;
    let mut cells = Vec::with_capacity(columns.len());
    while let Some(row) = rows.next()? {
        cells.clear();
        for i in 0..columns.len() {
            cells.push(to_json(row.get_ref(i)?));
        }
        write!(out, "{}\n        ", if first { "" } else { "," })?;
        serde_json::to_writer(&mut *out, &cells)?;
        first = false;
    }
    write!(out, "{}]\n    }}", if first { "" } else { "\n      " })?;
    Ok(())
}

/// A stored value as JSON: an integer or a real as a number (a real always with a decimal
/// point or an exponent, so that it reads back as one), text as a string, a blob as
/// `{"hex": "..."}`.
fn to_json(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
            serde_json::json!({ "hex": hex })
        }
    }
}

fn from_json(value: &Cell) -> Result<Value> {
    Ok(match value {
        Cell::Null => Value::Null,
        Cell::Integer(i) => Value::Integer(*i),
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

fn strings(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare(sql)?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// An identifier (a table or column name, which SQL cannot bind), quoted.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What `tiptrack where` tells of a database file, read without changing it.
pub struct Location {
    pub exists: bool,
    pub schema_version: Option<i64>,
}

/// Looks at the database at `path` without opening it for writing (nor making it).
pub fn locate(path: &Path) -> Result<Location> {
    let exists = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0);
    if !exists {
        return Ok(Location {
            exists: false,
            schema_version: None,
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open {}", path.display()))?;
    let version =
        migrate::user_version(&conn).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Location {
        exists,
        schema_version: Some(version),
    })
}
