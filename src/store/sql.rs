//! One way to run SQL on either database: SQLite (a file, the default) or a PostgreSQL server.
//!
//! Every query of the store goes through a [`Db`], a borrowed handle on the connection or on
//! the transaction it runs in. Statements are written once, in the SQL both databases take,
//! with SQLite's numbered parameters (`?1`); for PostgreSQL they become `$1`. Values cross in
//! both directions as the five kinds SQLite stores ([`Param`] in, [`Cell`] out), so that a row
//! mapper reads a row the same way from either database, and an integer column is an `i64`
//! whether the server made it `int4`, `int8` or `numeric` (what `sum()` gives).
//!
//! Every call is given a label ("the notes of an item") that an error names: the chain then
//! says which query failed, not only how.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::error::Error as StdError;

use anyhow::{Context, Result, anyhow, bail};
use bytes::BytesMut;
use postgres::types::{FromSql, IsNull, ToSql as PgToSql, Type, to_sql_checked};
use rusqlite::types::{ToSqlOutput, ValueRef};

/// Which database a [`Db`] speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// A connection to a PostgreSQL server. A statement run once in a process costs one round trip
/// (parsed, bound and run in one message, unnamed); one run a second time is prepared then and
/// kept, so that an import's statements are parsed once each.
pub(crate) struct Pg {
    pub(crate) client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    /// The statements run once so far, unprepared.
    seen: HashSet<String>,
    /// Whether a transaction is open (`postgresql::Transaction`): outside one, a failed
    /// statement aborts nothing.
    pub(crate) in_transaction: bool,
}

/// How a statement is run: prepared (the server inferred its parameters' types), or in one
/// round trip with its parameters' types left to the server (see [`unspecified`]).
enum Run {
    Prepared(postgres::Statement),
    Once(String),
}

impl Pg {
    pub(crate) fn new(client: postgres::Client) -> Pg {
        Pg {
            client,
            statements: HashMap::new(),
            seen: HashSet::new(),
            in_transaction: false,
        }
    }

    /// How to run `sql`: once unprepared, then, from its second run, prepared (one more round
    /// trip, that once) and kept.
    fn statement(&mut self, sql: &str) -> Result<Run> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(Run::Prepared(statement.clone()));
        }
        if self.seen.insert(sql.to_string()) {
            return Ok(Run::Once(numbered_parameters(sql)));
        }
        let statement = self
            .client
            .prepare(&numbered_parameters(sql))
            .map_err(explain_pg)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(Run::Prepared(statement))
    }

    fn execute(&mut self, sql: &str, params: &[&dyn ToParam]) -> Result<u64> {
        let values = pg_params(params);
        match self.statement(sql)? {
            Run::Prepared(statement) => self.client.execute(&statement, &pg_refs(&values)),
            Run::Once(sql) => self.client.execute_typed(&sql, &pg_typed(&values)),
        }
        .map_err(explain_pg)
    }

    fn query(&mut self, sql: &str, params: &[&dyn ToParam]) -> Result<Vec<postgres::Row>> {
        let values = pg_params(params);
        match self.statement(sql)? {
            Run::Prepared(statement) => self.client.query(&statement, &pg_refs(&values)),
            Run::Once(sql) => self.client.query_typed(&sql, &pg_typed(&values)),
        }
        .map_err(explain_pg)
    }
}

/// A borrowed handle to run statements through: a connection, or a transaction on one.
#[derive(Clone, Copy)]
pub(crate) enum Db<'a> {
    Sqlite(&'a rusqlite::Connection),
    Postgres(&'a RefCell<Pg>),
}

/// One value given to a statement: what SQLite stores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// A value that can be bound to a statement's parameter.
pub(crate) trait ToParam {
    fn to_param(&self) -> Param<'_>;
}

/// The parameters of a statement, as `params![a, b]` (each by reference).
macro_rules! params {
    () => { &[] as &[&dyn $crate::store::sql::ToParam] };
    ($($value:expr),+ $(,)?) => {
        &[$(&$value as &dyn $crate::store::sql::ToParam),+] as &[&dyn $crate::store::sql::ToParam]
    };
}
pub(crate) use params;

/// One value of a row, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

impl Cell<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Cell::Null => "NULL",
            Cell::Int(_) => "an integer",
            Cell::Real(_) => "a real number",
            Cell::Text(_) => "text",
            Cell::Blob(_) => "a blob",
        }
    }
}

/// A Rust value read from a [`Cell`].
pub(crate) trait FromCell: Sized {
    fn from_cell(cell: Cell<'_>) -> Result<Self>;
}

/// One row of a result, from either database.
pub(crate) struct Row<'r>(RowRef<'r>);

enum RowRef<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

impl Row<'_> {
    /// The value of column `index` (from 0).
    pub(crate) fn get<T: FromCell>(&self, index: usize) -> Result<T> {
        let cell = match &self.0 {
            RowRef::Sqlite(row) => match row.get_ref(index)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(value) => Cell::Int(value),
                ValueRef::Real(value) => Cell::Real(value),
                ValueRef::Text(text) => {
                    Cell::Text(std::str::from_utf8(text).context("text that is not UTF-8")?)
                }
                ValueRef::Blob(blob) => Cell::Blob(blob),
            },
            RowRef::Postgres(row) => {
                if index >= row.len() {
                    bail!("no column {index}: the row has {}", row.len());
                }
                let ty = row.columns()[index].type_();
                if !<PgCell<'_> as FromSql>::accepts(ty) {
                    bail!("{}", unreadable(ty));
                }
                row.try_get::<_, PgCell<'_>>(index)?.0
            }
        };
        T::from_cell(cell).with_context(|| format!("column {index}"))
    }
}

impl<'a> Db<'a> {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite does (its backup, its pragmas); on
    /// PostgreSQL, an error naming `what`.
    pub(crate) fn sqlite(&self, what: &str) -> Result<&'a rusqlite::Connection> {
        match self {
            Db::Sqlite(conn) => Ok(conn),
            Db::Postgres(_) => bail!("{what} works only on an SQLite database, not on PostgreSQL"),
        }
    }

    /// Runs a statement; returns how many rows it changed.
    pub(crate) fn exec(&self, label: &str, sql: &str, params: &[&dyn ToParam]) -> Result<usize> {
        self.exec_inner(sql, params)
            .with_context(|| label.to_string())
    }

    fn exec_inner(&self, sql: &str, params: &[&dyn ToParam]) -> Result<usize> {
        log_statement(sql);
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                Ok(statement.execute(sqlite_params(params))?)
            }
            Db::Postgres(pg) => {
                let changed = pg.borrow_mut().execute(sql, params)?;
                usize::try_from(changed).context("row count out of range")
            }
        }
    }

    /// Runs several statements with no parameters (a schema, a transaction's bounds).
    pub(crate) fn batch(&self, label: &str, sql: &str) -> Result<()> {
        match self {
            Db::Sqlite(conn) => conn.execute_batch(sql).map_err(anyhow::Error::from),
            Db::Postgres(pg) => pg
                .borrow_mut()
                .client
                .batch_execute(sql)
                .map_err(explain_pg),
        }
        .with_context(|| label.to_string())
    }

    /// Calls `f` on each row of a query's result, in order. On SQLite the rows are read as
    /// they come; on PostgreSQL the whole result arrives first (a connection runs one query at
    /// a time, and `f` may run others).
    pub(crate) fn each(
        &self,
        label: &str,
        sql: &str,
        params: &[&dyn ToParam],
        mut f: impl FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        log_statement(sql);
        let mut run = || -> Result<()> {
            match self {
                Db::Sqlite(conn) => {
                    let mut statement = conn.prepare_cached(sql)?;
                    let mut rows = statement.query(sqlite_params(params))?;
                    while let Some(row) = rows.next()? {
                        f(&Row(RowRef::Sqlite(row)))?;
                    }
                    Ok(())
                }
                Db::Postgres(pg) => {
                    let rows = pg.borrow_mut().query(sql, params)?;
                    for row in &rows {
                        f(&Row(RowRef::Postgres(row)))?;
                    }
                    Ok(())
                }
            }
        };
        run().with_context(|| label.to_string())
    }

    /// Every row of a query's result, each through `f`.
    pub(crate) fn rows<T>(
        &self,
        label: &str,
        sql: &str,
        params: &[&dyn ToParam],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut found = Vec::new();
        self.each(label, sql, params, |row| {
            found.push(f(row)?);
            Ok(())
        })?;
        Ok(found)
    }

    /// The first row of a query's result through `f`, if there is one.
    pub(crate) fn optional<T>(
        &self,
        label: &str,
        sql: &str,
        params: &[&dyn ToParam],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut f = Some(f);
        let mut found = None;
        self.each(label, sql, params, |row| {
            if let Some(f) = f.take() {
                found = Some(f(row)?);
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// The first row of a query's result through `f`; no row is an error.
    pub(crate) fn row<T>(
        &self,
        label: &str,
        sql: &str,
        params: &[&dyn ToParam],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.optional(label, sql, params, f)?
            .ok_or_else(|| anyhow!("{label}: no row"))
    }

    /// The one value of a query that gives one row of one column (a count, an id).
    pub(crate) fn value<T: FromCell>(
        &self,
        label: &str,
        sql: &str,
        params: &[&dyn ToParam],
    ) -> Result<T> {
        self.row(label, sql, params, |row| row.get(0))
    }
}

/// With `TIPTRACK_SQL_LOG=FILE`, every statement run is appended to FILE, one per line: a
/// development aid that lists the SQL the test suite runs on SQLite, so that each can be
/// checked on PostgreSQL (`bench/pg-prepare.sh`).
pub(crate) fn log_statement(sql: &str) {
    use std::io::Write;
    static LOG: std::sync::OnceLock<Option<std::sync::Mutex<std::fs::File>>> =
        std::sync::OnceLock::new();
    let log = LOG.get_or_init(|| {
        let path = std::env::var_os("TIPTRACK_SQL_LOG")?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()?;
        Some(std::sync::Mutex::new(file))
    });
    if let Some(file) = log
        && let Ok(mut file) = file.lock()
    {
        // One write per line, so that lines of processes writing at once stay whole.
        let _ = file.write_all(format!("{}\n", sql.replace('\n', " ")).as_bytes());
    }
}

fn sqlite_params<'p>(
    params: &'p [&'p dyn ToParam],
) -> rusqlite::ParamsFromIter<impl Iterator<Item = Param<'p>>> {
    rusqlite::params_from_iter(params.iter().map(|param| param.to_param()))
}

fn pg_params<'p>(params: &'p [&'p dyn ToParam]) -> Vec<Param<'p>> {
    params.iter().map(|param| param.to_param()).collect()
}

fn pg_refs<'v>(values: &'v [Param<'v>]) -> Vec<&'v (dyn PgToSql + Sync)> {
    values
        .iter()
        .map(|value| value as &(dyn PgToSql + Sync))
        .collect()
}

/// The parameters of a statement run unprepared: a blob as `bytea`, every other value's type
/// left to the server (type 0: it infers it from the statement, as when preparing it), the
/// value sent as text, which the server reads as that type. A NULL is typed so too: `x = ?1`
/// takes the type of `x`, whatever the value.
fn pg_typed<'v>(values: &'v [Param<'v>]) -> Vec<(&'v (dyn PgToSql + Sync), Type)> {
    values
        .iter()
        .map(|value| {
            let ty = match value {
                Param::Blob(_) => Type::BYTEA,
                _ => unspecified(),
            };
            (value as &(dyn PgToSql + Sync), ty)
        })
        .collect()
}

/// A parameter type of 0: unspecified, the server's to infer.
fn unspecified() -> Type {
    Type::new(
        "unspecified".to_string(),
        0,
        postgres::types::Kind::Simple,
        String::new(),
    )
}

/// `?1`, `?2` … (and a bare `?`, numbered in order) as PostgreSQL's `$1`, `$2` …, outside
/// what PostgreSQL reads as other than code: quoted strings ('…', with '' inside, and E'…' with
/// its backslash escapes), quoted names ("…"), dollar-quoted strings ($$…$$, $tag$…$tag$),
/// `--` line comments and `/* */` block comments (which nest, as PostgreSQL's do).
pub(crate) fn numbered_parameters(sql: &str) -> String {
    let bytes = sql.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 1;
    let mut i = 0;
    // Every boundary below is at an ASCII byte, so each slice is whole UTF-8.
    let mut copied = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let after_word = i > 0 && word(bytes[i - 1]);
        let end = match c {
            b'\'' => {
                let escapes = after_word
                    && matches!(bytes[i - 1], b'e' | b'E')
                    && (i < 2 || !word(bytes[i - 2]));
                quoted_end(bytes, i, b'\'', escapes)
            }
            b'"' => quoted_end(bytes, i, b'"', false),
            b'-' if bytes.get(i + 1) == Some(&b'-') => bytes[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |at| i + at + 1),
            b'/' if bytes.get(i + 1) == Some(&b'*') => block_comment_end(bytes, i),
            b'$' if !after_word => match dollar_tag(bytes, i) {
                Some(tag) => {
                    let body = i + tag.len();
                    sql[body..]
                        .find(tag)
                        .map_or(bytes.len(), |at| body + at + tag.len())
                }
                None => i + 1,
            },
            b'?' => {
                out.push_str(&sql[copied..i]);
                let digits = bytes[i + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit())
                    .count();
                out.push('$');
                if digits == 0 {
                    out.push_str(&next.to_string());
                    next += 1;
                } else {
                    out.push_str(&sql[i + 1..i + 1 + digits]);
                }
                i += 1 + digits;
                copied = i;
                continue;
            }
            _ => i + 1,
        };
        i = end;
    }
    out.push_str(&sql[copied..]);
    out
}

/// Where a string or name quoted by `quote` from `start` ends (past its closing quote; a
/// doubled quote is one inside it, and with `escapes` so is a backslash's next byte).
fn quoted_end(bytes: &[u8], start: usize, quote: u8, escapes: bool) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if escapes => i += 2,
            b if b == quote => {
                if bytes.get(i + 1) == Some(&quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where the block comment from `start` ends, past its `*/`, its nested comments included.
fn block_comment_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// The opening `$tag$` (or `$$`) of a dollar-quoted string at `start`, if one is there: a tag
/// is an identifier that does not start with a digit (`$1` is a parameter).
fn dollar_tag(bytes: &[u8], start: usize) -> Option<&str> {
    let rest = &bytes[start + 1..];
    let len = rest
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
        .count();
    if rest.first().is_some_and(u8::is_ascii_digit) || rest.get(len) != Some(&b'$') {
        return None;
    }
    std::str::from_utf8(&bytes[start..start + len + 2]).ok()
}

/// A PostgreSQL error with the server's own message (the client's `Display` says only "db
/// error"), and a permission refused said as users would put it.
pub(crate) fn explain_pg(err: postgres::Error) -> anyhow::Error {
    if let Some(db) = err.as_db_error() {
        let mut message = db.message().to_string();
        if let Some(detail) = db.detail() {
            message.push_str(": ");
            message.push_str(detail);
        }
        if *db.code() == postgres::error::SqlState::INSUFFICIENT_PRIVILEGE {
            // The server names the table it refused ("permission denied for table command"):
            // said after what the user needs to know, which is about their role.
            return anyhow!(
                "permission denied: your PostgreSQL role may not do this (the server said: \
                 {message}); docs/team.md tells what each tiptrack role may do"
            );
        }
        return anyhow!("{message}");
    }
    if err.is_closed() {
        return anyhow!("the connection to the PostgreSQL server was lost: {err}");
    }
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    anyhow!(message)
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Null => ValueRef::Null,
            Param::Int(value) => ValueRef::Integer(value),
            Param::Real(value) => ValueRef::Real(value),
            Param::Text(text) => ValueRef::Text(text.as_bytes()),
            Param::Blob(blob) => ValueRef::Blob(blob),
        }))
    }
}

type BoxError = Box<dyn StdError + Sync + Send>;

/// A value is sent in the type the server inferred for its parameter: an integer as `int4`
/// for an `integer` column, as text where text is expected, and so on.
impl PgToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        if ty.oid() == 0 {
            // Its type unspecified: in text, as the server reads a value of the type it infers.
            match *self {
                Param::Null => return Ok(IsNull::Yes),
                Param::Int(value) => out.extend_from_slice(value.to_string().as_bytes()),
                Param::Real(value) => out.extend_from_slice(real_text(value).as_bytes()),
                Param::Text(text) => out.extend_from_slice(text.as_bytes()),
                Param::Blob(_) => return Err("a blob sent as text".into()),
            }
            return Ok(IsNull::No);
        }
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(value) => match *ty {
                Type::INT8 => value.to_sql(ty, out),
                Type::INT4 => i32::try_from(value)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(value)?.to_sql(ty, out),
                Type::BOOL => (value != 0).to_sql(ty, out),
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT8 => (value as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                    value.to_string().as_str().to_sql(ty, out)
                }
                _ => Err(format!("an integer given for a {ty} parameter").into()),
            },
            Param::Real(value) => match *ty {
                Type::FLOAT8 => value.to_sql(ty, out),
                #[allow(clippy::cast_possible_truncation)]
                Type::FLOAT4 => (value as f32).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::UNKNOWN => {
                    value.to_string().as_str().to_sql(ty, out)
                }
                _ => Err(format!("a real number given for a {ty} parameter").into()),
            },
            Param::Text(text) => match *ty {
                Type::INT8 | Type::INT4 | Type::INT2 => {
                    Param::Int(text.trim().parse()?).to_sql(ty, out)
                }
                Type::FLOAT8 | Type::FLOAT4 => Param::Real(text.trim().parse()?).to_sql(ty, out),
                // In binary, these are the text's UTF-8 bytes as they are.
                Type::TEXT
                | Type::VARCHAR
                | Type::BPCHAR
                | Type::NAME
                | Type::UNKNOWN
                | Type::JSON => {
                    out.extend_from_slice(text.as_bytes());
                    Ok(IsNull::No)
                }
                // `jsonb` in binary: a version byte (1), then the JSON as text.
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(text.as_bytes());
                    Ok(IsNull::No)
                }
                // `"char"` in binary: its one byte.
                Type::CHAR if text.len() == 1 => {
                    out.extend_from_slice(text.as_bytes());
                    Ok(IsNull::No)
                }
                _ => Err(format!("text given for a {ty} parameter").into()),
            },
            Param::Blob(blob) => match *ty {
                Type::BYTEA => blob.to_sql(ty, out),
                _ => Err(format!("a blob given for a {ty} parameter").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    fn encode_format(&self, ty: &Type) -> postgres::types::Format {
        if ty.oid() == 0 {
            postgres::types::Format::Text
        } else {
            postgres::types::Format::Binary
        }
    }

    to_sql_checked!();
}

/// A real number as text, as a prepared statement's text parameter is given it (Rust's shortest
/// form that reads back exactly, which `float8` takes too; infinities and NaN in PostgreSQL's
/// words).
fn real_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        format!("{value}")
    }
}

/// A value of a PostgreSQL row as a [`Cell`], whatever its column type.
struct PgCell<'a>(Cell<'a>);

impl<'a> FromSql<'a> for PgCell<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let cell = match *ty {
            Type::INT8 => Cell::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Cell::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Cell::Int(i16::from_sql(ty, raw)?.into()),
            Type::OID => Cell::Int(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => Cell::Int(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Cell::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Cell::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Cell::Blob(raw),
            Type::TEXT
            | Type::VARCHAR
            | Type::BPCHAR
            | Type::NAME
            | Type::UNKNOWN
            | Type::CHAR
            | Type::JSON => Cell::Text(std::str::from_utf8(raw)?),
            // `jsonb` in binary: a version byte (1), then the JSON as text.
            Type::JSONB => match raw.split_first() {
                Some((1, json)) => Cell::Text(std::str::from_utf8(json)?),
                _ => return Err("a jsonb value of a version tiptrack does not know".into()),
            },
            _ => return Err(unreadable(ty).into()),
        };
        Ok(PgCell(cell))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(PgCell(Cell::Null))
    }

    fn accepts(ty: &Type) -> bool {
        READABLE.contains(ty)
    }
}

/// The column types a [`PgCell`] reads: integers (and booleans, as 0 and 1), reals, text and
/// bytea. A value of another type is refused ([`unreadable`]), not misread: a query casts it
/// (`::text`) where it needs one.
const READABLE: &[Type] = &[
    Type::INT8,
    Type::INT4,
    Type::INT2,
    Type::OID,
    Type::BOOL,
    Type::FLOAT8,
    Type::FLOAT4,
    Type::NUMERIC,
    Type::BYTEA,
    Type::TEXT,
    Type::VARCHAR,
    Type::BPCHAR,
    Type::NAME,
    Type::UNKNOWN,
    Type::CHAR,
    Type::JSON,
    Type::JSONB,
];

fn unreadable(ty: &Type) -> String {
    format!("a column of type {ty}: tiptrack reads only integers, reals, text and bytea")
}

/// A `numeric` in PostgreSQL's binary form (what `sum()` of integers gives): an integer when
/// it has no fractional digits, else a real number.
fn numeric(raw: &[u8]) -> Result<Cell<'static>, BoxError> {
    let word = |at: usize| -> Result<u16, BoxError> {
        raw.get(at..at + 2)
            .map(|bytes| u16::from_be_bytes([bytes[0], bytes[1]]))
            .ok_or_else(|| "a numeric value cut short".into())
    };
    let digits = word(0)?;
    let weight = i32::from(word(2)? as i16);
    let sign = word(4)?;
    let scale = word(6)?;
    match sign {
        0xC000 => return Ok(Cell::Real(f64::NAN)),
        0xD000 => return Ok(Cell::Real(f64::INFINITY)),
        0xF000 => return Ok(Cell::Real(f64::NEG_INFINITY)),
        0x0000 | 0x4000 => {}
        _ => return Err(format!("a numeric value with an unknown sign {sign:#06x}").into()),
    }
    let too_large = || -> BoxError { "a numeric value too large for an integer".into() };
    let mut value = 0f64;
    let mut whole: i128 = 0;
    for i in 0..usize::from(digits) {
        let digit = word(8 + 2 * i)?;
        let power = weight - i32::try_from(i)?;
        value += f64::from(digit) * 10_000f64.powi(power);
        if power >= 0 && scale == 0 {
            whole = whole
                .checked_mul(10_000)
                .and_then(|whole| whole.checked_add(i128::from(digit)))
                .ok_or_else(too_large)?;
        }
    }
    let negative = sign == 0x4000;
    if scale == 0 {
        // The digits after the last stored group are zeros.
        let last = weight - i32::from(digits) + 1;
        for _ in 0..last.max(0) {
            whole = whole.checked_mul(10_000).ok_or_else(too_large)?;
        }
        let whole = if negative { -whole } else { whole };
        return Ok(Cell::Int(i64::try_from(whole).map_err(|_| too_large())?));
    }
    Ok(Cell::Real(if negative { -value } else { value }))
}

macro_rules! param_as {
    ($($kind:ty => |$v:ident| $make:expr),* $(,)?) => {$(
        impl ToParam for $kind {
            fn to_param(&self) -> Param<'_> {
                let $v = self;
                $make
            }
        }
    )*};
}

param_as! {
    i64 => |v| Param::Int(*v),
    i32 => |v| Param::Int(i64::from(*v)),
    u32 => |v| Param::Int(i64::from(*v)),
    u16 => |v| Param::Int(i64::from(*v)),
    bool => |v| Param::Int(i64::from(*v)),
    f64 => |v| Param::Real(*v),
    str => |v| Param::Text(v),
    String => |v| Param::Text(v),
    [u8] => |v| Param::Blob(v),
    Vec<u8> => |v| Param::Blob(v),
}

/// A count or an index beyond `i64` cannot be stored: it saturates (it would take more rows
/// than any database here holds).
impl ToParam for usize {
    fn to_param(&self) -> Param<'_> {
        Param::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> Param<'_> {
        (**self).to_param()
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn to_param(&self) -> Param<'_> {
        match self {
            Some(value) => value.to_param(),
            None => Param::Null,
        }
    }
}

impl ToParam for Param<'_> {
    fn to_param(&self) -> Param<'_> {
        *self
    }
}

impl FromCell for i64 {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        match cell {
            Cell::Int(value) => Ok(value),
            other => bail!("expected an integer, found {}", other.kind()),
        }
    }
}

impl FromCell for i32 {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        Ok(i32::try_from(i64::from_cell(cell)?)?)
    }
}

impl FromCell for u32 {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        Ok(u32::try_from(i64::from_cell(cell)?)?)
    }
}

impl FromCell for usize {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        Ok(usize::try_from(i64::from_cell(cell)?)?)
    }
}

impl FromCell for bool {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        Ok(i64::from_cell(cell)? != 0)
    }
}

impl FromCell for f64 {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        match cell {
            Cell::Real(value) => Ok(value),
            #[allow(clippy::cast_precision_loss)]
            Cell::Int(value) => Ok(value as f64),
            other => bail!("expected a number, found {}", other.kind()),
        }
    }
}

impl FromCell for String {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        match cell {
            Cell::Text(text) => Ok(text.to_string()),
            other => bail!("expected text, found {}", other.kind()),
        }
    }
}

impl FromCell for Vec<u8> {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        match cell {
            Cell::Blob(blob) => Ok(blob.to_vec()),
            Cell::Text(text) => Ok(text.as_bytes().to_vec()),
            other => bail!("expected a blob, found {}", other.kind()),
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        match cell {
            Cell::Null => Ok(None),
            other => T::from_cell(other).map(Some),
        }
    }
}

/// A value as stored, whatever its kind: what `export` and `db copy` carry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    /// An owned copy of a parameter's value.
    pub(crate) fn of(value: &dyn ToParam) -> Value {
        match value.to_param() {
            Param::Null => Value::Null,
            Param::Int(value) => Value::Int(value),
            Param::Real(value) => Value::Real(value),
            Param::Text(text) => Value::Text(text.to_string()),
            Param::Blob(blob) => Value::Blob(blob.to_vec()),
        }
    }
}

/// Gives an SQLite connection the functions PostgreSQL's schema defines, so that a statement
/// reads the same on both: `tiptrack_bytes(text, start, length)`, the text between two byte
/// offsets of a UTF-8 text (where a suggestion's sentence is in its narrative).
pub(crate) fn add_functions(conn: &rusqlite::Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "tiptrack_bytes",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = ctx.get_raw(0);
            let (Ok(start), Ok(length)) = (ctx.get::<i64>(1), ctx.get::<i64>(2)) else {
                return Ok(None);
            };
            let ValueRef::Text(bytes) = text else {
                return Ok(None);
            };
            let start = usize::try_from(start)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            let end = usize::try_from(length)
                .map_or(start, |length| start.saturating_add(length))
                .min(bytes.len());
            Ok(Some(
                String::from_utf8_lossy(&bytes[start..end]).into_owned(),
            ))
        },
    )?;
    Ok(())
}

impl FromCell for Value {
    fn from_cell(cell: Cell<'_>) -> Result<Self> {
        Ok(match cell {
            Cell::Null => Value::Null,
            Cell::Int(value) => Value::Int(value),
            Cell::Real(value) => Value::Real(value),
            Cell::Text(text) => Value::Text(text.to_string()),
            Cell::Blob(blob) => Value::Blob(blob.to_vec()),
        })
    }
}

impl ToParam for Value {
    fn to_param(&self) -> Param<'_> {
        match self {
            Value::Null => Param::Null,
            Value::Int(value) => Param::Int(*value),
            Value::Real(value) => Param::Real(*value),
            Value::Text(text) => Param::Text(text),
            Value::Blob(blob) => Param::Blob(blob),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_for_postgres_outside_quotes() {
        assert_eq!(
            numbered_parameters("SELECT ?1, '?2', \"a?\" FROM t WHERE x = ?12 AND y = ?"),
            "SELECT $1, '?2', \"a?\" FROM t WHERE x = $12 AND y = $1"
        );
        assert_eq!(numbered_parameters("a = ? AND b = ?"), "a = $1 AND b = $2");
        assert_eq!(numbered_parameters("'it''s ?'"), "'it''s ?'");
    }

    #[test]
    fn parameters_in_comments_and_dollar_quotes_are_left_alone() {
        assert_eq!(
            numbered_parameters("SELECT ? -- why ?\n, ? /* a ? /* nested ? */ still ? */ , ?"),
            "SELECT $1 -- why ?\n, $2 /* a ? /* nested ? */ still ? */ , $3"
        );
        assert_eq!(
            numbered_parameters("SELECT $$ ? $$, $tag$ a $$ ? $tag$, ?2, $1"),
            "SELECT $$ ? $$, $tag$ a $$ ? $tag$, $2, $1"
        );
        // `$` within a name starts no dollar quote.
        assert_eq!(
            numbered_parameters("a$b$ = ? AND x = $b$?"),
            "a$b$ = $1 AND x = $b$?"
        );
        assert_eq!(
            numbered_parameters(r"SELECT E'it\'s ?', ?, e'\\', ?, 'a\', ?"),
            r"SELECT E'it\'s ?', $1, e'\\', $2, 'a\', $3"
        );
        // A name ending in e before a quote is no E'' string.
        assert_eq!(
            numbered_parameters(r"SELECT some'\', ?"),
            r"SELECT some'\', $1"
        );
        assert_eq!(
            numbered_parameters("SELECT \"a\"\"?\", 'b''?', ? - -1, 6/2, ?"),
            "SELECT \"a\"\"?\", 'b''?', $1 - -1, 6/2, $2"
        );
        // Unclosed: the rest is inside.
        assert_eq!(numbered_parameters("? /* ?"), "$1 /* ?");
        assert_eq!(numbered_parameters("? $x$ ?"), "$1 $x$ ?");
        assert_eq!(numbered_parameters("é = ? -- ü ?"), "é = $1 -- ü ?");
    }

    #[test]
    fn a_text_is_sent_only_to_a_text_parameter() {
        let sent = |param: Param<'_>, ty: Type| {
            let mut out = BytesMut::new();
            param.to_sql(&ty, &mut out).map(|_| out.to_vec())
        };
        assert_eq!(
            sent(Param::Text("hé"), Type::TEXT).unwrap(),
            "hé".as_bytes()
        );
        assert_eq!(sent(Param::Text("x"), Type::VARCHAR).unwrap(), b"x");
        assert_eq!(sent(Param::Text("{}"), Type::JSON).unwrap(), b"{}");
        assert_eq!(sent(Param::Text("{}"), Type::JSONB).unwrap(), b"\x01{}");
        assert_eq!(sent(Param::Text("a"), Type::CHAR).unwrap(), b"a");
        assert!(sent(Param::Text("ab"), Type::CHAR).is_err());
        assert_eq!(
            sent(Param::Text(" 7 "), Type::INT4).unwrap(),
            7i32.to_be_bytes()
        );
        assert_eq!(
            sent(Param::Text("1.5"), Type::FLOAT8).unwrap(),
            1.5f64.to_be_bytes()
        );
        for ty in [
            Type::BOOL,
            Type::DATE,
            Type::NUMERIC,
            Type::TIMESTAMP,
            Type::BYTEA,
        ] {
            let err = sent(Param::Text("0"), ty.clone()).unwrap_err();
            assert_eq!(err.to_string(), format!("text given for a {ty} parameter"));
        }
        assert_eq!(sent(Param::Blob(&[0, 1]), Type::BYTEA).unwrap(), [0, 1]);
        let err = sent(Param::Blob(b"x"), Type::TEXT).unwrap_err();
        assert_eq!(err.to_string(), "a blob given for a text parameter");
    }

    #[test]
    fn a_column_is_read_only_as_what_it_is() {
        let read = |ty: Type, raw: &'static [u8]| PgCell::from_sql(&ty, raw).map(|cell| cell.0);
        assert_eq!(read(Type::TEXT, b"x").unwrap(), Cell::Text("x"));
        assert_eq!(read(Type::NAME, b"n").unwrap(), Cell::Text("n"));
        assert_eq!(read(Type::JSON, b"[1]").unwrap(), Cell::Text("[1]"));
        assert_eq!(read(Type::JSONB, b"\x01[1]").unwrap(), Cell::Text("[1]"));
        assert!(read(Type::JSONB, b"\x02[1]").is_err());
        assert_eq!(read(Type::BOOL, &[1]).unwrap(), Cell::Int(1));
        assert_eq!(read(Type::BYTEA, &[0, 9]).unwrap(), Cell::Blob(&[0, 9]));
        for ty in [Type::TIMESTAMP, Type::DATE, Type::UUID, Type::TEXT_ARRAY] {
            assert!(!<PgCell<'_> as FromSql>::accepts(&ty));
            let err = read(ty.clone(), &[0, 0, 0, 0, 0, 0, 0, 0]).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "a column of type {ty}: tiptrack reads only integers, reals, text and bytea"
                )
            );
        }
        for ty in READABLE {
            assert!(<PgCell<'_> as FromSql>::accepts(ty));
        }
    }

    #[test]
    fn a_numeric_too_large_or_infinite_is_not_read_as_an_integer() {
        // 10^40 (weight 10, one group of 1): beyond i128 it would overflow, beyond i64 anyway.
        let raw = [0, 1, 0, 10, 0, 0, 0, 0, 0, 1];
        let err = numeric(&raw).unwrap_err();
        assert_eq!(err.to_string(), "a numeric value too large for an integer");
        // Nine groups of 9999 at weight 8: 10^36 - 1, whole groups, beyond i64.
        let mut raw = vec![0, 9, 0, 8, 0, 0, 0, 0];
        for _ in 0..9 {
            raw.extend_from_slice(&9999u16.to_be_bytes());
        }
        assert!(numeric(&raw).is_err());
        // Weight 32767 (the most a numeric has): an overflow, not a panic.
        assert!(numeric(&[0, 1, 0x7F, 0xFF, 0, 0, 0, 0, 0, 1]).is_err());
        // i64::MAX itself still reads: 922 3372 0368 5477 5807.
        let mut raw = vec![0, 5, 0, 4, 0, 0, 0, 0];
        for group in [922u16, 3372, 368, 5477, 5807] {
            raw.extend_from_slice(&group.to_be_bytes());
        }
        assert_eq!(numeric(&raw).unwrap(), Cell::Int(i64::MAX));
        assert_eq!(
            numeric(&[0, 0, 0, 0, 0xD0, 0, 0, 0]).unwrap(),
            Cell::Real(f64::INFINITY)
        );
        assert_eq!(
            numeric(&[0, 0, 0, 0, 0xF0, 0, 0, 0]).unwrap(),
            Cell::Real(f64::NEG_INFINITY)
        );
        assert!(
            matches!(numeric(&[0, 0, 0, 0, 0xC0, 0, 0, 0]).unwrap(), Cell::Real(x) if x.is_nan())
        );
        assert!(numeric(&[0, 0, 0, 0, 0x12, 0, 0, 0]).is_err());
    }

    #[test]
    fn a_numeric_sum_reads_as_an_integer_or_a_real() {
        // 12345678: two groups of four digits (1234, 5678), weight 1.
        let raw = [0, 2, 0, 1, 0, 0, 0, 0, 0x04, 0xD2, 0x16, 0x2E];
        assert_eq!(numeric(&raw).unwrap(), Cell::Int(12_345_678));
        // 20000: one group (2), weight 1, the next group's zeros left out.
        let raw = [0, 1, 0, 1, 0x40, 0, 0, 0, 0, 2];
        assert_eq!(numeric(&raw).unwrap(), Cell::Int(-20_000));
        // 0: no digits at all.
        assert_eq!(numeric(&[0, 0, 0, 0, 0, 0, 0, 0]).unwrap(), Cell::Int(0));
        // 1.5: groups 1 and 5000, weight 0, scale 1.
        let raw = [0, 2, 0, 0, 0, 0, 0, 1, 0, 1, 0x13, 0x88];
        assert_eq!(numeric(&raw).unwrap(), Cell::Real(1.5));
    }

    #[test]
    fn a_row_mapper_reads_sqlite_values_as_cells() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let db = Db::Sqlite(&conn);
        db.batch(
            "setup",
            "CREATE TABLE t (a INTEGER, b TEXT, c REAL, d BLOB)",
        )
        .unwrap();
        db.exec(
            "insert",
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4)",
            params![7i64, "x", 1.5f64, vec![1u8, 2]],
        )
        .unwrap();
        db.exec("insert null", "INSERT INTO t (a) VALUES (NULL)", params![])
            .unwrap();
        let rows = db
            .rows(
                "read",
                "SELECT a, b, c, d FROM t ORDER BY a",
                params![],
                |row| {
                    Ok((
                        row.get::<Option<i64>>(0)?,
                        row.get::<Option<String>>(1)?,
                        row.get::<Option<f64>>(2)?,
                        row.get::<Option<Vec<u8>>>(3)?,
                    ))
                },
            )
            .unwrap();
        assert_eq!(rows[0], (None, None, None, None));
        assert_eq!(
            rows[1],
            (Some(7), Some("x".to_string()), Some(1.5), Some(vec![1, 2]))
        );
        let err = db
            .value::<i64>(
                "the text as a number",
                "SELECT b FROM t WHERE a = 7",
                params![],
            )
            .unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            "the text as a number: column 0: expected an integer, found text"
        );
        let err = db
            .exec(
                "a bad statement",
                "INSERT INTO nowhere VALUES (1)",
                params![],
            )
            .unwrap_err();
        assert!(format!("{err:#}").starts_with("a bad statement: no such table: nowhere"));
    }
}
