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
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/v6-to-v7-postgres.sql"),
    include_str!("migrations/v7-to-v8-postgres.sql"),
];

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

/// How the connection is encrypted, as libpq's `sslmode` says: `disable` (never), `allow` and
/// `prefer` (the default: when the server offers it), `require` (always), `verify-ca` and
/// `verify-full`. `mode` is what the client library is told (it knows only disable, prefer
/// and require); `verify` how far the server's certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tls {
    mode: postgres::config::SslMode,
    verify: Verify,
    /// `sslrootcert`: the file of the certificate authorities to trust, else the system's.
    root: Option<String>,
}

/// How far a server's certificate is checked, as libpq does for each `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verify {
    /// Not at all (`prefer`, and `require` without `sslrootcert`): the connection is
    /// encrypted, and the handshake's signatures are checked, but any certificate is taken, so
    /// a server with a self-signed one (Debian's "snakeoil") is reached.
    Nothing,
    /// Signed by a trusted authority, whatever the name in it (`verify-ca`, and `require`
    /// with `sslrootcert`).
    Chain,
    /// Signed by a trusted authority and made out to the host connected to (`verify-full`).
    Full,
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
            // An empty one is none (and overrides PGSSLROOTCERT).
            Some(("sslrootcert", value)) => root = Some(value.to_string()),
            _ => kept.push(pair),
        }
    }
    root.take_if(|root| root.is_empty());
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let mut config = postgres::Config::from_str(&url)
        .map_err(|err| anyhow::anyhow!("{}: {err}", redacted(&url)))?;
    use postgres::config::SslMode;
    let (mode, verify) = match mode.as_deref() {
        None | Some("prefer" | "allow") => (SslMode::Prefer, Verify::Nothing),
        Some("disable") => (SslMode::Disable, Verify::Nothing),
        // As libpq: `require` with a root certificate given checks the chain, as `verify-ca`.
        Some("require") if root.is_some() => (SslMode::Require, Verify::Chain),
        Some("require") => (SslMode::Require, Verify::Nothing),
        Some("verify-ca") => (SslMode::Require, Verify::Chain),
        Some("verify-full") => (SslMode::Require, Verify::Full),
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
    Ok((config, Tls { mode, verify, root }))
}

/// The role a connection to `url` logs in as: the server's `session_user`, who it records as
/// making every change.
pub(crate) fn user(url: &str) -> Result<String> {
    let (config, _) = config(url)?;
    Ok(config.get_user().unwrap_or_default().to_string())
}

/// Connects to the server `url` names.
pub(crate) fn connect(url: &str) -> Result<Pg> {
    let (mut config, tls) = config(url)?;
    let cannot = || {
        format!(
            "cannot connect to the PostgreSQL database {}",
            redacted(url)
        )
    };
    // A server's Unix socket is never encrypted (the server refuses TLS on it), and libpq
    // ignores sslmode there: so does tiptrack.
    let sockets_only = config
        .get_hosts()
        .iter()
        .all(|host| matches!(host, postgres::config::Host::Unix(_)));
    let client = if tls.mode == postgres::config::SslMode::Disable || sockets_only {
        config.ssl_mode(postgres::config::SslMode::Disable);
        config.connect(postgres::NoTls)
    } else {
        config.connect(rustls_connector(tls.verify, tls.root.as_deref())?)
    }
    .map_err(explain_pg)
    .map_err(|err| certificate_refused(err, &tls))
    .with_context(cannot)?;
    Ok(Pg::new(client))
}

/// A connection that failed on the server's certificate says what was checked, and how not to.
fn certificate_refused(err: anyhow::Error, tls: &Tls) -> anyhow::Error {
    if !format!("{err:#}").contains("invalid peer certificate") {
        return err;
    }
    let trusted = match &tls.root {
        Some(root) => format!("the certificate authority of sslrootcert {root}"),
        None => "a certificate authority the system trusts".to_string(),
    };
    let checked = match tls.verify {
        Verify::Full => format!(
            "sslmode=verify-full takes only a server certificate signed by {trusted} and made \
             out to the host's name"
        ),
        Verify::Chain | Verify::Nothing => {
            format!(
                "sslmode=verify-ca, and require with sslrootcert, take only a server certificate \
                 signed by {trusted}"
            )
        }
    };
    err.context(format!(
        "the server's certificate was refused ({checked}; sslmode=require without sslrootcert \
         encrypts without checking it)"
    ))
}

/// TLS by rustls, checking the server's certificate as far as `verify` says, against the
/// system's certificate authorities, or only those of the file `root` when given.
fn rustls_connector(
    verify: Verify,
    root: Option<&str>,
) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    use std::sync::Arc;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .context("TLS setup")?;
    let config = match verify {
        Verify::Nothing => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(
                provider.signature_verification_algorithms,
            ))),
        Verify::Chain | Verify::Full => {
            let roots = Arc::new(root_certificates(root)?);
            let webpki =
                rustls::client::WebPkiServerVerifier::builder_with_provider(roots, provider)
                    .build()
                    .context("TLS setup: no usable certificate authority")?;
            if verify == Verify::Full {
                builder.with_webpki_verifier(webpki)
            } else {
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(AnyName(webpki)))
            }
        }
    }
    .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// The certificate authorities to trust: those of the PEM file `root`, else the system's.
fn root_certificates(root: Option<&str>) -> Result<rustls::RootCertStore> {
    let mut roots = rustls::RootCertStore::empty();
    match root {
        // libpq's `sslrootcert=system` (PostgreSQL 16): the system's authorities.
        Some(file) if file != "system" => {
            let pem =
                std::fs::read(file).with_context(|| format!("cannot read sslrootcert {file}"))?;
            for cert in <rustls_pki_types::CertificateDer<'_> as rustls_pki_types::pem::PemObject>::pem_slice_iter(&pem) {
                let cert = cert.with_context(|| format!("{file}: not a PEM certificate"))?;
                roots
                    .add(cert)
                    .with_context(|| format!("{file}: not a usable certificate"))?;
            }
            if roots.is_empty() {
                bail!("sslrootcert {file} holds no certificate");
            }
        }
        _ => {
            for cert in rustls_native_certs::load_native_certs().certs {
                // A system certificate rustls cannot use is left out, as libpq would.
                let _ = roots.add(cert);
            }
        }
    }
    Ok(roots)
}

/// `sslmode=prefer` and `require`: any certificate is taken, as libpq takes it. Only the trust
/// in the certificate is skipped: the handshake's signatures are still checked against the key
/// in it, so the server is the one holding that key, and the connection is encrypted to it.
#[derive(Debug)]
struct AnyCertificate(rustls::crypto::WebPkiSupportedAlgorithms);

impl rustls::client::danger::ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls_pki_types::CertificateDer<'_>,
        _intermediates: &[rustls_pki_types::CertificateDer<'_>],
        _server_name: &rustls_pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls_pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.supported_schemes()
    }
}

/// `sslmode=verify-ca`: the certificate is checked as for `verify-full` (signed by a trusted
/// authority, in its validity), except that the name in it need not be the host's. The name
/// is checked last, once the chain is good, so a name mismatch alone is let through.
#[derive(Debug)]
struct AnyName(std::sync::Arc<rustls::client::WebPkiServerVerifier>);

impl rustls::client::danger::ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &rustls_pki_types::CertificateDer<'_>,
        intermediates: &[rustls_pki_types::CertificateDer<'_>],
        server_name: &rustls_pki_types::ServerName<'_>,
        ocsp_response: &[u8],
        now: rustls_pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        use rustls::{CertificateError, Error};
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(rustls::client::danger::ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.supported_verify_schemes()
    }

    fn root_hint_subjects(&self) -> Option<&[rustls::DistinguishedName]> {
        self.0.root_hint_subjects()
    }
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
    // Outside a transaction, in one round trip: the table is read, and a database without it
    // says so by the error (which aborts nothing there).
    if let Db::Postgres(pg) = db
        && !pg.borrow().in_transaction
    {
        const SQL: &str = "SELECT version FROM tiptrack_schema";
        super::sql::log_statement(SQL);
        let rows = match pg.borrow_mut().client.query_typed(SQL, &[]) {
            Ok(rows) => rows,
            Err(err) if err.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => {
                return Ok(None);
            }
            Err(err) => return Err(explain_pg(err).context("reading the schema version")),
        };
        return match rows.first() {
            None => Ok(None),
            Some(row) => Ok(Some(
                row.try_get::<_, i64>(0)
                    .context("reading the schema version")?,
            )),
        };
    }
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
        // In one round trip: the transaction, its lock timeout, and the lock.
        Transaction::begin(
            pg,
            "starting a transaction and waiting for the other writers",
            &format!(
                "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '{}s'; \
                 SELECT pg_advisory_xact_lock({WRITER_LOCK})",
                super::BUSY_TIMEOUT.as_secs()
            ),
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
        })
    }

    /// A read transaction: one snapshot for all its queries.
    pub(crate) fn read(pg: &'c RefCell<Pg>) -> Result<Transaction<'c>> {
        Transaction::begin(
            pg,
            "starting a transaction",
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        )
    }

    fn begin(pg: &'c RefCell<Pg>, label: &str, sql: &str) -> Result<Transaction<'c>> {
        // The guard first: a BEGIN that half failed is rolled back with it.
        let tx = Transaction { pg, open: true };
        pg.borrow_mut().in_transaction = true;
        Db::Postgres(pg).batch(label, sql)?;
        Ok(tx)
    }

    pub(crate) fn pg(&self) -> &'c RefCell<Pg> {
        self.pg
    }

    pub(crate) fn commit(mut self) -> Result<()> {
        self.open = false;
        let done = Db::Postgres(self.pg).batch("committing", "COMMIT");
        if let Ok(mut pg) = self.pg.try_borrow_mut() {
            pg.in_transaction = false;
        }
        done
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
            pg.in_transaction = false;
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
    fn each_sslmode_checks_the_certificate_as_libpq_does() {
        use postgres::config::SslMode;
        let tls = |query: &str| {
            let (config, tls) = config(&format!("postgres://ann@db.example/tip{query}")).unwrap();
            assert_eq!(config.get_ssl_mode(), tls.mode);
            (tls.mode, tls.verify)
        };
        // Set in the environment, PGSSLMODE and PGSSLROOTCERT would be the defaults: each case
        // gives both, so that the URL's decide.
        let none = "sslrootcert=";
        let ca = "sslrootcert=/ca.pem";
        for (query, expected) in [
            (
                format!("?sslmode=disable&{none}"),
                (SslMode::Disable, Verify::Nothing),
            ),
            (
                format!("?sslmode=allow&{none}"),
                (SslMode::Prefer, Verify::Nothing),
            ),
            (
                format!("?sslmode=prefer&{none}"),
                (SslMode::Prefer, Verify::Nothing),
            ),
            (
                format!("?sslmode=prefer&{ca}"),
                (SslMode::Prefer, Verify::Nothing),
            ),
            (
                format!("?sslmode=require&{none}"),
                (SslMode::Require, Verify::Nothing),
            ),
            (
                format!("?sslmode=require&{ca}"),
                (SslMode::Require, Verify::Chain),
            ),
            (
                format!("?sslmode=verify-ca&{none}"),
                (SslMode::Require, Verify::Chain),
            ),
            (
                format!("?sslmode=verify-ca&{ca}"),
                (SslMode::Require, Verify::Chain),
            ),
            (
                format!("?sslmode=verify-full&{none}"),
                (SslMode::Require, Verify::Full),
            ),
            (
                format!("?{ca}&sslmode=verify-full"),
                (SslMode::Require, Verify::Full),
            ),
        ] {
            assert_eq!(tls(&query), expected, "{query}");
        }
        if std::env::var_os("PGSSLMODE").is_none() {
            assert_eq!(tls(""), (SslMode::Prefer, Verify::Nothing));
        }
    }

    #[test]
    fn a_connector_is_made_for_each_level_of_checking() {
        assert!(rustls_connector(Verify::Nothing, None).is_ok());
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "").unwrap();
        let err = rustls_connector(Verify::Chain, empty.to_str())
            .err()
            .unwrap();
        assert!(
            format!("{err:#}").contains("holds no certificate"),
            "{err:#}"
        );
        let err = rustls_connector(Verify::Full, Some("/nonexistent/ca.pem"))
            .err()
            .unwrap();
        assert!(
            format!("{err:#}").starts_with("cannot read sslrootcert"),
            "{err:#}"
        );
    }

    /// A certificate authority, and a server certificate it signed for `db.example` (EC keys,
    /// valid until 2126), made with openssl for these tests.
    const TEST_CA: &str = "-----BEGIN CERTIFICATE-----
MIIBnTCCAUOgAwIBAgIUfkOQ+V9tNK83HOPZQT9qeHV5slYwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQdGlwdHJhY2sgdGVzdCBDQTAgFw0yNjEyMDIxNzE1MThaGA8y
MTI2MTEwODE3MTUxOFowGzEZMBcGA1UEAwwQdGlwdHJhY2sgdGVzdCBDQTBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABHn9UJBHEr1YrbCEvHi853MiI54lCRRw/5bR
WqKBc4R99AxdmE6cLLEbsCYQ5B5G/d4zV+2WwEb6/yVSI1WG5vajYzBhMB0GA1Ud
DgQWBBRQdgd/6tXvUUt69V82y1JAU9ahczAfBgNVHSMEGDAWgBRQdgd/6tXvUUt6
9V82y1JAU9ahczAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwICBDAKBggq
hkjOPQQDAgNIADBFAiEAwSZq83HB8v0lfuszCUOhesKyqeBnh4n7cNxqurWDmmkC
IB21GOAl9JJpnnv4dKqVYsNagOYy6pB5P1LwEY/jOHCD
-----END CERTIFICATE-----
";
    const TEST_SERVER: &str = "-----BEGIN CERTIFICATE-----
MIIBrDCCAVOgAwIBAgIUbOMBOpx1oUO6GLUIaEA5D/uz6hkwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQdGlwdHJhY2sgdGVzdCBDQTAgFw0yNjEyMDIxNzE1MThaGA8y
MTI2MTEwODE3MTUxOFowFTETMBEGA1UEAwwKZGIuZXhhbXBsZTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABJkTVW65UiaeURwerSM8Tnnbq8WrmOE0ftOZMPwmI+O2
lW7MhbrM5nYjgY8MivO6t9X0l/IN2cr6gFKib2SaBt+jeTB3MBUGA1UdEQQOMAyC
CmRiLmV4YW1wbGUwCQYDVR0TBAIwADATBgNVHSUEDDAKBggrBgEFBQcDATAdBgNV
HQ4EFgQUXbJuSAbnx/0+5jo8MRBO6Dt3G2owHwYDVR0jBBgwFoAUUHYHf+rV71FL
evVfNstSQFPWoXMwCgYIKoZIzj0EAwIDRwAwRAIgVn4/jb288xzzYAUQ1Gyxd+Ti
tRAhbTWTBSuLVnPF4oECIDjhFZGFiH02XlaN5GYTNe7MFiRi4UsknGCg5ojJ0omt
-----END CERTIFICATE-----
";

    fn der(pem: &str) -> rustls_pki_types::CertificateDer<'static> {
        use rustls_pki_types::pem::PemObject;
        rustls_pki_types::CertificateDer::from_pem_slice(pem.as_bytes()).unwrap()
    }

    #[test]
    fn verify_ca_checks_the_chain_but_not_the_name_and_require_checks_neither() {
        use rustls::client::danger::ServerCertVerifier;
        use rustls::{CertificateError, Error};
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        std::fs::write(&ca, TEST_CA).unwrap();
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let verifier = |trusted: &str| {
            let mut roots = rustls::RootCertStore::empty();
            roots.add(der(trusted)).unwrap();
            rustls::client::WebPkiServerVerifier::builder_with_provider(
                roots.into(),
                provider.clone(),
            )
            .build()
            .unwrap()
        };
        let server = der(TEST_SERVER);
        let check = |verifier: &dyn ServerCertVerifier, name: &'static str| {
            verifier
                .verify_server_cert(
                    &server,
                    &[],
                    &rustls_pki_types::ServerName::try_from(name).unwrap(),
                    &[],
                    rustls_pki_types::UnixTime::now(),
                )
                .map(|_| ())
        };
        let full = verifier(TEST_CA);
        assert_eq!(check(&*full, "db.example"), Ok(()));
        assert!(matches!(
            check(&*full, "127.0.0.1"),
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
            ))
        ));
        let chain = AnyName(verifier(TEST_CA));
        assert_eq!(check(&chain, "127.0.0.1"), Ok(()));
        assert_eq!(check(&chain, "db.example"), Ok(()));
        // Trusting another certificate than the one that signed the server's: refused.
        let elsewhere = AnyName(verifier(TEST_SERVER));
        assert_eq!(
            check(&elsewhere, "db.example"),
            Err(Error::InvalidCertificate(CertificateError::UnknownIssuer))
        );
        let nothing = AnyCertificate(provider.signature_verification_algorithms);
        assert_eq!(check(&nothing, "127.0.0.1"), Ok(()));
        assert_eq!(
            nothing.supported_verify_schemes(),
            full.supported_verify_schemes()
        );
        for verify in [Verify::Chain, Verify::Full] {
            assert!(rustls_connector(verify, ca.to_str()).is_ok());
        }
    }

    #[test]
    fn tiptracks_own_parameters_are_taken_off_the_url() {
        let (config, tls) =
            config("postgres://ann:secret@db.example:6543/tip?sslmode=verify-full&sslrootcert=/ca.pem&connect_timeout=5")
                .unwrap();
        assert_eq!(tls.mode, postgres::config::SslMode::Require);
        assert_eq!(tls.verify, Verify::Full);
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
            super::config("postgres://ann@%2Ftmp/tip")
                .unwrap()
                .0
                .get_hosts(),
            &[postgres::config::Host::Unix("/tmp".into())]
        );
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
