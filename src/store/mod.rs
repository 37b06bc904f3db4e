//! The database: the only module with SQL in it.
//!
//! [`Store`] opens (and creates or migrates) a database and answers queries with model types.
//! Every change goes through [`Store::write`], which runs one user command as one
//! `BEGIN IMMEDIATE` transaction: it commits whole or leaves the database exactly as it was.
//! Commands never see a `rusqlite::Connection`, so another backend can arrive behind the same
//! methods.

mod asks;
mod corrections;
mod dossier;
mod dump;
mod file;
mod import;
mod links;
pub mod migrate;
mod postgresql;
mod read;
mod remove;
mod report;
pub(crate) mod rows;
pub(crate) mod sql;
mod suggest;
mod tiers;
mod undo;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use std::cell::RefCell;

use anyhow::{Context, Result};
use rusqlite::config::DbConfig;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::model::{Action, Area, SectionKind, Status, Tier};
use sql::{Backend, Cell, Db, FromCell, Param, Pg, ToParam};

pub use corrections::{EvidenceCorrection, EvidenceEdit, NoteCorrection};
pub use dump::{CopiedTable, Dump, Location, Restored, copy_database, locate, restore};
pub use file::private_file_beside;
pub use import::{ImportOutcome, ImportSummary};
pub use remove::Removal;
pub use report::Window;
pub use suggest::Decision;
pub use undo::Undone;
pub use write::{AssignChange, Assigned, Assignment, StatusChange};

/// Failures a caller may want to tell apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not an SQLite database")]
    NotADatabase,
    #[error("not a tiptrack database: it already holds tables of another program")]
    NotTiptrack,
    #[error(
        "the database has schema version {found}, but this tiptrack knows only up to version \
         {known}; upgrade tiptrack"
    )]
    TooNew { found: i64, known: i64 },
    #[error(
        "no database at {} (import a narrative first, or check --db / TIPTRACK_DB)",
        .0.display()
    )]
    Missing(PathBuf),
    #[error("the database is read-only: {0}")]
    ReadOnly(String),
    #[error("unknown recommendation ID '{id}'{}", did_you_mean(.suggestions))]
    UnknownId {
        id: String,
        suggestions: Vec<String>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The write-ahead log's size past which a commit empties it into the database. Every process
/// reads the whole log as it opens the database, so it is kept small: at 4 MB, a `list` after
/// many status changes took 5.1 ms against 3.9 ms at 1 MB, for 1.1 syncs per change instead of
/// 1.01 (docs/durability.md).
const LOG_LIMIT: u64 = 1 << 20;

/// The log's limit within a batch (an import; see [`Store::begin_batch`]), whose commits are
/// not synced one by one. One narrative of a whole report writes more than [`LOG_LIMIT`] to the
/// log on its own, so at that limit each was followed by a checkpoint (two syncs, and the pages
/// every narrative touches written again each time): importing the last of 20 whole reports
/// took 2.4 s, against 1.9 s at 8 MB or more. [`Store::end_batch`] empties and cuts the log
/// whatever its size; meanwhile another process opening the database reads up to this much
/// log (a few milliseconds).
const BATCH_LOG_LIMIT: u64 = 16 << 20;

/// An open tiptrack database.
pub struct Store {
    conn: Conn,
    path: Option<PathBuf>,
    /// A PostgreSQL database's URL, its password hidden (see `postgresql::redacted`).
    server: Option<String>,
    /// Whether an import suggests evidence (see [`Store::suggest_on_import`]).
    suggest: bool,
    /// A new database still under its temporary name (see [`Store::open_or_create`]). After
    /// `conn`, so that the connection is closed before an unfinished file is removed.
    pending: Option<file::Pending>,
    /// The write-ahead log did not exist when the database was opened: the first commit makes
    /// its name durable (see [`Store::write`]).
    new_log: bool,
    /// The command this invocation's changes are recorded under (see [`Store::next_command`]),
    /// once one has been recorded.
    command: Option<i64>,
    /// The log is kept between runs, and emptied by tiptrack (see [`Store::keep_log`]).
    kept_log: bool,
    /// The items of the narratives linked so far, prepared (see [`links::LinkCache`]).
    links: std::cell::RefCell<links::LinkCache>,
    /// The thread an import ranks each new narrative's sentences on (see `suggest::ranker`).
    ranker: crate::suggest::ranker::Ranker,
    /// Between [`Store::begin_batch`] and [`Store::end_batch`].
    in_batch: bool,
}

/// The connection: to an SQLite file, or to a PostgreSQL server (see `postgres.rs`).
enum Conn {
    Sqlite(Connection),
    Postgres(Box<RefCell<Pg>>),
}

impl Store {
    /// Opens the existing database at `path` and brings its schema up to date. A missing file
    /// (or an empty one, which SQLite would take for a new database) is an error: only
    /// [`Store::open_or_create`] makes a database.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(url) = postgresql::url(path) {
            return Store::connect_postgres(url, false);
        }
        if path.is_dir() {
            anyhow::bail!("{} is a directory, not a database file", path.display());
        }
        let missing = std::fs::metadata(path).map_or(true, |meta| meta.len() == 0);
        if missing {
            return Err(StoreError::Missing(path.to_path_buf()).into());
        }
        Store::connect(path, path, None)
    }

    /// Opens the database at `path`, or, when there is none, makes a new one there (and its
    /// parent folders). A new database is built under a temporary name beside `path` and only
    /// takes its name in [`Store::finish`]: a command that fails before then leaves no file.
    pub fn open_or_create(path: &Path) -> Result<Store> {
        if let Some(url) = postgresql::url(path) {
            return Store::connect_postgres(url, true);
        }
        if path.is_dir() {
            anyhow::bail!("{} is a directory, not a database file", path.display());
        }
        if path.exists() {
            return Store::open(path);
        }
        let pending = file::Pending::new(path)?;
        let temp = pending.temp().to_path_buf();
        Store::connect(&temp, path, Some(pending))
    }

    fn connect(at: &Path, path: &Path, pending: Option<file::Pending>) -> Result<Store> {
        // Only the file itself, never a URI, an in-memory database or a new file: creating one
        // is `open_or_create`'s, which makes the (empty, private) file first.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(at, flags)
            .with_context(|| format!("cannot open the database {}", path.display()))?;
        let mut store = Store {
            conn: Conn::Sqlite(conn),
            path: Some(path.to_path_buf()),
            server: None,
            suggest: true,
            pending,
            new_log: !log_path(at).exists(),
            command: None,
            kept_log: false,
            links: Default::default(),
            ranker: Default::default(),
            in_batch: false,
        };
        store
            .prepare()
            .with_context(|| format!("cannot use {} as a tiptrack database", path.display()))?;
        Ok(store)
    }

    /// Connects to the PostgreSQL database at `url` and brings its schema up to date. The
    /// database itself is the server's (`createdb`): what tiptrack creates in an empty one is
    /// its tables, and only when `create` (as `import` and `restore` do) — any other command
    /// on a database without them fails, as on a missing file.
    fn connect_postgres(url: &str, create: bool) -> Result<Store> {
        let pg = RefCell::new(postgresql::connect(url)?);
        let found = postgresql::version(Db::Postgres(&pg))?;
        if !create && found.is_none() {
            anyhow::bail!(
                "no tiptrack tables in the PostgreSQL database {} (import a narrative first, or \
                 check --db / TIPTRACK_DB)",
                postgresql::redacted(url)
            );
        }
        postgresql::migrate(&pg, found)?;
        Ok(Store {
            conn: Conn::Postgres(Box::new(pg)),
            path: None,
            server: Some(postgresql::redacted(url)),
            suggest: true,
            pending: None,
            new_log: false,
            command: None,
            kept_log: false,
            links: Default::default(),
            ranker: Default::default(),
            in_batch: false,
        })
    }

    /// The handle every query runs through, outside a transaction.
    pub(crate) fn db(&self) -> Db<'_> {
        match &self.conn {
            Conn::Sqlite(conn) => Db::Sqlite(conn),
            Conn::Postgres(pg) => Db::Postgres(pg),
        }
    }

    /// Which database this is.
    pub(crate) fn backend(&self) -> Backend {
        self.db().backend()
    }

    /// The SQLite connection, for what only SQLite has; on PostgreSQL an error naming `what`.
    fn sqlite(&self, what: &str) -> Result<&Connection> {
        self.db().sqlite(what)
    }

    /// Creates the tiptrack roles on a PostgreSQL database, with their rights (`db
    /// init-roles`); an error on SQLite, which has no roles.
    pub fn init_roles(&mut self) -> Result<()> {
        let db = self.db();
        if db.backend() != Backend::Postgres {
            anyhow::bail!(
                "roles are PostgreSQL's: an SQLite database is one file, and whoever may write \
                 the file may change it (see docs/team.md)"
            );
        }
        db.batch(
            "creating the tiptrack roles",
            &format!("BEGIN; {}\nCOMMIT;", postgresql::ROLES),
        )
        .inspect_err(|_| {
            let _ = db.batch("rolling back", "ROLLBACK");
        })
    }

    /// Ends a command's use of an SQLite database without closing the connection, at the end
    /// of a command that ends its process: the exit releases its locks and files as closing
    /// would, and the next process to open the database rebuilds the log's index from the log,
    /// as it does after a close too (whoever opens a database no other process has open does).
    /// Every change is committed, and durable, by then ([`Store::write`]). Closing frees the
    /// parsed schema object by object: 6 % of what a `status` runs. A new database still to be
    /// named ([`Store::finish`]) and a PostgreSQL connection (the server would log the dropped
    /// connection) are closed as usual.
    pub fn leave_to_exit(self) {
        if self.pending.is_none() && matches!(self.conn, Conn::Sqlite(_)) {
            std::mem::forget(self);
        }
    }

    /// Gives a database made by [`Store::open_or_create`] its name, once everything is
    /// committed; does nothing for one that existed.
    pub fn finish(mut self) -> Result<()> {
        let Some(pending) = self.pending.take() else {
            return Ok(());
        };
        let Conn::Sqlite(conn) = &self.conn else {
            return Ok(());
        };
        // The new file goes into place whole, without its write-ahead log beside it: the log
        // is emptied into it, and the connection closed with the usual checkpoint, which
        // removes the log.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        let Store { conn, .. } = self;
        if let Conn::Sqlite(conn) = conn {
            conn.close().map_err(|(_, err)| err)?;
        }
        pending.publish(false)
    }

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Conn::Sqlite(Connection::open_in_memory()?),
            path: None,
            server: None,
            suggest: true,
            pending: None,
            new_log: false,
            command: None,
            kept_log: false,
            links: Default::default(),
            ranker: Default::default(),
            in_batch: false,
        };
        store.prepare()?;
        Ok(store)
    }

    fn prepare(&mut self) -> Result<()> {
        let Conn::Sqlite(conn) = &mut self.conn else {
            return Ok(());
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        sql::add_functions(conn)?;
        // An import runs a few dozen statements per narrative: all stay prepared.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // The bundled SQLite is built with STAT4, under which a statement comparing a bound
        // parameter with an indexed column is compiled again whenever the value changes: an
        // import spent 4% of its time re-preparing. Plans here never depend on the values
        // (there are no statistics), so they are kept.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let version = migrate::user_version(conn)?;
        // Only a database without a version may be blank (a tiptrack one has its tables).
        let blank = version == 0 && is_blank(conn)?;
        // Creating or upgrading the schema writes: not to a file the user marked read-only.
        if version < migrate::SCHEMA_VERSION {
            self.ensure_writable()?;
        }
        // Write-ahead logging makes a durable commit one sync instead of three (an import of a
        // whole report commits ~190 times). It is set only on a database the user may write
        // that is (or is about to become) a tiptrack one: it changes the file's header. It is
        // set before the schema is made or upgraded, so that no write ever goes through a
        // rollback journal (see docs/durability.md on SQLITE_DISABLE_DIRSYNC).
        let tiptrack = version > 0 || blank;
        if self.path.is_some() && tiptrack && self.ensure_writable().is_ok() {
            let _mode: String = self.sqlite("the write-ahead log")?.query_row(
                "PRAGMA journal_mode = WAL",
                [],
                |row| row.get(0),
            )?;
            self.keep_log()?;
        }
        if let Conn::Sqlite(conn) = &mut self.conn {
            migrate::migrate(conn)?;
        }
        Ok(())
    }

    /// Keeps the write-ahead log between runs (see docs/durability.md). By default the last
    /// connection to close checkpoints the log into the database and deletes it: four syncs
    /// (log, database, and the folder twice as the log comes and goes) on top of the commit's
    /// one. Kept, a command that commits once syncs once. The log is emptied into the database
    /// by [`Store::write`] instead, once it is past [`LOG_LIMIT`] bytes.
    ///
    /// SQLite's own automatic checkpoint is off: it would not do with a kept log. Each process
    /// that opens the database first rebuilds the log's index from the file, and forgets how
    /// much of it was already copied; so a log never emptied and cut back is never started
    /// over, and once past the limit every commit would checkpoint it all again (3 syncs).
    fn keep_log(&mut self) -> Result<()> {
        let conn = self.sqlite("the write-ahead log")?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        self.kept_log = true;
        Ok(())
    }

    /// Empties a kept log past [`LOG_LIMIT`] into the database and cuts it to nothing
    /// (`wal_checkpoint(TRUNCATE)`), without waiting: while another process reads, it is left
    /// for a later command.
    fn checkpoint_if_big(&mut self) -> Result<()> {
        let (Some(path), Conn::Sqlite(conn)) = (&self.path, &self.conn) else {
            return Ok(());
        };
        let size = std::fs::metadata(log_path(path)).map_or(0, |meta| meta.len());
        let limit = if self.in_batch {
            BATCH_LOG_LIMIT
        } else {
            LOG_LIMIT
        };
        if !self.kept_log || size <= limit {
            return Ok(());
        }
        conn.busy_timeout(Duration::ZERO)?;
        let done = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        conn.busy_timeout(BUSY_TIMEOUT)?;
        match done {
            Err(err) if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => {
                Ok(())
            }
            other => Ok(other?),
        }
    }

    /// Runs `f` as one write transaction. Commits if `f` succeeds; otherwise the database is
    /// left exactly as it was.
    ///
    /// On SQLite it is `BEGIN IMMEDIATE`, so concurrent writers queue up behind the busy
    /// timeout instead of failing. On PostgreSQL writers queue up the same way, on one
    /// transaction-level advisory lock (see `postgres.rs`): one writer at a time, each seeing
    /// every commit before it, so no update is lost and no command needs retrying.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.ensure_writable()?;
        let path = self.path.clone();
        let tx = match &mut self.conn {
            Conn::Sqlite(conn) => Tx::Sqlite(
                conn.transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(|err| explain(err, path.as_deref()))?,
            ),
            Conn::Postgres(pg) => Tx::Postgres(postgresql::Transaction::write(pg)?),
        };
        let value = {
            let writer = Writer {
                tx,
                links: &self.links,
                ranker: &self.ranker,
                suggest: self.suggest,
                command: std::cell::Cell::new(self.command),
            };
            let value = f(&writer)?;
            let command = writer.command.get();
            writer
                .tx
                .commit()
                .map_err(|err| explain_any(err, path.as_deref()))?;
            self.command = command;
            value
        };
        // SQLite is built without its own folder sync (SQLITE_DISABLE_DIRSYNC, see
        // .cargo/config.toml), which synced the folder at every run's first commit: it is done
        // here, once, when the log is new.
        if self.new_log
            && let Some(path) = &self.path
        {
            file::sync_folder(path)?;
            self.new_log = false;
        }
        self.checkpoint_if_big()?;
        Ok(value)
    }

    /// Runs `f` in a read transaction: one snapshot, and no lock that keeps a writer waiting
    /// (write-ahead logging; on PostgreSQL, a repeatable-read, read-only transaction). `f` is
    /// given a [`Writer`] for its queries; it must not write.
    pub(crate) fn read<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = match &mut self.conn {
            Conn::Sqlite(conn) => {
                Tx::Sqlite(conn.transaction_with_behavior(TransactionBehavior::Deferred)?)
            }
            Conn::Postgres(pg) => Tx::Postgres(postgresql::Transaction::read(pg)?),
        };
        let reader = Writer {
            tx,
            links: &self.links,
            ranker: &self.ranker,
            suggest: self.suggest,
            command: std::cell::Cell::new(self.command),
        };
        let value = f(&reader)?;
        reader.tx.commit()?;
        Ok(value)
    }

    /// Records what the following writes change as a command of its own, which `undo` takes
    /// back on its own: by default everything one invocation changes is one command (an
    /// import of many files, in many transactions); `review` makes each decision one.
    pub fn next_command(&mut self) {
        self.command = None;
    }

    /// Whether importing a narrative suggests evidence (on by default; `import --no-suggest`
    /// turns it off for a bulk load, and `evidence suggest` catches up).
    pub fn suggest_on_import(&mut self, on: bool) {
        self.suggest = on;
    }

    /// For a batch of transactions (an import): each commit stays atomic but is not synced to
    /// disk on its own; [`Store::end_batch`] syncs them all at once. A whole report commits 190
    /// times, and a sync can take milliseconds on a busy disk. A crash in between can lose only
    /// narratives of this import, which importing again restores; never a user's change. (On
    /// PostgreSQL every commit is durable on its own: the server's to decide.)
    pub fn begin_batch(&mut self) -> Result<()> {
        if let Conn::Sqlite(conn) = &self.conn {
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        self.in_batch = true;
        Ok(())
    }

    /// Makes every transaction since [`Store::begin_batch`] durable, and goes back to syncing
    /// each commit.
    pub fn end_batch(&mut self) -> Result<()> {
        let Conn::Sqlite(conn) = &self.conn else {
            return Ok(());
        };
        self.in_batch = false;
        // In write-ahead-log mode a checkpoint syncs the log, then the database; TRUNCATE then
        // cuts the log to nothing, so that the next process does not read a batch's log.
        let _: (i64, i64, i64) = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// A file the user marked read-only is not written to, even by a user (such as root) whom
    /// the operating system would let write it.
    fn ensure_writable(&self) -> Result<()> {
        let (Some(path), Conn::Sqlite(conn)) = (&self.path, &self.conn) else {
            return Ok(());
        };
        let read_only = std::fs::metadata(path)
            .map(|meta| meta.permissions().readonly())
            .unwrap_or(false);
        if read_only || conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError::ReadOnly(path.display().to_string()).into());
        }
        Ok(())
    }
}

/// Whether the database holds nothing at all (a new file), which `migrate` makes a tiptrack one.
fn is_blank(conn: &Connection) -> Result<bool> {
    let objects: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    Ok(objects == 0)
}

/// The write-ahead log beside a database file.
fn log_path(db: &Path) -> PathBuf {
    let mut log = db.as_os_str().to_owned();
    log.push("-wal");
    PathBuf::from(log)
}

/// Turns SQLite's "attempt to write a readonly database" into a message naming the file.
fn explain(err: rusqlite::Error, path: Option<&Path>) -> anyhow::Error {
    match (err.sqlite_error_code(), path) {
        (Some(rusqlite::ErrorCode::ReadOnly), Some(path)) => {
            StoreError::ReadOnly(path.display().to_string()).into()
        }
        _ => err.into(),
    }
}

/// [`explain`], for an error that may have come from either database.
fn explain_any(err: anyhow::Error, path: Option<&Path>) -> anyhow::Error {
    match err.downcast::<rusqlite::Error>() {
        Ok(err) => explain(err, path),
        Err(err) => err,
    }
}

/// A transaction on either database.
enum Tx<'conn> {
    Sqlite(rusqlite::Transaction<'conn>),
    Postgres(postgresql::Transaction<'conn>),
}

impl Tx<'_> {
    fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => Ok(tx.commit()?),
            Tx::Postgres(tx) => tx.commit(),
        }
    }
}

/// The handle a write transaction's work is done through; see [`Store::write`].
pub struct Writer<'conn> {
    tx: Tx<'conn>,
    links: &'conn std::cell::RefCell<links::LinkCache>,
    ranker: &'conn crate::suggest::ranker::Ranker,
    suggest: bool,
    /// The command row the events are recorded under, made by the first event.
    command: std::cell::Cell<Option<i64>>,
}

/// How many prepared statements a connection keeps.
const STATEMENT_CACHE: usize = 128;

impl Writer<'_> {
    /// The handle this transaction's queries run through.
    pub(crate) fn db(&self) -> Db<'_> {
        match &self.tx {
            Tx::Sqlite(tx) => Db::Sqlite(tx),
            Tx::Postgres(tx) => Db::Postgres(tx.pg()),
        }
    }
}

/// The enumerations are stored as their names (`as_str`), which the schema's CHECKs list, and
/// read back through `FromStr`.
macro_rules! stored_as_name {
    ($($kind:ty),*) => {$(
        impl ToSql for $kind {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl FromSql for $kind {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                // The stored name exactly, without the forgiving parse's lowercased copy: a
                // report reads 50,000 of these.
                if let Some(found) = <$kind>::ALL.into_iter().find(|k| k.as_str() == text) {
                    return Ok(found);
                }
                text.parse()
                    .map_err(|err| FromSqlError::Other(Box::new(err)))
            }
        }

        impl ToParam for $kind {
            fn to_param(&self) -> Param<'_> {
                Param::Text(self.as_str())
            }
        }

        impl FromCell for $kind {
            fn from_cell(cell: Cell<'_>) -> Result<Self> {
                let Cell::Text(text) = cell else {
                    // The error names what the cell held.
                    return Err(String::from_cell(cell).err().unwrap_or_else(|| {
                        anyhow::anyhow!("expected text")
                    }));
                };
                // The stored name exactly, without the forgiving parse's lowercased copy: a
                // report reads 50,000 of these.
                if let Some(found) = <$kind>::ALL.into_iter().find(|k| k.as_str() == text) {
                    return Ok(found);
                }
                Ok(text.parse()?)
            }
        }
    )*};
}

stored_as_name!(Status, Area, Action, Tier);

impl ToSql for SectionKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl ToParam for SectionKind {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self.as_str())
    }
}

/// When `db` names a PostgreSQL database, the role its connections log in as (who the server
/// records as making each change); None for an SQLite file.
pub fn server_user(db: &Path) -> Result<Option<String>> {
    postgresql::url(db).map(postgresql::user).transpose()
}

/// The current time, as stored: UTC, RFC 3339, whole seconds.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
