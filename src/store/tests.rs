//! Store tests on in-memory databases.

use anyhow::bail;
use pretty_assertions::assert_eq;

use super::*;
use crate::model::{Actor, Filter, NarrativeImport, NewEvidence, Status};
use crate::parse;

const SEED: &[u8] = include_bytes!("../../tests/fixtures/tip-2011-kazakhstan.txt");

fn actor() -> Actor {
    Actor {
        name: "tester".into(),
        at: "2026-01-01T00:00:00Z".into(),
    }
}

fn seed_import(text: &str) -> NarrativeImport {
    let parsed = parse::parse_bytes(text.as_bytes(), parse::EncodingChoice::Auto)
        .unwrap()
        .narratives
        .remove(0);
    NarrativeImport {
        country: "Kazakhstan".into(),
        iso3: "KAZ".into(),
        year: 2011,
        tier: parsed.tier,
        source_name: "seed.txt".into(),
        encoding: "UTF-8".into(),
        parsed,
    }
}

fn seed_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let import = seed_import(std::str::from_utf8(SEED).unwrap());
    store
        .write(|w| w.import_narrative(&import, None, &actor()))
        .unwrap();
    store
}

/// Every row of every table, as text, to compare whole databases.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    let tables: Vec<String> = store
        .sqlite("the tests")
        .unwrap()
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for table in tables {
        let mut stmt = store
            .sqlite("the tests")
            .unwrap()
            .prepare(&format!("SELECT * FROM {table}"))
            .unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                let cells: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(|r| r.unwrap()));
    }
    out
}

#[test]
fn the_schema_applies() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(
        migrate::user_version(store.sqlite("the tests").unwrap()).unwrap(),
        migrate::SCHEMA_VERSION
    );
    let strict_tables: i64 = store
        .sqlite("the tests")
        .unwrap()
        .query_row(
            "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND strict = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(strict_tables, 14, "every table is STRICT");
    let foreign_keys: bool = store
        .sqlite("the tests")
        .unwrap()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(foreign_keys);
}

#[test]
fn constraints_reject_bad_values() {
    let store = seed_store();
    let bad_status = store.sqlite("the tests").unwrap().execute(
        "UPDATE recommendation SET status = 'done' WHERE code = 'KAZ-2011-1'",
        [],
    );
    assert!(
        bad_status
            .unwrap_err()
            .to_string()
            .contains("CHECK constraint failed")
    );
    let bad_tier = store
        .sqlite("the tests")
        .unwrap()
        .execute("UPDATE narrative SET tier = 'Tier 4'", []);
    assert!(bad_tier.is_err());
    let bad_date = store.sqlite("the tests").unwrap().execute(
        "INSERT INTO evidence (recommendation_id, report_year, quote, action_date, added_by, \
         added_at) VALUES (1, 2012, 'q', '2012-02-30', 'x', 'y')",
        [],
    );
    assert!(bad_date.is_err(), "February 30th is not a date");
    let orphan = store.sqlite("the tests").unwrap().execute(
        "INSERT INTO note (recommendation_id, text, author, created_at) VALUES (999, 'n', 'x', 'y')",
        [],
    );
    assert!(orphan.unwrap_err().to_string().contains("FOREIGN KEY"));
}

#[test]
fn the_history_is_append_only() {
    let store = seed_store();
    assert!(
        store
            .sqlite("the tests")
            .unwrap()
            .execute("DELETE FROM event", [])
            .is_err()
    );
    assert!(
        store
            .sqlite("the tests")
            .unwrap()
            .execute("UPDATE event SET actor = 'x'", [])
            .is_err()
    );
}

#[test]
fn a_failed_transaction_leaves_no_trace() {
    let mut store = seed_store();
    let before = dump(&store);
    let result: Result<()> = store.write(|w| {
        w.set_status("KAZ-2011-4", Status::Addressed, Some("n"), None, &actor())?;
        w.add_note("KAZ-2011-4", "a note", &actor())?;
        bail!("something failed after the changes")
    });
    assert!(result.is_err());
    assert_eq!(dump(&store), before);
}

#[test]
fn an_unknown_id_suggests_close_ones() {
    let store = seed_store();
    let err = store.recommendation("KAZ-2011-12").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown recommendation ID 'KAZ-2011-12'; did you mean KAZ-2011-1, KAZ-2011-2, KAZ-2011-3?"
    );
    assert_eq!(store.recommendation("kaz-2011-4").unwrap().id, "KAZ-2011-4");
}

#[test]
fn setting_the_same_status_records_nothing() {
    let mut store = seed_store();
    let change = store
        .write(|w| w.set_status("KAZ-2011-4", Status::Addressed, None, None, &actor()))
        .unwrap();
    assert!(matches!(change, StatusChange::Changed { .. }));
    let before = dump(&store);
    let again = store
        .write(|w| w.set_status("kaz-2011-4", Status::Addressed, None, None, &actor()))
        .unwrap();
    assert_eq!(
        again,
        StatusChange::Unchanged {
            id: "KAZ-2011-4".into(),
            ask: "KAZ-2011-4".into(),
            status: Status::Addressed,
            noted: false,
        }
    );
    assert_eq!(dump(&store), before);

    // A note given with the same status is not lost: it becomes a note.
    store
        .write(|w| {
            w.set_status(
                "KAZ-2011-4",
                Status::Addressed,
                Some("seen again"),
                None,
                &actor(),
            )
        })
        .unwrap();
    let detail = store.recommendation_detail("KAZ-2011-4").unwrap();
    assert_eq!(detail.notes[0].text, "seen again");
}

#[test]
fn reimporting_the_same_text_changes_nothing() {
    let mut store = seed_store();
    let before = dump(&store);
    let import = seed_import(std::str::from_utf8(SEED).unwrap());
    let (outcome, items) = store
        .write(|w| w.import_narrative(&import, None, &actor()))
        .unwrap();
    assert_eq!(outcome, ImportOutcome::Unchanged);
    assert_eq!(items.len(), 8);
    assert_eq!(dump(&store), before);
}

#[test]
fn reimporting_a_changed_text_keeps_what_users_recorded() {
    let mut store = seed_store();
    store
        .write(|w| {
            w.set_status(
                "KAZ-2011-4",
                Status::Addressed,
                Some("convictions"),
                None,
                &actor(),
            )?;
            w.set_status("KAZ-2011-3", Status::InProgress, None, None, &actor())?;
            w.set_status("KAZ-2011-8", Status::NotAddressed, None, None, &actor())?;
            w.add_note("KAZ-2011-8", "still nothing", &actor())?;
            w.add_evidence(
                "KAZ-2011-4",
                &NewEvidence {
                    year: 2012,
                    text: "The government convicted three officials.".into(),
                    source: None,
                    date: None,
                },
                &actor(),
            )
        })
        .unwrap();

    // The revised text swaps the first two clauses, rewords the third, drops the last and
    // adds a new one.
    let text = std::str::from_utf8(SEED)
        .unwrap()
        .replace(
            "Increase efforts to identify foreign victims of both forced prostitution and forced \
             labor, including through expanded training of police officers and government \
             officials in victim identification and assistance; work to ensure that foreign \
             victims of trafficking receive assistance;",
            "work to ensure that foreign victims of trafficking receive assistance; Increase \
             efforts to identify foreign victims of both forced prostitution and forced labor, \
             including through expanded training of police officers and government officials in \
             victim identification and assistance;",
        )
        .replace(
            "increase efforts to identify labor trafficking victims",
            "increase efforts to identify labor-trafficking victims",
        )
        .replace(
            "; and continue to strengthen the capacity of police, prosecutors and judges to \
             investigate, prosecute, and adjudicate trafficking cases.",
            "; and adopt a national referral mechanism.",
        );
    let import = seed_import(&text);
    assert_eq!(import.parsed.recommendations.len(), 8);
    let (outcome, items) = store
        .write(|w| w.import_narrative(&import, None, &actor()))
        .unwrap();
    assert_eq!(
        outcome,
        ImportOutcome::Updated(ImportSummary {
            reworded: vec!["KAZ-2011-3".into()],
            added: vec!["KAZ-2011-9".into()],
            removed: vec!["KAZ-2011-8".into()],
            moved: vec!["KAZ-2011-2".into(), "KAZ-2011-1".into()],
            restored: vec![],
        })
    );
    let order: Vec<(&str, Status)> = items.iter().map(|r| (r.id.as_str(), r.status)).collect();
    assert_eq!(
        order,
        [
            ("KAZ-2011-2", Status::Open),
            ("KAZ-2011-1", Status::Open),
            ("KAZ-2011-3", Status::InProgress),
            ("KAZ-2011-4", Status::Addressed),
            ("KAZ-2011-5", Status::Open),
            ("KAZ-2011-6", Status::Open),
            ("KAZ-2011-7", Status::Open),
            ("KAZ-2011-9", Status::Open),
        ]
    );
    assert!(items[2].text.contains("labor-trafficking"));

    // The dropped item keeps its status and note; it is only no longer in the text.
    let dropped = store.recommendation_detail("KAZ-2011-8").unwrap();
    assert_eq!(dropped.recommendation.position, None);
    assert_eq!(dropped.recommendation.status, Status::NotAddressed);
    assert_eq!(dropped.notes.len(), 1);
    assert_eq!(dropped.history[0].kind, "removed");
    assert_eq!(
        store
            .list_evidence(Some("KAZ-2011-4"), "accepted", None)
            .unwrap()
            .len(),
        1
    );

    let reworded = store.history(Some("KAZ-2011-3"), None, None, None).unwrap();
    assert_eq!(reworded[0].kind, "text");
    assert!(
        reworded[0]
            .old_value
            .as_deref()
            .unwrap()
            .contains("labor trafficking victims")
    );

    let all = store.list_recommendations(&Filter::default()).unwrap();
    assert_eq!(all.len(), 8, "the dropped item is not listed by default");
    let with_removed = Filter {
        include_removed: true,
        ..Filter::default()
    };
    assert_eq!(store.list_recommendations(&with_removed).unwrap().len(), 9);
}

#[test]
fn an_older_database_file_upgrades_to_the_current_schema() {
    // tests/fixtures/schema-v1.sql is the schema as version 1 shipped it. A database made with
    // it, holding data, must open and end up with exactly the schema a new database gets.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../tests/fixtures/schema-v1.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO narrative (country, iso3, year, tier, source_name, content_hash, \
             imported_at, updated_at) VALUES ('Kazakhstan', 'KAZ', 2011, 'Tier 2', 'seed.txt', \
             'h', 't', 't');
             INSERT INTO narrative_text (narrative_id, full_text) VALUES (1, 'text');
             INSERT INTO recommendation (narrative_id, code, seq, position, text, area, action, \
             status, created_at, updated_at) VALUES (1, 'KAZ-2011-1', 1, 1, 'Do it', \
             'prevention', 'specific', 'addressed', 't', 't');
             INSERT INTO event (id, narrative_id, recommendation_id, kind, old_value, new_value, \
             note, effective_date, actor, at) VALUES (7, 1, 1, 'status', 'open', 'addressed', \
             'done', '2012-03-15', 'ann', 't');",
        )
        .unwrap();
    }
    let upgraded = Store::open(&path).unwrap();
    let fresh = Store::open_in_memory().unwrap();
    let schema = |store: &Store| -> Vec<String> {
        store
            .sqlite("the tests")
            .unwrap()
            .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(schema(&upgraded), schema(&fresh));
    assert_eq!(
        migrate::user_version(upgraded.sqlite("the tests").unwrap()).unwrap(),
        migrate::SCHEMA_VERSION
    );
    let kept = upgraded.recommendation("KAZ-2011-1").unwrap();
    assert_eq!(kept.status, Status::Addressed);
    // The rebuilt history keeps its rows and ids, and stays append-only.
    let history = upgraded
        .history(Some("KAZ-2011-1"), None, None, None)
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (
            history[0].id,
            history[0].kind.as_str(),
            history[0].note.as_deref()
        ),
        (7, "status", Some("done"))
    );
    assert!(
        upgraded
            .sqlite("the tests")
            .unwrap()
            .execute("DELETE FROM event", [])
            .is_err()
    );
}

#[test]
fn a_cut_off_copy_does_not_replace_the_whole_text() {
    let mut store = seed_store();
    store
        .write(|w| w.set_status("KAZ-2011-4", Status::Addressed, None, None, &actor()))
        .unwrap();
    let before = dump(&store);
    // An excerpt that ends inside the fourth recommendation.
    let seed = std::str::from_utf8(SEED).unwrap();
    let cut = &seed[..seed.find("suspected of being complicit").unwrap()];
    let import = seed_import(cut);
    assert!(import.parsed.recommendations[3].truncated);
    let (outcome, items) = store
        .write(|w| w.import_narrative(&import, None, &actor()))
        .unwrap();
    assert_eq!(outcome, ImportOutcome::Excerpt);
    assert_eq!(items.len(), 8);
    assert_eq!(dump(&store), before);
}

#[test]
fn the_whole_text_completes_an_item_a_cut_off_copy_imported() {
    let mut store = Store::open_in_memory().unwrap();
    let seed = std::str::from_utf8(SEED).unwrap();
    let cut = &seed[..seed.find("suspected of being complicit").unwrap()];
    store
        .write(|w| w.import_narrative(&seed_import(cut), None, &actor()))
        .unwrap();
    store
        .write(|w| w.set_status("KAZ-2011-4", Status::InProgress, None, None, &actor()))
        .unwrap();
    let (outcome, items) = store
        .write(|w| w.import_narrative(&seed_import(seed), None, &actor()))
        .unwrap();
    let ImportOutcome::Updated(summary) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(summary.reworded, ["KAZ-2011-4"]);
    assert_eq!(
        summary.added,
        ["KAZ-2011-5", "KAZ-2011-6", "KAZ-2011-7", "KAZ-2011-8"]
    );
    assert_eq!(items[3].status, Status::InProgress);
    assert!(!items[3].truncated);
    assert!(
        items[3]
            .text
            .ends_with("convict and punish any complicit officials")
    );
}

/// A `before` is data: a column name `undo` does not know is refused, never written into SQL,
/// and the refusal leaves the database as it was.
#[test]
fn undo_writes_back_only_the_columns_it_knows() {
    let mut store = seed_store();
    let other = Actor {
        name: "mallory".into(),
        at: "2026-01-02T00:00:00Z".into(),
    };
    store
        .write(|w| w.set_status("KAZ-2011-4", Status::Addressed, None, None, &other))
        .unwrap();
    store
        .sqlite("the tests")
        .unwrap()
        .execute_batch(
            "INSERT INTO command (actor, at) VALUES ('mallory', '2026-01-03T00:00:00Z'); \
             INSERT INTO event (narrative_id, recommendation_id, kind, old_value, new_value, \
             actor, at, command, before) SELECT 1, 1, 'area', 'a', 'b', 'mallory', \
             '2026-01-03T00:00:00Z', max(id), \
             '{\"table\":\"recommendation\",\"id\":1,\"set\":{\"code = 1 --\":\"x\"}}' \
             FROM command",
        )
        .unwrap();
    let before = dump(&store);
    store.next_command();
    let err = store.write(|w| w.undo(&other)).unwrap_err();
    assert!(
        format!("{err:#}").contains("cannot be undone: column code = 1 --"),
        "{err:#}"
    );
    assert_eq!(dump(&store), before);
}

fn import_of(bytes: &[u8], year: i64) -> NarrativeImport {
    let parsed = parse::parse_bytes(bytes, parse::EncodingChoice::Auto)
        .unwrap()
        .narratives
        .remove(0);
    NarrativeImport {
        year,
        tier: parsed.tier,
        source_name: format!("kaz-{year}.txt"),
        parsed,
        ..seed_import(std::str::from_utf8(SEED).unwrap())
    }
}

/// The suggestions awaiting review drawn from one year's narrative, as text, to compare.
fn suggestions(store: &Store, year: i64) -> Vec<String> {
    let conn = store.sqlite("the tests").unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT recommendation_id, narrative_id, start_offset, end_offset, score, reason \
             FROM evidence WHERE state = 'suggested' AND report_year = ?1 ORDER BY 1, 2, 3",
        )
        .unwrap();
    stmt.query_map([year], |r| {
        Ok(format!(
            "{} {} {} {} {:.6} {}",
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, f64>(4)?,
            r.get::<_, String>(5)?
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The seed, then Kazakhstan 2012 and 2013 imported as one import would: 2013 ranked ahead in
/// 2012's transaction. `between` runs between the two transactions.
fn kaz_2012_and_2013(between: impl FnOnce(&Store)) -> Store {
    let mut store = seed_store();
    store.suggest_on_import(true);
    let kaz_2012 = import_of(
        include_bytes!("../../tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt"),
        2012,
    );
    let kaz_2013 = import_of(
        include_bytes!("../../tests/fixtures/quality/kaz-2013-made-for-tests.txt"),
        2013,
    );
    store
        .write(|w| w.import_narrative(&kaz_2012, Some(&kaz_2013), &actor()))
        .unwrap();
    between(&store);
    store
        .write(|w| w.import_narrative(&kaz_2013, None, &actor()))
        .unwrap();
    store
}

/// The 2012 narrative ranked in its own transaction and the 2013 one ranked ahead, in 2012's:
/// both suggest what a recomputation finds.
#[test]
fn a_ranking_started_with_its_narrative_or_ahead_is_what_a_recomputation_finds() {
    let mut store = kaz_2012_and_2013(|_| {});
    let imported = (suggestions(&store, 2012), suggestions(&store, 2013));
    assert!(!imported.0.is_empty() && !imported.1.is_empty());
    store.suggest_evidence(None, &actor()).unwrap();
    assert_eq!(
        imported,
        (suggestions(&store, 2012), suggestions(&store, 2013))
    );
}

/// An import ranks the narrative it stores next ahead, in the transaction before. If what that
/// ranking read changed in between (another process's write), the narrative is ranked again:
/// its suggestions are those a recomputation finds.
#[test]
fn a_ranking_made_ahead_is_not_taken_if_an_earlier_item_changed_in_between() {
    // What another process might do between the two transactions: an earlier item reads
    // otherwise (its old text was about victim identification, the new one about campaigns).
    let mut store = kaz_2012_and_2013(|store| {
        let changed = store
            .sqlite("the tests")
            .unwrap()
            .execute(
                "UPDATE recommendation SET text = 'Launch awareness campaigns on the forced \
                 labor of migrant workers.' WHERE code = 'KAZ-2011-1'",
                [],
            )
            .unwrap();
        assert_eq!(changed, 1);
    });
    let imported = suggestions(&store, 2013);
    assert!(
        imported.iter().any(|s| s.contains("campaign")),
        "{imported:#?}"
    );
    store.suggest_evidence(None, &actor()).unwrap();
    assert_eq!(imported, suggestions(&store, 2013));
}
