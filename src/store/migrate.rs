//! Creating and upgrading the schema: `schema.sql` for a new database, then one migration per
//! version, each in its own transaction, tracked with `PRAGMA user_version`.

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::StoreError;

/// The whole current schema, applied to a new database.
pub const SCHEMA: &str = include_str!("../../schema.sql");

/// The schema version `schema.sql` describes.
pub const SCHEMA_VERSION: i64 = 8;

/// One schema upgrade: SQL, then (where rows must be derived by code) a step in Rust, in the
/// same transaction.
pub struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(&Connection) -> Result<()>>,
}

/// `MIGRATIONS[i]` upgrades a database of version `i + 1` to version `i + 2`. Append only: a
/// released migration is never edited. When one is added, `schema.sql` and `SCHEMA_VERSION`
/// change with it, and `tests/fixtures/schema-vN.sql` keeps the old schema, with data, to
/// upgrade from.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("migrations/v1-to-v2.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/v2-to-v3.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/v3-to-v4.sql"),
        then: None,
    },
    // Every item starts as its own ask: group them along the links.
    Migration {
        sql: include_str!("migrations/v4-to-v5.sql"),
        then: Some(super::asks::upgrade_to_v5),
    },
    Migration {
        sql: include_str!("migrations/v5-to-v6.sql"),
        then: None,
    },
    // The tallies the plain `report` reads, filled by its SQL.
    Migration {
        sql: include_str!("migrations/v6-to-v7.sql"),
        then: None,
    },
    // CHECKs as OR chains: only the tables' text in sqlite_schema changes.
    Migration {
        sql: "",
        then: Some(upgrade_to_v8),
    },
];

const _: () = assert!(SCHEMA_VERSION == MIGRATIONS.len() as i64 + 1);

/// Brings the database to the current schema: creates it when new, migrates it when older,
/// refuses it when it is newer than this binary or is some other program's database.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_with(conn, SCHEMA, SCHEMA_VERSION, MIGRATIONS)
}

/// [`migrate`] with the schema and migrations given, so tests can exercise an upgrade.
pub(crate) fn migrate_with(
    conn: &mut Connection,
    schema: &str,
    version: i64,
    migrations: &[Migration],
) -> Result<()> {
    let found = user_version(conn)?;
    if found == version {
        return Ok(());
    }
    if found > version {
        return Err(StoreError::TooNew {
            found,
            known: version,
        }
        .into());
    }
    if found == 0 {
        // Another process may be creating the schema right now: decide inside the write lock.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if user_version(&tx)? == 0 {
            let tables: i64 =
                tx.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
            if tables > 0 {
                return Err(StoreError::NotTiptrack.into());
            }
            tx.execute_batch(schema).context("creating the schema")?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
        return Ok(());
    }
    // A migration rebuilds tables that others reference (SQLite's "make other kinds of table
    // schema changes" procedure): with foreign keys off, which only takes effect outside a
    // transaction, and with legacy_alter_table on, so that renaming the old table aside does
    // not rewrite the references to it. Every foreign key is checked before each commit.
    conn.pragma_update(None, "foreign_keys", false)?;
    conn.pragma_update(None, "legacy_alter_table", true)?;
    let upgraded = upgrade(conn, found, version, migrations);
    conn.pragma_update(None, "legacy_alter_table", false)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    upgraded
}

/// Version 7 to 8 (see `migrations/v7-to-v8.sql`): the six tables whose CHECKs list three or
/// more values get version 8's text in `sqlite_schema`, without a stored byte changing. Each
/// must have the same columns and foreign keys as version 8's; every row is then checked
/// against the new constraints (`PRAGMA quick_check`).
fn upgrade_to_v8(conn: &Connection) -> Result<()> {
    let v8 = Connection::open_in_memory()?;
    v8.execute_batch(include_str!("migrations/v7-to-v8.sql"))?;
    let tables = v8
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")?
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (name, _) in &tables {
        if shape(conn, name)? != shape(&v8, name)? {
            anyhow::bail!("the table {name} is not as version 7 made it");
        }
    }
    let cookie: i64 = conn.query_row("PRAGMA schema_version", [], |row| row.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    for (name, sql) in &tables {
        conn.execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2",
            [sql, name],
        )?;
    }
    conn.pragma_update(None, "schema_version", cookie + 1)?;
    conn.pragma_update(None, "writable_schema", false)?;
    let problems = conn
        .prepare("PRAGMA quick_check")?
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if problems != ["ok"] {
        anyhow::bail!("the database does not check out: {}", problems.join("; "));
    }
    Ok(())
}

/// A table's columns (name, type, NOT NULL, default, key) and foreign keys, as SQLite reads
/// them from its text: what a change of CHECK text must leave alone.
fn shape(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut shape = Vec::new();
    for pragma in ["table_xinfo", "foreign_key_list"] {
        let mut statement = conn.prepare(&format!("SELECT * FROM pragma_{pragma}(?1)"))?;
        let width = statement.column_count();
        let mut rows = statement.query([table])?;
        while let Some(row) = rows.next()? {
            let values = (0..width)
                .map(|i| {
                    row.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect::<rusqlite::Result<Vec<_>>>()?;
            shape.push(format!("{pragma}: {}", values.join(", ")));
        }
    }
    if shape.is_empty() {
        anyhow::bail!("no table {table}");
    }
    Ok(shape)
}

fn upgrade(
    conn: &mut Connection,
    found: i64,
    version: i64,
    migrations: &[Migration],
) -> Result<()> {
    for from in found..version {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Someone else may have migrated while this process waited for the lock.
        if user_version(&tx)? != from {
            continue;
        }
        let index = usize::try_from(from - 1).context("schema version out of range")?;
        let step = migrations
            .get(index)
            .with_context(|| format!("no migration from schema version {from}"))?;
        let context = || format!("migrating the schema from version {from} to {}", from + 1);
        tx.execute_batch(step.sql).with_context(context)?;
        if let Some(then) = step.then {
            then(&tx).with_context(context)?;
        }
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |row| row.get(0))
            .optional()?;
        if let Some(table) = broken {
            anyhow::bail!("{}: a row of {table} lost what it refers to", context());
        }
        tx.pragma_update(None, "user_version", from + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The database's schema version; 0 for a new, empty database.
pub fn user_version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|err| match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase.into(),
            _ => anyhow::Error::from(err),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "CREATE TABLE item (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;";
    const V2: &str = "CREATE TABLE item (id INTEGER PRIMARY KEY, text TEXT NOT NULL, \
                      status TEXT NOT NULL DEFAULT 'open') STRICT;";
    const V1_TO_V2: &str = "ALTER TABLE item ADD COLUMN status TEXT NOT NULL DEFAULT 'open';";

    fn sql(sql: &'static str) -> Migration {
        Migration { sql, then: None }
    }

    #[test]
    fn an_older_database_upgrades_in_place_and_keeps_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, V1, 1, &[]).unwrap();
        conn.execute("INSERT INTO item (text) VALUES ('kept')", [])
            .unwrap();

        migrate_with(&mut conn, V2, 2, &[sql(V1_TO_V2)]).unwrap();

        assert_eq!(user_version(&conn).unwrap(), 2);
        let row: (String, String) = conn
            .query_row("SELECT text, status FROM item", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(row, ("kept".to_string(), "open".to_string()));
    }

    #[test]
    fn a_failing_migration_leaves_the_old_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, V1, 1, &[]).unwrap();
        let broken = "ALTER TABLE item ADD COLUMN a TEXT; ALTER TABLE nowhere ADD COLUMN b TEXT;";
        assert!(migrate_with(&mut conn, V2, 2, &[sql(broken)]).is_err());
        assert_eq!(user_version(&conn).unwrap(), 1);
        let columns: i64 = conn
            .query_row("SELECT count(*) FROM pragma_table_info('item')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(columns, 2, "the half-applied migration was rolled back");
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        let newer = SCHEMA_VERSION + 1;
        conn.pragma_update(None, "user_version", newer).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the database has schema version {newer}, but this tiptrack knows only up to \
                 version {SCHEMA_VERSION}; upgrade tiptrack"
            )
        );
    }

    #[test]
    fn another_programs_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER)")
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(err.to_string().contains("not a tiptrack database"), "{err}");
    }
}
