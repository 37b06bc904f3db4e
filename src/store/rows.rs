//! The store's leaf: the column lists and row mappers every query of a table group shares, the
//! WHERE clauses built from filters, finding an item by its ID, and recording a change (an
//! event in the history, under its command, with what it replaced).
//!
//! It uses nothing else of the store but the [`Writer`] it records through, and every other
//! file of it may use it.

use anyhow::Result;

use super::sql::{Backend, Db, Row, ToParam, Value, params};
use super::{StoreError, Writer};
use crate::model::{Actor, Event, Evidence, Filter, Note, Recommendation, Tier};

/// The columns [`recommendation_from_row`] reads, in its order, from [`RECOMMENDATION_FROM`]:
/// an item with what its ask shows (its status, owner and due date are the ask's).
pub(super) const RECOMMENDATION_COLUMNS: &str = "r.code, n.country, n.iso3, n.year, n.tier, \
     r.position, r.text, r.truncated, r.area, r.action, coalesce(a.status, r.status), \
     r.updated_at, r.ask_position - 1, ar.code, a.owner, a.supporting, a.due_date, \
     coalesce(a.asked_again, 0)";

/// How many columns [`RECOMMENDATION_COLUMNS`] has.
pub(super) const RECOMMENDATION_WIDTH: usize = 18;

/// The tables [`RECOMMENDATION_COLUMNS`] come from: `r` the item, `n` its narrative, `a` its
/// ask, `ar` the ask's first item. (The ask row is missing only in the middle of an import,
/// before the links are recomputed: the item's own status stands in.)
pub(super) const RECOMMENDATION_FROM: &str = "recommendation r \
     JOIN narrative n ON n.id = r.narrative_id AND n.removed IS NULL \
     JOIN recommendation ar ON ar.id = r.ask_id \
     LEFT JOIN ask a ON a.id = r.ask_id";

pub(super) fn recommendation_from_row(row: &Row<'_>) -> Result<Recommendation> {
    Ok(Recommendation {
        id: row.get(0)?,
        country: row.get(1)?,
        iso3: row.get(2)?,
        year: row.get(3)?,
        tier: row.get::<Option<Tier>>(4)?,
        position: row.get(5)?,
        text: row.get(6)?,
        truncated: row.get(7)?,
        area: row.get(8)?,
        action: row.get(9)?,
        status: row.get(10)?,
        updated_at: row.get(11)?,
        repeats: row.get(12)?,
        ask: row.get(13)?,
        owner: row.get(14)?,
        supporting: crate::ask::institutions(row.get::<Option<String>>(15)?.as_deref()),
        due: row.get(16)?,
        asked_again: row.get(17)?,
    })
}

pub(super) fn note_from_row(row: &Row<'_>) -> Result<Note> {
    Ok(Note {
        id: row.get(0)?,
        recommendation: row.get(1)?,
        text: row.get(2)?,
        author: row.get(3)?,
        created_at: row.get(4)?,
    })
}

/// The columns [`evidence_from_row`] reads, from [`EVIDENCE_FROM`]. A suggestion awaiting review
/// stores neither its sentence nor its source: they are its narrative's (the sentence is the
/// text between its byte offsets, hence the BLOB casts).
pub(super) const EVIDENCE_COLUMNS: &str = "e.id, r.code, e.report_year, \
     coalesce(e.quote, tiptrack_bytes(t.full_text, e.start_offset, \
     e.end_offset - e.start_offset)), coalesce(e.source, sn.source_name), \
     e.action_date, e.added_by, e.added_at, e.state, e.section, e.paragraph, e.start_offset, \
     e.end_offset, e.score, e.reason, e.commitment, e.assessment, e.review_note, ar.code";

/// Statuses of the items whose suggestions are not shown: addressed or superseded, nothing is
/// left to look for. Their suggestions are kept (a suggestion depends on texts only), and come
/// back if the item is reopened.
pub(super) const CLOSED: &str = "('addressed', 'superseded')";

/// The tables [`EVIDENCE_COLUMNS`] come from: `e` the evidence, `r` its recommendation.
pub(super) const EVIDENCE_FROM: &str = "evidence e \
     JOIN recommendation r ON r.id = e.recommendation_id \
     LEFT JOIN ask a ON a.id = r.ask_id \
     LEFT JOIN recommendation ar ON ar.id = r.ask_id \
     LEFT JOIN narrative_text t ON e.quote IS NULL AND t.narrative_id = e.narrative_id \
     LEFT JOIN narrative sn ON e.source IS NULL AND sn.id = e.narrative_id";

pub(super) fn evidence_from_row(row: &Row<'_>) -> Result<Evidence> {
    Ok(Evidence {
        id: row.get(0)?,
        recommendation: row.get(1)?,
        year: row.get(2)?,
        text: row.get(3)?,
        source: row.get(4)?,
        date: row.get(5)?,
        added_by: row.get(6)?,
        added_at: row.get(7)?,
        state: row.get(8)?,
        section: row.get(9)?,
        paragraph: row.get(10)?,
        start: row.get(11)?,
        end: row.get(12)?,
        score: row.get(13)?,
        reason: row.get(14)?,
        commitment: row.get(15)?,
        assessment: row.get(16)?,
        note: row.get(17)?,
        outside_period: false,
        ask: row.get(18)?,
        repeats: Vec::new(),
    })
    .map(|mut evidence: Evidence| {
        evidence.outside_period =
            crate::period::evidence_outside(evidence.year, evidence.date.as_deref());
        evidence
    })
}

/// How `evidence list` orders an item's evidence: a user's own first, then by report year,
/// score (best first) and id.
/// (A user's own has no score: NULLS LAST keeps it after the scored on PostgreSQL too, which
/// puts NULLs first in a descending order.)
pub(super) const LISTED: &str = "CASE WHEN e.narrative_id IS NULL THEN 0 ELSE e.report_year END, \
     e.score DESC NULLS LAST, e.id";

pub(super) const EVENT_COLUMNS: &str = "ev.id, r.code, n.iso3, n.year, ev.kind, ev.old_value, ev.new_value, \
     ev.note, ev.effective_date, ev.actor, ev.at, \
     (SELECT first_year FROM ask WHERE id = r.ask_id)";

pub(super) fn event_from_row(row: &Row<'_>) -> Result<Event> {
    Ok(Event {
        id: row.get(0)?,
        recommendation: row.get(1)?,
        iso3: row.get(2)?,
        year: row.get(3)?,
        kind: row.get(4)?,
        old_value: row.get(5)?,
        new_value: row.get(6)?,
        note: row.get(7)?,
        date: row.get(8)?,
        actor: row.get(9)?,
        at: row.get(10)?,
        outside_period: false,
    })
    .and_then(|mut event: Event| {
        // A status is an answer to the ask, made from its first report on.
        let first: Option<i64> = row.get(11)?;
        event.outside_period = event.kind == "status"
            && crate::period::status_outside(first.unwrap_or(event.year), event.date.as_deref());
        Ok(event)
    })
}

/// A WHERE clause built from filters: fixed SQL text chosen by which filters are set, with every
/// value bound as a parameter, never written into the SQL.
#[derive(Default)]
pub(super) struct Conditions {
    clauses: Vec<String>,
    values: Vec<Value>,
}

impl Conditions {
    pub(super) fn clause(&mut self, sql: &str) {
        self.clauses.push(sql.to_string());
    }

    pub(super) fn equals(&mut self, column: &str, value: impl ToParam) {
        self.clauses.push(format!("{column} = ?"));
        self.values.push(Value::of(&value));
    }

    pub(super) fn less(&mut self, column: &str, value: impl ToParam) {
        self.clauses.push(format!("{column} < ?"));
        self.values.push(Value::of(&value));
    }

    pub(super) fn greater(&mut self, column: &str, value: impl ToParam) {
        self.clauses.push(format!("{column} > ?"));
        self.values.push(Value::of(&value));
    }

    /// `column IN (?, ...)`, when any values are given.
    pub(super) fn any_of<T: ToParam>(&mut self, column: &str, values: &[T]) {
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.clauses.push(format!("{column} IN ({marks})"));
        self.values.extend(values.iter().map(|v| Value::of(v)));
    }

    /// The filter's country and year (the narrative is `n`).
    pub(super) fn narrative(&mut self, filter: &Filter) {
        if let Some(iso3) = &filter.iso3 {
            self.equals("n.iso3", iso3.clone());
        }
        if let Some(year) = filter.year {
            self.equals("n.year", year);
        }
    }

    /// The filter's areas and kinds of action (the recommendation is `r`).
    pub(super) fn classes(&mut self, filter: &Filter) {
        self.any_of("r.area", &filter.areas);
        self.any_of("r.action", &filter.actions);
    }

    pub(super) fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    pub(super) fn params(&self) -> Vec<&dyn ToParam> {
        self.values.iter().map(|v| v as &dyn ToParam).collect()
    }
}

/// Row ids behind a public ID, for writers: the recommendation's, its narrative's and its
/// ask's.
pub(super) struct RowIds {
    pub recommendation: i64,
    pub narrative: i64,
    pub ask: i64,
}

/// One recommendation by its ID (case-insensitive).
pub(super) fn find_recommendation(db: Db<'_>, id: &str) -> Result<Recommendation> {
    find_row(db, id).map(|(recommendation, _)| recommendation)
}

/// A recommendation by its public ID (case-insensitive), with its row ids; an unknown ID is an
/// error that suggests close ones.
pub(super) fn find_row(db: Db<'_>, id: &str) -> Result<(Recommendation, RowIds)> {
    find_row_with(db, id, "", |_, _, _| Ok(()))
        .map(|(recommendation, ids, ())| (recommendation, ids))
}

/// [`find_row`], with more columns of the same row read in the same query: `extra` (a list
/// starting with a comma, of columns of `r`, `n`, `a` and `ar`, see [`RECOMMENDATION_FROM`])
/// given to `f` with the index of their first and the row ids. On PostgreSQL, whose connection is new for
/// every command, each query saved is a round trip to the server.
pub(super) fn find_row_with<T>(
    db: Db<'_>,
    id: &str,
    extra: &str,
    f: impl FnOnce(&Row<'_>, usize, &RowIds) -> Result<T>,
) -> Result<(Recommendation, RowIds, T)> {
    let code = id.trim().to_uppercase();
    let sql = format!(
        "SELECT {RECOMMENDATION_COLUMNS}, r.id, r.narrative_id, r.ask_id{extra} \
         FROM {RECOMMENDATION_FROM} WHERE r.code = ?1"
    );
    let found = db.optional("finding an item by its ID", &sql, params![code], |row| {
        let ids = RowIds {
            recommendation: row.get(RECOMMENDATION_WIDTH)?,
            narrative: row.get(RECOMMENDATION_WIDTH + 1)?,
            ask: row.get(RECOMMENDATION_WIDTH + 2)?,
        };
        let more = f(row, RECOMMENDATION_WIDTH + 3, &ids)?;
        Ok((recommendation_from_row(row)?, ids, more))
    })?;
    match found {
        Some(found) => Ok(found),
        None => Err(StoreError::UnknownId {
            id: id.to_string(),
            suggestions: similar_codes(db, &code)?,
        }
        .into()),
    }
}

/// Up to three existing IDs closest to a mistyped one.
fn similar_codes(db: Db<'_>, code: &str) -> Result<Vec<String>> {
    let mut scored: Vec<(f64, String)> = Vec::new();
    db.each(
        "the IDs like a mistyped one",
        "SELECT r.code FROM recommendation r \
         JOIN narrative n ON n.id = r.narrative_id AND n.removed IS NULL",
        params![],
        |row| {
            let candidate: String = row.get(0)?;
            let score = strsim::jaro_winkler(code, &candidate);
            if score >= 0.85 {
                scored.push((score, candidate));
            }
            Ok(())
        },
    )?;
    // The rows come in no set order, which may differ between the databases: the order is
    // made here, best first and ties by ID (unique), so the suggestions read the same on both.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(scored.into_iter().take(3).map(|(_, c)| c).collect())
}

/// An event to append to the history.
pub(super) struct NewEvent<'a> {
    pub narrative_id: i64,
    pub recommendation_id: Option<i64>,
    pub kind: &'a str,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub note: Option<&'a str>,
    pub effective_date: Option<&'a str>,
    /// What the change replaced, for `undo` (see [`Before`]).
    pub before: Option<String>,
}

/// What an event's change replaced: the row, and the old value of each column it set. Stored as
/// the event's `before` JSON, which `undo` writes back.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Before {
    pub table: String,
    pub id: i64,
    pub set: serde_json::Map<String, serde_json::Value>,
    /// A removed narrative's items' positions, (item, position): see `remove`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<(i64, Option<i64>)>,
    /// The links a removal took out with the narrative's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<SavedLink>,
}

/// A link as a removal keeps it, to put back.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct SavedLink {
    pub earlier: i64,
    pub later: i64,
    pub kind: String,
    pub score: f64,
    pub made_by: String,
}

impl Before {
    /// The old values of `columns` of row `id` of `table`, read before the change. The table
    /// and column names are the code's own, never a user's.
    pub(super) fn read<'a>(db: Db<'a>, table: &str, id: i64, columns: &[&str]) -> Result<Before> {
        // A new row has nothing to put back (undo deletes it): its id alone.
        let list = if columns.is_empty() {
            "id".to_string()
        } else {
            columns.join(", ")
        };
        let sql = format!("SELECT {list} FROM {table} WHERE id = ?1");
        let label = format!("reading {table} {id} before changing it");
        db.row(&label, &sql, params![id], |row| {
            Before::from_row(row, 0, table, id, columns)
        })
    }

    /// [`Before::read`] from columns already read: `columns` of `table`, from index `first` of
    /// `row` on, in order.
    pub(super) fn from_row(
        row: &Row<'_>,
        first: usize,
        table: &str,
        id: i64,
        columns: &[&str],
    ) -> Result<Before> {
        let set = columns
            .iter()
            .enumerate()
            .map(|(i, column)| Ok((column.to_string(), json_value(row.get(first + i)?))))
            .collect::<Result<_>>()?;
        Ok(Before {
            table: table.to_string(),
            id,
            set,
            positions: Vec::new(),
            links: Vec::new(),
        })
    }

    pub(super) fn json(&self) -> Result<String> {
        Ok(serde_json::to_string(self)?)
    }
}

/// A stored value as `before` keeps it (no column it covers holds a blob).
fn json_value(value: Value) -> serde_json::Value {
    match value {
        Value::Null | Value::Blob(_) => serde_json::Value::Null,
        Value::Int(n) => n.into(),
        Value::Real(x) => x.into(),
        Value::Text(text) => text.into(),
    }
}

impl Writer<'_> {
    /// Inserts a row of `table` that records who made it, in `actor_column`, and gives its
    /// `returning` columns through `f`. On SQLite the actor's name is written there; on
    /// PostgreSQL the column is left to its default, the session's user, which is all an
    /// analyst may write (src/store/roles-postgres.sql). Table and column names are the code's
    /// own, never a user's.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn insert_by<T>(
        &self,
        label: &str,
        table: &str,
        columns: &[&str],
        values: &[&dyn ToParam],
        actor: &Actor,
        returning: &str,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let db = self.db();
        let actor_column = match table {
            "note" => "author",
            "evidence" => "added_by",
            _ => "actor",
        };
        let mut columns = columns.to_vec();
        let mut values = values.to_vec();
        if db.backend() == Backend::Sqlite {
            columns.push(actor_column);
            values.push(&actor.name);
        }
        let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({}) RETURNING {returning}",
            columns.join(", "),
            marks.join(", ")
        );
        db.row(label, &sql, &values, f)
    }

    /// Records a change to the history: marks item `touch` (if given) changed now, and appends
    /// `event` (see [`Writer::append_event`]); returns the event's id.
    pub(super) fn record(
        &self,
        touch: Option<i64>,
        event: &NewEvent<'_>,
        actor: &Actor,
    ) -> Result<i64> {
        if let Some(rowid) = touch {
            self.touch(rowid, actor)?;
        }
        self.append_event(event, actor)
    }

    /// Appends an event to the history, under this invocation's command (recorded with the
    /// first event); returns its id, which orders what was recorded.
    pub(super) fn append_event(&self, event: &NewEvent<'_>, actor: &Actor) -> Result<i64> {
        let command = self.command(actor, None)?;
        self.insert_by(
            "recording the change in the history",
            "event",
            &[
                "narrative_id",
                "recommendation_id",
                "kind",
                "old_value",
                "new_value",
                "note",
                "effective_date",
                "at",
                "command",
                "before",
            ],
            params![
                event.narrative_id,
                event.recommendation_id,
                event.kind,
                event.old_value,
                event.new_value,
                event.note,
                event.effective_date,
                actor.at,
                command,
                event.before,
            ],
            actor,
            "id",
            |row| row.get(0),
        )
    }

    /// The id of the command this transaction's changes belong to, recorded (as undoing
    /// `undoes`, if given) when the first change is.
    pub(super) fn command(&self, actor: &Actor, undoes: Option<i64>) -> Result<i64> {
        if let Some(id) = self.command.get() {
            if undoes.is_some() {
                anyhow::bail!("an undo is a command of its own: start one (Store::next_command)");
            }
            return Ok(id);
        }
        let id = self.insert_by(
            "recording the command",
            "command",
            &["at", "undoes"],
            params![actor.at, undoes],
            actor,
            "id",
            |row| row.get(0),
        )?;
        self.command.set(Some(id));
        Ok(id)
    }

    /// [`Before::read`] as an event's `before`.
    pub(super) fn before(&self, table: &str, id: i64, columns: &[&str]) -> Result<Option<String>> {
        Before::read(self.db(), table, id, columns)?
            .json()
            .map(Some)
    }

    /// Marks an item changed now.
    pub(super) fn touch(&self, rowid: i64, actor: &Actor) -> Result<()> {
        self.db().exec(
            "marking the item changed",
            "UPDATE recommendation SET updated_at = ?1 WHERE id = ?2",
            params![actor.at, rowid],
        )?;
        Ok(())
    }
}
