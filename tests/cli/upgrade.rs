//! Upgrades: a database of every released schema version, opened by the current tiptrack, ends
//! up at the newest version with every row of the user's work still there, with the same id and
//! the same values in every column the old version had.
//!
//! `tests/fixtures/schema-v1.sql` is version 1's schema (the rows are inserted below);
//! `schema-v2.sql` to `schema-v5.sql` and `schema-v7.sql` are dumps of databases made by the
//! binaries that shipped those versions, holding imports, status changes, notes, evidence,
//! classifications, links and decisions on suggestions, and in `schema-v7.sql` the corrections
//! and undo of version 6 (see `tests/fixtures/UPGRADES.md`).

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::Value;

use crate::Sandbox;

/// The tables whose rows are the user's work or what it refers to.
pub const TABLES: &[&str] = &[
    "narrative",
    "recommendation",
    "note",
    "evidence",
    "event",
    "link",
    "link_rejection",
];

/// The user's work kept in tables of later versions, compared too where the fixture has them:
/// `command` (version 6), which the events' `command` and the deleted notes and evidence refer
/// to, and which `undo` reads.
const LATER_TABLES: &[&str] = &["command"];

/// Version 1 as released has no data fixture: these rows stand for a user's work on it (as
/// `src/store/tests.rs` does), with a non-ASCII note.
const V1_ROWS: &str = "
INSERT INTO narrative (id, country, iso3, year, tier, source_name, content_hash, imported_at,
    updated_at) VALUES (1, 'Kazakhstan', 'KAZ', 2011, 'Tier 2', 'tip-2011-kazakhstan.txt',
    'ab12', '2026-11-28T15:00:00Z', '2026-11-28T15:00:00Z');
INSERT INTO narrative_text (narrative_id, full_text) VALUES (1, 'KAZAKHSTAN (Tier 2) ...');
INSERT INTO section (narrative_id, position, kind, heading, body)
    VALUES (1, 1, 'recommendations', 'Recommendations for Kazakhstan', 'Do it; do that');
INSERT INTO recommendation (id, narrative_id, code, seq, position, text, truncated, area, action,
    classified_by, status, created_at, updated_at) VALUES
    (1, 1, 'KAZ-2011-1', 1, 1, 'Do it', 0, 'prevention', 'specific', 'rules', 'addressed',
     '2026-11-28T15:00:00Z', '2026-11-28T15:10:00Z'),
    (2, 1, 'KAZ-2011-2', 2, 2, 'do that', 1, 'prosecution', 'general', 'user', 'in-progress',
     '2026-11-28T15:00:00Z', '2026-11-28T15:20:00Z');
INSERT INTO note (id, recommendation_id, text, author, created_at) VALUES
    (3, 1, 'Ministère de l''Intérieur — confirmé', 'ann', '2026-11-28T15:11:00Z');
INSERT INTO evidence (id, recommendation_id, report_year, quote, source, action_date, added_by,
    added_at) VALUES
    (5, 1, 2012, 'The government did it.', 'https://www.state.gov/', '2012-03-15', 'ann',
     '2026-11-28T15:12:00Z'),
    (6, 2, 2012, 'Some of that.', NULL, NULL, 'bob', '2026-11-28T15:13:00Z');
INSERT INTO event (id, narrative_id, recommendation_id, kind, old_value, new_value, note,
    effective_date, actor, at) VALUES
    (1, 1, NULL, 'import', NULL, 'tip-2011-kazakhstan.txt', NULL, NULL, 'ann',
     '2026-11-28T15:00:00Z'),
    (2, 1, 1, 'created', NULL, 'Do it', NULL, NULL, 'ann', '2026-11-28T15:00:00Z'),
    (3, 1, 2, 'created', NULL, 'do that', NULL, NULL, 'ann', '2026-11-28T15:00:00Z'),
    (7, 1, 1, 'status', 'open', 'addressed', 'Ministère — fait', '2012-03-15', 'ann',
     '2026-11-28T15:10:00Z'),
    (8, 1, 1, 'note', NULL, 'Ministère de l''Intérieur — confirmé', NULL, NULL, 'ann',
     '2026-11-28T15:11:00Z'),
    (9, 1, 1, 'evidence', NULL, '[2012] The government did it.', NULL, '2012-03-15', 'ann',
     '2026-11-28T15:12:00Z'),
    (10, 1, 2, 'evidence', NULL, '[2012] Some of that.', NULL, NULL, 'bob',
     '2026-11-28T15:13:00Z'),
    (11, 1, 2, 'action', 'continuing', 'general', NULL, NULL, 'bob', '2026-11-28T15:14:00Z'),
    (12, 1, 2, 'status', 'open', 'in-progress', NULL, '2012-01-10', 'bob',
     '2026-11-28T15:20:00Z');
";

struct Fixture {
    name: &'static str,
    version: i64,
    sql: &'static str,
    rows: &'static str,
}

/// One table's rows as the old version held them, by primary key.
struct Table {
    columns: Vec<String>,
    key: Vec<String>,
    rows: BTreeMap<String, Vec<Value>>,
}

fn columns(conn: &Connection, table: &str) -> (Vec<String>, Vec<String>) {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT name, pk FROM pragma_table_info('{table}') ORDER BY cid"
        ))
        .unwrap();
    let info: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut key: Vec<(i64, String)> = info
        .iter()
        .filter(|(_, pk)| *pk > 0)
        .map(|(name, pk)| (*pk, name.clone()))
        .collect();
    key.sort();
    let names = info.into_iter().map(|(name, _)| name).collect();
    (names, key.into_iter().map(|(_, name)| name).collect())
}

/// The rows of `table`, the given columns of each, keyed by its primary key ("id 7",
/// "earlier_id 6, later_id 11").
fn rows(
    conn: &Connection,
    table: &str,
    columns: &[String],
    key: &[String],
) -> BTreeMap<String, Vec<Value>> {
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let at: Vec<usize> = key
        .iter()
        .map(|k| columns.iter().position(|c| c == k).unwrap())
        .collect();
    let mut stmt = conn
        .prepare(&format!("SELECT {list} FROM \"{table}\""))
        .unwrap();
    let all: Vec<Vec<Value>> = stmt
        .query_map([], |r| (0..columns.len()).map(|i| r.get(i)).collect())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = BTreeMap::new();
    for row in all {
        let name = key
            .iter()
            .zip(&at)
            .map(|(k, &i)| format!("{k} {}", show_value(&row[i])))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(
            out.insert(name.clone(), row).is_none(),
            "{table}: {name} twice"
        );
    }
    out
}

fn show_value(value: &Value) -> String {
    match value {
        Value::Null => "NULL".into(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => format!("{s:?}"),
        Value::Blob(b) => format!("blob of {} bytes", b.len()),
    }
}

/// A stored value as the JSON output gives it.
fn json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(f) => (*f).into(),
        Value::Text(s) => s.as_str().into(),
        Value::Blob(_) => panic!("no blobs in tiptrack's tables"),
    }
}

fn user_version(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn schema(db: &Path) -> Vec<String> {
    Connection::open(db)
        .unwrap()
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// One old table's rows, each as column name -> value.
fn records(table: &Table) -> Vec<BTreeMap<&str, &Value>> {
    table
        .rows
        .values()
        .map(|row| {
            table
                .columns
                .iter()
                .map(String::as_str)
                .zip(row.iter())
                .collect()
        })
        .collect()
}

fn int(value: &Value) -> i64 {
    match value {
        Value::Integer(i) => *i,
        other => panic!("not an integer: {other:?}"),
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        other => panic!("not a text: {other:?}"),
    }
}

fn check(fixture: &Fixture) {
    let name = fixture.name;
    let sandbox = Sandbox::empty();
    let old: BTreeMap<&str, Table> = {
        let conn = Connection::open(&sandbox.db).unwrap();
        conn.execute_batch(fixture.sql)
            .unwrap_or_else(|e| panic!("{name}: loading the dump: {e}"));
        conn.execute_batch(fixture.rows).unwrap();
        conn.pragma_update(None, "user_version", fixture.version)
            .unwrap();
        TABLES
            .iter()
            .chain(LATER_TABLES)
            .filter(|t| !columns(&conn, t).0.is_empty())
            .map(|&t| {
                let (columns, key) = columns(&conn, t);
                assert!(!key.is_empty(), "{name}: {t} has no primary key");
                let rows = rows(&conn, t, &columns, &key);
                (t, Table { columns, key, rows })
            })
            .collect()
    };
    for table in ["narrative", "recommendation", "event"] {
        assert!(
            !old[table].rows.is_empty(),
            "{name}: the fixture has no {table} rows"
        );
    }

    // The first command opens the old file: that upgrades it.
    let listed = sandbox.json(&["list"]);
    assert!(listed.is_array(), "{name}: list --format json: {listed}");

    let fresh = Sandbox::blank();
    fresh.run(&["list"]).success();
    let newest = user_version(&fresh.db);
    assert!(newest >= fixture.version, "{name}: newest version {newest}");
    assert_eq!(
        user_version(&sandbox.db),
        newest,
        "{name}: user_version after the upgrade"
    );
    assert_eq!(
        schema(&sandbox.db),
        schema(&fresh.db),
        "{name}: the upgraded schema is a new database's"
    );

    let conn = Connection::open(&sandbox.db).unwrap();
    for (table_name, table) in &old {
        let (now, _) = columns(&conn, table_name);
        for column in &table.columns {
            assert!(
                now.contains(column),
                "{name}: table {table_name} lost its column {column}"
            );
        }
        let kept = rows(&conn, table_name, &table.columns, &table.key);
        for (key, row) in &table.rows {
            let Some(now) = kept.get(key) else {
                panic!("{name}: table {table_name}: the row with {key} is gone: {row:?}")
            };
            for ((column, was), is) in table.columns.iter().zip(row).zip(now) {
                assert_eq!(
                    is, was,
                    "{name}: table {table_name}, {key}: column {column} changed (left: after the upgrade, right: before)"
                );
            }
        }
    }

    // Through the CLI: each item's notes and accepted evidence, and every event.
    let codes: BTreeMap<i64, String> = records(&old["recommendation"])
        .iter()
        .map(|r| (int(r["id"]), text(r["code"])))
        .collect();
    let code = |id: &Value| codes[&int(id)].clone();
    // A note or evidence deleted (version 6) is kept in its table but not shown.
    let standing =
        |row: &BTreeMap<&str, &Value>| row.get("deleted").is_none_or(|d| **d == Value::Null);
    let mut notes: BTreeMap<String, Vec<BTreeMap<&str, &Value>>> = BTreeMap::new();
    for note in records(&old["note"]).into_iter().filter(standing) {
        notes
            .entry(code(note["recommendation_id"]))
            .or_default()
            .push(note);
    }
    let mut evidence: BTreeMap<String, Vec<BTreeMap<&str, &Value>>> = BTreeMap::new();
    for item in records(&old["evidence"]) {
        // Before version 3 all evidence was accepted; `show` lists only the accepted.
        let accepted = item.get("state").is_none_or(|s| text(s) == "accepted");
        if accepted && standing(&item) {
            evidence
                .entry(code(item["recommendation_id"]))
                .or_default()
                .push(item);
        }
    }
    let mut events: BTreeMap<String, Vec<BTreeMap<&str, &Value>>> = BTreeMap::new();
    let all_events = records(&old["event"]);
    for event in &all_events {
        if *event["recommendation_id"] != Value::Null {
            events
                .entry(code(event["recommendation_id"]))
                .or_default()
                .push(event.clone());
        }
    }

    let with_work: std::collections::BTreeSet<&String> =
        notes.keys().chain(evidence.keys()).collect();
    assert!(!with_work.is_empty(), "{name}: no notes or evidence");
    for id in with_work {
        let shown = sandbox.json(&["show", id]);
        let listed = |field: &str| -> BTreeMap<i64, serde_json::Value> {
            shown[field]
                .as_array()
                .unwrap_or_else(|| panic!("{name}: show {id}: no {field}: {shown}"))
                .iter()
                .map(|e| (e["id"].as_i64().unwrap(), e.clone()))
                .collect()
        };
        let shown_notes = listed("notes");
        for note in notes.get(id).into_iter().flatten() {
            let nid = int(note["id"]);
            let Some(got) = shown_notes.get(&nid) else {
                panic!("{name}: show {id} lost note {nid}: {shown}")
            };
            for (field, column) in [("text", "text"), ("author", "author")] {
                assert_eq!(
                    got[field],
                    json(note[column]),
                    "{name}: show {id}: note {nid}: {field}"
                );
            }
        }
        let shown_evidence = listed("evidence");
        for item in evidence.get(id).into_iter().flatten() {
            let eid = int(item["id"]);
            let Some(got) = shown_evidence.get(&eid) else {
                panic!("{name}: show {id} lost evidence {eid}: {shown}")
            };
            for (field, column) in [
                ("text", "quote"),
                ("year", "report_year"),
                ("source", "source"),
                ("date", "action_date"),
                ("added_by", "added_by"),
            ] {
                assert_eq!(
                    got[field],
                    json(item[column]),
                    "{name}: show {id}: evidence {eid}: {field}"
                );
            }
        }
    }

    let same_event = |context: &str, got: &serde_json::Value, event: &BTreeMap<&str, &Value>| {
        let eid = int(event["id"]);
        for (field, column) in [
            ("kind", "kind"),
            ("old_value", "old_value"),
            ("new_value", "new_value"),
            ("note", "note"),
            ("date", "effective_date"),
            ("actor", "actor"),
            ("at", "at"),
        ] {
            assert_eq!(
                got[field],
                json(event[column]),
                "{name}: {context}: event {eid}: {field}"
            );
        }
    };
    let by_id = |history: serde_json::Value| -> BTreeMap<i64, serde_json::Value> {
        history
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["id"].as_i64().unwrap(), e.clone()))
            .collect()
    };
    for (id, old_events) in &events {
        let history = by_id(sandbox.json(&["history", id]));
        for event in old_events {
            let eid = int(event["id"]);
            let Some(got) = history.get(&eid) else {
                panic!("{name}: history {id} lost event {eid}: {event:?}")
            };
            same_event(&format!("history {id}"), got, event);
        }
    }
    let history = by_id(sandbox.json(&["history"]));
    for event in &all_events {
        let eid = int(event["id"]);
        let Some(got) = history.get(&eid) else {
            panic!("{name}: history lost event {eid}: {event:?}")
        };
        same_event("history", got, event);
    }
}

#[test]
fn a_version_1_database_upgrades_keeping_every_row() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    check(&Fixture {
        name: "schema-v1.sql",
        version: 1,
        sql: include_str!("../fixtures/schema-v1.sql"),
        rows: V1_ROWS,
    });
}

#[test]
fn a_version_2_database_upgrades_keeping_every_row() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    check(&Fixture {
        name: "schema-v2.sql",
        version: 2,
        sql: include_str!("../fixtures/schema-v2.sql"),
        rows: "",
    });
}

#[test]
fn a_version_3_database_upgrades_keeping_every_row() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    check(&Fixture {
        name: "schema-v3.sql",
        version: 3,
        sql: include_str!("../fixtures/schema-v3.sql"),
        rows: "",
    });
}

#[test]
fn a_version_4_database_upgrades_keeping_every_row() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    check(&Fixture {
        name: "schema-v4.sql",
        version: 4,
        sql: include_str!("../fixtures/schema-v4.sql"),
        rows: "",
    });
}

#[test]
fn a_version_5_database_upgrades_keeping_every_row() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    check(&Fixture {
        name: "schema-v5.sql",
        version: 5,
        sql: include_str!("../fixtures/schema-v5.sql"),
        rows: "",
    });
}

#[test]
fn a_version_7_database_upgrades_keeping_every_row() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    check(&Fixture {
        name: "schema-v7.sql",
        version: 7,
        sql: include_str!("../fixtures/schema-v7.sql"),
        rows: "",
    });
}

/// What was recorded before version 6 has no command: undo leaves it alone. What is recorded
/// after the upgrade is undone as on a new database.
#[test]
fn after_the_upgrade_to_version_6_only_new_commands_are_undone() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    let sandbox = Sandbox::empty();
    {
        let conn = Connection::open(&sandbox.db).unwrap();
        conn.execute_batch(include_str!("../fixtures/schema-v5.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 5).unwrap();
    }
    sandbox.run(&["list"]).success();
    let before = sandbox.dump();
    let out = sandbox
        .run(&["undo", "--by", "ann"])
        .code(1)
        .get_output()
        .clone();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("tiptrack: nothing to undo: ann has no command left to undo"),
    );
    assert_eq!(sandbox.dump(), before);

    sandbox
        .run(&["status", "KAZ-2011-1", "addressed", "--by", "ann"])
        .success();
    sandbox.run(&["undo", "--by", "ann"]).success();
    assert_eq!(
        sandbox.json(&["show", "KAZ-2011-1"])["status"],
        "in-progress"
    );
    let history = sandbox.json(&["history", "KAZ-2011-1"]);
    assert_eq!(history[0]["kind"], "status");
    assert_eq!(history[0]["old_value"], "addressed");
    assert_eq!(history[0]["new_value"], "in-progress");
    // The status set before version 6 is the ask's again, with its date.
    let asks = sandbox.json(&["asks", "--country", "KAZ"]);
    let ask = asks
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "KAZ-2011-1")
        .unwrap();
    assert_eq!(ask["status_date"], "2012-01-10");
    // Its earlier changes stay where they were: undo again finds nothing.
    sandbox.run(&["undo", "--by", "ann"]).code(1);
}

/// After the upgrade to asks, each item shows its ask's status: the one set last through any
/// of the ask's items (the fixtures set KAZ-2011-4 addressed, then its 2012 repeat
/// not-addressed), and the ask's notes are shown on every item of it.
#[test]
fn upgraded_items_are_attached_to_their_asks() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    for (name, version, sql) in [
        (
            "schema-v2.sql",
            2,
            include_str!("../fixtures/schema-v2.sql"),
        ),
        (
            "schema-v3.sql",
            3,
            include_str!("../fixtures/schema-v3.sql"),
        ),
        (
            "schema-v4.sql",
            4,
            include_str!("../fixtures/schema-v4.sql"),
        ),
    ] {
        let sandbox = Sandbox::empty();
        {
            let conn = Connection::open(&sandbox.db).unwrap();
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        let items = sandbox.json(&["list", "--country", "KAZ"]);
        let item = |id: &str| {
            items
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["id"] == id)
                .unwrap_or_else(|| panic!("{name}: {id} missing"))
                .clone()
        };
        let repeat = item("KAZ-2012-2");
        assert_eq!(repeat["ask"], "KAZ-2011-4", "{name}");
        assert_eq!(repeat["status"], "not-addressed", "{name}");
        assert_eq!(item("KAZ-2011-4")["status"], "not-addressed", "{name}");
        // The user's link KAZ-2011-1 -> KAZ-2012-1 makes them one ask, in progress.
        assert_eq!(item("KAZ-2012-1")["ask"], "KAZ-2011-1", "{name}");
        assert_eq!(item("KAZ-2012-1")["status"], "in-progress", "{name}");
        // Unlinked by the user: an ask of its own, with nothing recorded.
        assert_eq!(item("KAZ-2012-3")["ask"], "KAZ-2012-3", "{name}");
        assert_eq!(item("KAZ-2012-3")["status"], "open", "{name}");
        assert_eq!(item("KAZ-2011-6")["status"], "superseded", "{name}");
        let shown = sandbox.json(&["show", "KAZ-2012-2"]);
        let notes: Vec<&str> = shown["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap())
            .collect();
        assert!(
            notes.contains(&"Verdicts seen: Astana city court, two officers"),
            "{name}: {notes:?}"
        );
        let asks = sandbox.json(&["asks", "--country", "KAZ"]);
        assert_eq!(asks.as_array().unwrap().len(), 9, "{name}: {asks}");
    }
}

/// An `addressed` an older version recorded without --date is judged as `status` judges one
/// now: asked again only by a report later than those the ask had when it was marked.
#[test]
fn an_undated_addressed_from_before_asks_is_not_flagged_by_reports_already_seen() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    let sandbox = Sandbox::empty();
    {
        let conn = Connection::open(&sandbox.db).unwrap();
        conn.execute_batch(include_str!("../fixtures/schema-v4.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 4).unwrap();
        // GEO-2009-3, repeated in 2010, marked addressed after both were imported.
        conn.execute_batch(
            "UPDATE recommendation SET status = 'addressed' WHERE code = 'GEO-2009-3';
             INSERT INTO event (narrative_id, recommendation_id, kind, old_value, new_value,
                 actor, at)
             SELECT narrative_id, id, 'status', 'open', 'addressed', 'ann', '2026-12-02T23:59:59Z'
             FROM recommendation WHERE code = 'GEO-2009-3';",
        )
        .unwrap();
    }
    let asks = sandbox.json(&["asks", "--country", "GEO"]);
    let ask = asks
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "GEO-2009-3")
        .unwrap()
        .clone();
    assert_eq!(ask["years"], serde_json::json!([2009, 2010]));
    assert_eq!(ask["status"], "addressed");
    assert_eq!(ask["asked_again"], false);
    let today = chrono::Utc::now().date_naive().to_string();
    let live = sandbox.json(&["report", "--country", "GEO"]);
    let replayed = sandbox.json(&["report", "--country", "GEO", "--as-of", &today]);
    assert_eq!(live["total"], replayed["total"]);
}

/// The upgrade to version 8 writes new text for six tables' CHECKs without rebuilding them: a
/// table that is not as version 7 made it (here, a column added by hand) is refused, naming it,
/// and the database stays at version 7, untouched. A value the old CHECK refused is refused
/// after the upgrade too.
#[test]
fn the_upgrade_to_version_8_refuses_a_table_it_does_not_know() {
    crate::sqlite_only!("upgrades SQLite files made by earlier versions");
    let sandbox = Sandbox::empty();
    {
        let conn = Connection::open(&sandbox.db).unwrap();
        conn.execute_batch(include_str!("../fixtures/schema-v7.sql"))
            .unwrap();
        conn.execute_batch("ALTER TABLE evidence ADD COLUMN mine TEXT")
            .unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
    }
    let before = schema(&sandbox.db);
    let out = sandbox.run(&["list"]).failure().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("version 7 to 8")
            && err.contains("the table evidence is not as version 7 made it"),
        "{err}"
    );
    assert_eq!(user_version(&sandbox.db), 7);
    assert_eq!(schema(&sandbox.db), before);

    let sandbox = Sandbox::empty();
    {
        let conn = Connection::open(&sandbox.db).unwrap();
        conn.execute_batch(include_str!("../fixtures/schema-v7.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
    }
    sandbox.run(&["list"]).success();
    assert_eq!(user_version(&sandbox.db), 8);
    let conn = Connection::open(&sandbox.db).unwrap();
    let refused = conn
        .execute("UPDATE evidence SET state = 'maybe' WHERE id = 1", [])
        .unwrap_err()
        .to_string();
    assert!(refused.contains("CHECK constraint failed"), "{refused}");
    let refused = conn
        .execute(
            "INSERT INTO event (narrative_id, kind, actor, at) VALUES (1, 'other', 'ann', 't')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(refused.contains("CHECK constraint failed"), "{refused}");
}
