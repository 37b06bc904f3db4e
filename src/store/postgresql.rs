//! The PostgreSQL backend: which `--db` names a server, connecting to it (with TLS when the URL
//! asks), its schema and version, and its transactions.
//!
//! A `--db postgres://user@host/dbname` (or `postgresql://`, or `TIPTRACK_DB` so) selects it.
//! What the URL leaves out comes from the usual `PG*` variables (`PGHOST`, `PGPORT`, `PGUSER`,
//! `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`), then from libpq's defaults.

use std::cell::RefCell;
use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, Result, bail};

use super::StoreError;
use super::migrate::SCHEMA_VERSION;
use super::sql::{Db, Pg, explain_pg};

/// The schema of a new PostgreSQL database (schema.sql in PostgreSQL's terms).
pub(crate) const SCHEMA: &str = include_str!("../../schema-postgres.sql");

/// The first schema version a PostgreSQL database was made at: PostgreSQL came with version 6.
const FIRST_VERSION: i64 = 6;

/// `MIGRATIONS[i]` upgrades a PostgreSQL database of version `FIRST_VERSION + i` by one, as
/// `migrate::MIGRATIONS` does an SQLite one. Each schema change after version 6 appends one
/// here and one there (each database in its own terms: SQLite rebuilds tables where
/// PostgreSQL alters them), changes `schema.sql` and `schema-postgres.sql` alike (a test checks
/// that they hold the same tables and columns), and moves `SCHEMA_VERSION`.
const MIGRATIONS: &[&str] = &[];

const _: () = assert!(SCHEMA_VERSION == FIRST_VERSION + MIGRATIONS.len() as i64);

/// The advisory lock every write transaction takes first: writers go one at a time, as on
/// SQLite (see [`Transaction::write`]). The number is tiptrack's own ("tipt" in ASCII).
const WRITER_LOCK: i64 = 0x7469_7074;

/// The session-level advisory lock held while the schema is created or upgraded.
const SCHEMA_LOCK: i64 = WRITER_LOCK + 1;

/// The URL when `path` names a PostgreSQL database rather than a file.
pub(crate) fn url(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    (text.starts_with("postgres://") || text.starts_with("postgresql://")).then_some(text)
}

/// A URL as given, with its password left out (from the user part, and a `password`
/// parameter), for messages and documents.
pub(crate) fn redacted(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let (main, query) = match rest.split_once('?') {
        Some((main, query)) => (main, Some(query)),
        None => (rest, None),
    };
    let (authority, path) = match main.split_once('/') {
        Some((authority, path)) => (authority, Some(path)),
        None => (main, None),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(user, _)| user);
            format!("{user}@{host}")
        }
        None => authority.to_string(),
    };
    let mut shown = format!("{scheme}://{authority}");
    if let Some(path) = path {
        shown.push('/');
        shown.push_str(path);
    }
    if let Some(query) = query {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.starts_with("password="))
            .collect();
        if !kept.is_empty() {
            shown.push('?');
            shown.push_str(&kept.join("&"));
        }
    }
    shown
}

/// How the connection is encrypted: libpq's `sslmode`, of which tiptrack takes `disable`,
/// `prefer` (the default: TLS when the server offers it) and `require`. With TLS the server's
/// certificate is always verified, against the system's roots or `sslrootcert`: `verify-ca`
/// and `verify-full` are taken as `require`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tls {
    mode: postgres::config::SslMode,
    root: Option<String>,
}

/// Splits tiptrack's own parameters (`sslmode` values the client library does not take,
/// `sslrootcert`) off the URL, and fills in what the URL leaves out from the `PG*` variables.
fn config(url: &str) -> Result<(postgres::Config, Tls)> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut kept = Vec::new();
    let mut mode = std::env::var("PGSSLMODE").ok();
    let mut root = std::env::var("PGSSLROOTCERT").ok();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", value)) => mode = Some(value.to_string()),
            Some(("sslrootcert", value)) => root = Some(value.to_string()),
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let mut config = postgres::Config::from_str(&url)
        .map_err(|err| anyhow::anyhow!("{}: {err}", redacted(&url)))?;
    let mode = match mode.as_deref() {
        None | Some("prefer" | "allow") => postgres::config::SslMode::Prefer,
        Some("disable") => postgres::config::SslMode::Disable,
        Some("require" | "verify-ca" | "verify-full") => postgres::config::SslMode::Require,
        Some(other) => bail!(
            "sslmode={other} is not one tiptrack knows: use disable, prefer, require, verify-ca \
             or verify-full"
        ),
    };
    config.ssl_mode(mode);
    if config.get_hosts().is_empty() {
        match std::env::var("PGHOST") {
            Ok(hosts) => {
                for host in hosts.split(',') {
                    config.host(host);
                }
            }
            Err(_) => {
                // libpq's default on Debian: the server's socket folder.
                let socket = ["/var/run/postgresql", "/tmp"]
                    .into_iter()
                    .find(|dir| Path::new(dir).is_dir())
                    .unwrap_or("/tmp");
                config.host(socket);
            }
        }
    }
    if config.get_ports().is_empty()
        && let Ok(port) = std::env::var("PGPORT")
    {
        config.port(
            port.parse()
                .with_context(|| format!("PGPORT={port} is not a port"))?,
        );
    }
    if config.get_user().is_none() {
        let user =
            std::env::var("PGUSER").unwrap_or_else(|_| whoami::username().unwrap_or_default());
        config.user(&user);
    }
    if config.get_password().is_none()
        && let Ok(password) = std::env::var("PGPASSWORD")
    {
        config.password(password);
    }
    if config.get_dbname().is_none() {
        let dbname = std::env::var("PGDATABASE")
            .ok()
            .or_else(|| config.get_user().map(str::to_string));
        if let Some(dbname) = dbname {
            config.dbname(&dbname);
        }
    }
    if config.get_application_name().is_none() {
        config.application_name("tiptrack");
    }
    Ok((config, Tls { mode, root }))
}

/// The role a connection to `url` logs in as: the server's `session_user`, who it records as
/// making every change.
pub(crate) fn user(url: &str) -> Result<String> {
    let (config, _) = config(url)?;
    Ok(config.get_user().unwrap_or_default().to_string())
}

/// Connects to the server `url` names.
pub(crate) fn connect(url: &str) -> Result<Pg> {
    let (config, tls) = config(url)?;
    let cannot = || {
        format!(
            "cannot connect to the PostgreSQL database {}",
            redacted(url)
        )
    };
    // PostgreSQL never encrypts a Unix socket: no TLS set-up (which reads every system
    // certificate, several milliseconds) for a server on this machine.
    let local = config
        .get_hosts()
        .iter()
        .all(|host| matches!(host, postgres::config::Host::Unix(_)));
    let client = if tls.mode == postgres::config::SslMode::Disable || local {
        config.connect(postgres::NoTls)
    } else {
        config.connect(rustls_connector(tls.root.as_deref())?)
    }
    .map_err(explain_pg)
    .with_context(cannot)?;
    Ok(Pg::new(client))
}

/// TLS by rustls, trusting the system's certificate authorities, or only `root` when given.
fn rustls_connector(root: Option<&str>) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    let mut roots = rustls::RootCertStore::empty();
    match root {
        Some(file) => {
            let pem =
                std::fs::read(file).with_context(|| format!("cannot read sslrootcert {file}"))?;
            for cert in <rustls_pki_types::CertificateDer<'_> as rustls_pki_types::pem::PemObject>::pem_slice_iter(&pem) {
                let cert = cert.with_context(|| format!("{file}: not a PEM certificate"))?;
                roots
                    .add(cert)
                    .with_context(|| format!("{file}: not a usable certificate"))?;
            }
        }
        None => {
            for cert in rustls_native_certs::load_native_certs().certs {
                // A system certificate rustls cannot use is left out, as libpq would.
                let _ = roots.add(cert);
            }
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(
        rustls::crypto::ring::default_provider().into(),
    )
    .with_safe_default_protocol_versions()
    .context("TLS setup")?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// Brings the database's schema up to date: creates it in an empty database, refuses one
/// newer than this binary, or a database that holds another program's tables.
/// `found` is the version [`version`] read, None for a database without tiptrack's tables.
pub(crate) fn migrate(pg: &RefCell<Pg>, found: Option<i64>) -> Result<()> {
    let db = Db::Postgres(pg);
    if found == Some(SCHEMA_VERSION) {
        return Ok(());
    }
    db.exec(
        "waiting for the schema lock",
        "SELECT pg_advisory_lock(?1)",
        super::sql::params![SCHEMA_LOCK],
    )?;
    let done = create_or_check(db);
    db.exec(
        "releasing the schema lock",
        "SELECT pg_advisory_unlock(?1)",
        super::sql::params![SCHEMA_LOCK],
    )?;
    done
}

fn create_or_check(db: Db<'_>) -> Result<()> {
    match version(db)? {
        Some(found) if found == SCHEMA_VERSION => Ok(()),
        Some(found) if found > SCHEMA_VERSION => Err(StoreError::TooNew {
            found,
            known: SCHEMA_VERSION,
        }
        .into()),
        Some(found) => {
            // One transaction per version, as on SQLite.
            for from in found..SCHEMA_VERSION {
                let step = usize::try_from(from - FIRST_VERSION)
                    .ok()
                    .and_then(|i| MIGRATIONS.get(i))
                    .with_context(|| {
                        format!(
                            "the PostgreSQL database has schema version {from}, and this tiptrack \
                             has no migration from it"
                        )
                    })?;
                db.batch(
                    &format!("migrating the schema from version {from} to {}", from + 1),
                    &format!(
                        "BEGIN; {step}\nUPDATE tiptrack_schema SET version = {}; COMMIT;",
                        from + 1
                    ),
                )
                .inspect_err(|_| {
                    let _ = db.batch("rolling back", "ROLLBACK");
                })?;
            }
            Ok(())
        }
        None => {
            let tables: i64 = db.value(
                "counting the tables already there",
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
                super::sql::params![],
            )?;
            if tables > 0 {
                return Err(StoreError::NotTiptrack.into());
            }
            db.batch(
                "creating the schema",
                &format!(
                    "BEGIN; {SCHEMA}\nINSERT INTO tiptrack_schema (version) VALUES \
                     ({SCHEMA_VERSION}); COMMIT;"
                ),
            )
            .inspect_err(|_| {
                let _ = db.batch("rolling back", "ROLLBACK");
            })
        }
    }
}

/// The schema version recorded in the database, or None for a database without tiptrack's
/// schema.
pub(crate) fn version(db: Db<'_>) -> Result<Option<i64>> {
    let exists: bool = db.value(
        "looking for tiptrack's schema",
        "SELECT to_regclass('tiptrack_schema') IS NOT NULL",
        super::sql::params![],
    )?;
    if !exists {
        return Ok(None);
    }
    db.optional(
        "reading the schema version",
        "SELECT version FROM tiptrack_schema",
        super::sql::params![],
        |row| row.get(0),
    )
}

/// The SQL that creates the tiptrack roles and grants them their rights (docs/team.md).
pub(crate) const ROLES: &str = include_str!("roles-postgres.sql");

/// A transaction on the server, rolled back unless committed.
pub(crate) struct Transaction<'c> {
    pg: &'c RefCell<Pg>,
    open: bool,
}

impl<'c> Transaction<'c> {
    /// A write transaction. Writers queue up on one advisory lock, held until the commit: one
    /// writer at a time, as on SQLite, and each reads what every writer before it committed
    /// (read committed: every statement sees the latest commits). So no change is lost to a
    /// concurrent one, and no command needs retrying; readers are never blocked (they read a
    /// snapshot). Serializable isolation would need every command to be retried whole on a
    /// conflict, which an import or a review cannot be.
    ///
    /// A writer waits for the lock as long as an SQLite writer waits for its file's (10 s), then
    /// gives up, saying so. (Any role that may connect may take an advisory lock: a client that
    /// holds this one stalls writers for that long, never longer.)
    pub(crate) fn write(pg: &'c RefCell<Pg>) -> Result<Transaction<'c>> {
        let tx = Transaction::begin(
            pg,
            &format!(
                "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '{}s'",
                super::BUSY_TIMEOUT.as_secs()
            ),
        )?;
        Db::Postgres(pg)
            .batch(
                "waiting for the other writers",
                &format!("SELECT pg_advisory_xact_lock({WRITER_LOCK})"),
            )
            .map_err(|err| {
                if format!("{err:#}").contains("lock timeout") {
                    anyhow::anyhow!(
                        "another tiptrack has been writing to the database for {} s: try again \
                         (the server's pg_stat_activity shows who)",
                        super::BUSY_TIMEOUT.as_secs()
                    )
                } else {
                    err
                }
            })?;
        Ok(tx)
    }

    /// A read transaction: one snapshot for all its queries.
    pub(crate) fn read(pg: &'c RefCell<Pg>) -> Result<Transaction<'c>> {
        Transaction::begin(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    }

    fn begin(pg: &'c RefCell<Pg>, sql: &str) -> Result<Transaction<'c>> {
        // The guard first: a BEGIN that half failed is rolled back with it.
        let tx = Transaction { pg, open: true };
        Db::Postgres(pg).batch("starting a transaction", sql)?;
        Ok(tx)
    }

    pub(crate) fn pg(&self) -> &'c RefCell<Pg> {
        self.pg
    }

    pub(crate) fn commit(mut self) -> Result<()> {
        self.open = false;
        Db::Postgres(self.pg).batch("committing", "COMMIT")
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open
            && let Ok(mut pg) = self.pg.try_borrow_mut()
        {
            // A failed rollback leaves nothing to do: the server rolls back a transaction
            // whose connection is gone.
            let _ = pg.client.batch_execute("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_selects_the_server_and_a_path_does_not() {
        assert_eq!(
            url(Path::new("postgres://ann@db.example/tip")),
            Some("postgres://ann@db.example/tip")
        );
        assert!(url(Path::new("postgresql://localhost/tip")).is_some());
        assert_eq!(url(Path::new("tiptrack.db")), None);
        assert_eq!(url(Path::new("./postgres://x")), None);
    }

    #[test]
    fn tiptracks_own_parameters_are_taken_off_the_url() {
        let (config, tls) =
            config("postgres://ann:secret@db.example:6543/tip?sslmode=verify-full&sslrootcert=/ca.pem&connect_timeout=5")
                .unwrap();
        assert_eq!(tls.mode, postgres::config::SslMode::Require);
        assert_eq!(tls.root.as_deref(), Some("/ca.pem"));
        assert_eq!(config.get_user(), Some("ann"));
        assert_eq!(config.get_dbname(), Some("tip"));
        assert_eq!(config.get_ports(), &[6543]);
        assert_eq!(
            config.get_connect_timeout(),
            Some(&std::time::Duration::from_secs(5))
        );
        assert!(super::config("postgres://db.example/tip?sslmode=sometimes").is_err());
        assert_eq!(
            redacted("postgres://ann:secret@db.example/tip"),
            "postgres://ann@db.example/tip"
        );
        assert_eq!(
            redacted("postgresql://ann@%2Ftmp%2Fpg:5432/tip?password=x&sslmode=disable"),
            "postgresql://ann@%2Ftmp%2Fpg:5432/tip?sslmode=disable"
        );
        assert_eq!(redacted("postgres://db.example"), "postgres://db.example");
    }
}
