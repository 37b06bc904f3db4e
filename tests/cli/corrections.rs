//! Corrections (issue 11, point 1): rejected evidence listed; notes and evidence edited and
//! deleted, dates corrected, each recorded with its old value in the history; `undo` of a
//! user's last command; `remove COUNTRY YEAR`; taking back a review decision.

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::{SEED, Sandbox, error_line};

/// Made for the tests: a 2012 Kazakhstan narrative whose sentences are suggested as evidence.
const KAZ_2012: &str = "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt";

fn both_years() -> Sandbox {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["import", KAZ_2012]).success();
    sandbox
}

fn array(value: Value) -> Vec<Value> {
    value.as_array().unwrap().clone()
}

/// The id of the best suggestion for an item.
fn suggestion_for(sandbox: &Sandbox, id: &str) -> String {
    array(sandbox.json(&["evidence", "list", "--suggested", "--each"]))
        .into_iter()
        .find(|e| e["recommendation"] == id)
        .unwrap_or_else(|| panic!("no suggestion for {id}"))["id"]
        .to_string()
}

#[test]
fn evidence_list_rejected_shows_only_the_rejected_suggestions() {
    let sandbox = both_years();
    let rejected = suggestion_for(&sandbox, "KAZ-2011-2");
    let accepted = suggestion_for(&sandbox, "KAZ-2011-1");
    sandbox.run(&["evidence", "reject", &rejected]).success();
    sandbox.run(&["evidence", "accept", &accepted]).success();

    let listed = array(sandbox.json(&["evidence", "list", "--rejected"]));
    let ids: Vec<String> = listed.iter().map(|e| e["id"].to_string()).collect();
    assert_eq!(ids, vec![rejected.clone()]);
    assert_eq!(listed[0]["state"], "rejected");
    assert_eq!(listed[0]["recommendation"], "KAZ-2011-2");
    let for_item = array(sandbox.json(&["evidence", "list", "KAZ-2011-1", "--rejected"]));
    assert_eq!(for_item, Vec::<Value>::new());

    let line = error_line(
        sandbox.run(&["evidence", "list", "--rejected", "--suggested"]),
        2,
    );
    assert!(line.contains("cannot be used with"), "{line}");
}

/// The id of the only note on an item, from `show`.
fn note_id(sandbox: &Sandbox, id: &str) -> String {
    let notes = array(sandbox.json(&["show", id])["notes"].clone());
    assert_eq!(notes.len(), 1, "{notes:?}");
    notes[0]["id"].to_string()
}

#[test]
fn a_note_edited_then_deleted_keeps_every_text_in_the_history() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["note", "KAZ-2011-4", "Verdicts seen: two officers"])
        .success();
    let nid = note_id(&sandbox, "KAZ-2011-4");

    sandbox
        .run(&[
            "note",
            "edit",
            &nid,
            "Verdicts seen: three officers",
            "--by",
            "ann",
        ])
        .success()
        .stderr(format!("note {nid} (KAZ-2011-4): edited\n"));
    let shown = sandbox.json(&["show", "KAZ-2011-4"]);
    assert_eq!(shown["notes"][0]["text"], "Verdicts seen: three officers");
    let history = array(sandbox.json(&["history", "KAZ-2011-4"]));
    assert_eq!(history[0]["kind"], "note-edit");
    assert_eq!(history[0]["old_value"], "Verdicts seen: two officers");
    assert_eq!(history[0]["new_value"], "Verdicts seen: three officers");
    assert_eq!(history[0]["actor"], "ann");
    assert!(
        sandbox
            .stdout(&["history", "KAZ-2011-4", "--width", "0"])
            .contains("(was: Verdicts seen: two officers)")
    );

    sandbox
        .run(&["note", "edit", &nid, "Verdicts seen: three officers"])
        .success()
        .stderr(format!(
            "note {nid} (KAZ-2011-4): already says that; nothing recorded\n"
        ));

    sandbox
        .run(&["note", "delete", &nid])
        .success()
        .stderr(format!(
            "note {nid} (KAZ-2011-4): deleted (it is kept in the history; undo brings it back)\n"
        ));
    assert_eq!(
        array(sandbox.json(&["show", "KAZ-2011-4"])["notes"].clone()),
        Vec::<Value>::new()
    );
    let history = array(sandbox.json(&["history", "KAZ-2011-4"]));
    assert_eq!(history[0]["kind"], "note-delete");
    assert_eq!(history[0]["old_value"], "Verdicts seen: three officers");
    assert_eq!(history.len(), 4, "created, note, note-edit, note-delete");
}

#[test]
fn editing_or_deleting_an_unknown_note_fails_and_changes_nothing() {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["note", "KAZ-2011-4", "kept"]).success();
    let nid = note_id(&sandbox, "KAZ-2011-4");
    sandbox.run(&["note", "delete", &nid]).success();
    let before = sandbox.dump();
    for args in [
        vec!["note", "edit", "999", "text"],
        vec!["note", "delete", "999"],
        vec!["note", "delete", nid.as_str()],
        vec!["note", "edit", nid.as_str(), "again"],
    ] {
        let line = error_line(sandbox.run(&args), 1);
        assert!(
            line.starts_with("tiptrack: no note with id "),
            "{args:?}: {line}"
        );
    }
    let line = error_line(sandbox.run(&["note", "edit", "abc", "text"]), 2);
    assert!(line.contains("invalid value 'abc'"), "{line}");
    assert_eq!(sandbox.dump(), before);
}

/// Adds evidence from the 2012 report, dated 2012-03-15, to KAZ-2011-4; returns its id.
fn add_evidence(sandbox: &Sandbox, more: &[&str]) -> String {
    let mut args = vec![
        "evidence",
        "add",
        "KAZ-2011-4",
        "--year",
        "2012",
        "--date",
        "2012-03-15",
    ];
    args.extend(more);
    sandbox.run(&args).success();
    let listed = array(sandbox.json(&["evidence", "list", "KAZ-2011-4"]));
    listed.last().unwrap()["id"].to_string()
}

#[test]
fn evidence_edited_then_deleted_keeps_its_old_values_in_the_history() {
    let sandbox = Sandbox::seeded();
    let eid = add_evidence(
        &sandbox,
        &[
            "--text",
            "Two officers convicted.",
            "--source",
            "https://www.state.gov/",
        ],
    );

    sandbox
        .run(&[
            "evidence",
            "edit",
            &eid,
            "--date",
            "2012-04-01",
            "--source",
            "",
        ])
        .success()
        .stderr(format!(
            "evidence {eid} (KAZ-2011-4): source https://www.state.gov/ -> none\n\
             evidence {eid} (KAZ-2011-4): date 2012-03-15 -> 2012-04-01\n"
        ));
    let listed = array(sandbox.json(&["evidence", "list", "KAZ-2011-4"]));
    assert_eq!(listed[0]["date"], "2012-04-01");
    assert_eq!(listed[0]["source"], Value::Null);
    assert_eq!(listed[0]["text"], "Two officers convicted.");
    let history = array(sandbox.json(&["history", "KAZ-2011-4"]));
    let kinds: Vec<&str> = history
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["evidence-edit", "evidence-edit", "evidence", "created"]
    );
    assert_eq!(
        history[0]["old_value"],
        format!("evidence {eid} date: 2012-03-15")
    );
    assert_eq!(history[0]["new_value"], "2012-04-01");
    assert_eq!(
        history[1]["old_value"],
        format!("evidence {eid} source: https://www.state.gov/")
    );

    sandbox
        .run(&["evidence", "edit", &eid, "--date", "2012-04-01"])
        .success()
        .stderr(format!("evidence {eid} (KAZ-2011-4): nothing to change\n"));
    let line = error_line(
        sandbox.run(&["evidence", "edit", &eid, "--date", "2012-13-01"]),
        1,
    );
    assert!(
        line.contains("invalid date '2012-13-01' for --date"),
        "{line}"
    );

    sandbox.run(&["evidence", "delete", &eid]).success().stderr(format!(
        "evidence {eid} (KAZ-2011-4): deleted (it is kept in the history; undo brings it back)\n"
    ));
    assert_eq!(
        array(sandbox.json(&["evidence", "list", "KAZ-2011-4"])),
        Vec::<Value>::new()
    );
    let history = array(sandbox.json(&["history", "KAZ-2011-4"]));
    assert_eq!(history[0]["kind"], "evidence-delete");
    assert_eq!(
        history[0]["old_value"],
        format!("evidence {eid}: [2012] Two officers convicted.")
    );

    let before = sandbox.dump();
    for args in [
        vec!["evidence", "delete", eid.as_str()],
        vec!["evidence", "edit", eid.as_str(), "--text", "again"],
        vec!["evidence", "delete", "999"],
    ] {
        let line = error_line(sandbox.run(&args), 1);
        assert!(
            line.starts_with("tiptrack: no evidence with id "),
            "{args:?}: {line}"
        );
    }
    assert_eq!(sandbox.dump(), before);
}

#[test]
fn a_suggestion_is_decided_not_edited() {
    let sandbox = both_years();
    let eid = suggestion_for(&sandbox, "KAZ-2011-1");
    let before = sandbox.dump();
    let line = error_line(sandbox.run(&["evidence", "delete", &eid]), 1);
    assert_eq!(
        line,
        format!(
            "tiptrack: evidence {eid} is a suggestion awaiting review: accept or reject it \
             (tiptrack evidence accept|reject {eid}) rather than edit or delete it"
        )
    );
    assert_eq!(sandbox.dump(), before);
}

#[test]
fn a_status_date_is_corrected_and_the_old_date_kept() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-1",
            "in-progress",
            "--date",
            "2012-01-10",
        ])
        .success();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-1",
            "in-progress",
            "--date",
            "2012-02-01",
            "--note",
            "the decree is dated February",
        ])
        .success()
        .stderr("KAZ-2011-1: in-progress, its date corrected: 2012-01-10 -> 2012-02-01\n");
    let history = array(sandbox.json(&["history", "KAZ-2011-1"]));
    assert_eq!(history[0]["kind"], "date");
    assert_eq!(history[0]["old_value"], "2012-01-10");
    assert_eq!(history[0]["new_value"], "2012-02-01");
    assert_eq!(history[0]["note"], "the decree is dated February");
    assert_eq!(history[1]["kind"], "status");
    assert_eq!(history[1]["date"], "2012-01-10");
    let asks = sandbox.json(&["asks"]);
    assert_eq!(asks[0]["id"], "KAZ-2011-1");
    assert_eq!(asks[0]["status_date"], "2012-02-01");

    // The same date again: nothing to correct.
    sandbox
        .run(&[
            "status",
            "KAZ-2011-1",
            "in-progress",
            "--date",
            "2012-02-01",
        ])
        .success()
        .stderr("KAZ-2011-1: already in-progress; nothing recorded\n");
}

/// The history of one item, as "kind old -> new" lines, newest first.
fn changes(sandbox: &Sandbox, id: &str) -> Vec<String> {
    array(sandbox.json(&["history", id]))
        .iter()
        .map(|e| {
            format!(
                "{} {} -> {}",
                e["kind"].as_str().unwrap(),
                e["old_value"].as_str().unwrap_or("none"),
                e["new_value"].as_str().unwrap_or("none")
            )
        })
        .collect()
}

fn status_of(sandbox: &Sandbox, id: &str) -> String {
    sandbox.json(&["show", id])["status"]
        .as_str()
        .unwrap()
        .to_string()
}

/// What `undo` said, with the command's time taken out.
fn undo_said(sandbox: &Sandbox, args: &[&str]) -> String {
    let mut all = vec!["undo"];
    all.extend(args);
    let out = sandbox.run(&all).success().get_output().stderr.clone();
    let said = String::from_utf8(out).unwrap();
    let (head, rest) = said.split_once(" of ").unwrap();
    let (_, rest) = rest.split_once(' ').unwrap();
    format!("{head} of TIME {rest}")
}

#[test]
fn undo_takes_back_the_last_command_whole_then_the_one_before() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-4",
            "KAZ-2011-1",
            "addressed",
            "--date",
            "2012-03-15",
        ])
        .success();
    sandbox
        .run(&["note", "KAZ-2011-4", "Verdicts seen"])
        .success();

    assert_eq!(
        undo_said(&sandbox, &[]),
        "undone: tester's command of TIME (1 change)\n  KAZ-2011-4: note: Verdicts seen\n"
    );
    assert_eq!(
        array(sandbox.json(&["show", "KAZ-2011-4"])["notes"].clone()),
        Vec::<Value>::new()
    );
    assert_eq!(status_of(&sandbox, "KAZ-2011-4"), "addressed");

    // Again: the command before, both items of it.
    assert_eq!(
        undo_said(&sandbox, &[]),
        "undone: tester's command of TIME (2 changes)\n  \
         KAZ-2011-1: status: open -> addressed\n  KAZ-2011-4: status: open -> addressed\n"
    );
    assert_eq!(status_of(&sandbox, "KAZ-2011-4"), "open");
    assert_eq!(status_of(&sandbox, "KAZ-2011-1"), "open");
    let asks = sandbox.json(&["asks"]);
    assert_eq!(asks[0]["status_date"], Value::Null, "{}", asks[0]);

    // Everything stays in the history, the undoing too.
    assert_eq!(
        changes(&sandbox, "KAZ-2011-4"),
        [
            "status addressed -> open",
            "undo note -> Verdicts seen",
            "note none -> Verdicts seen",
            "status open -> addressed",
            "created none -> investigate and prosecute government officials suspected of being \
             complicit in trafficking and convict and punish any complicit officials",
        ]
    );
    let history = array(sandbox.json(&["history", "KAZ-2011-4"]));
    assert!(
        history[0]["note"]
            .as_str()
            .unwrap()
            .starts_with("undo of tester's command of "),
        "{}",
        history[0]
    );

    // The import before them: its narrative is removed, and importing it again brings it back.
    let said = undo_said(&sandbox, &[]);
    assert!(
        said.starts_with("undone: tester's command of TIME (9 changes)\n  KAZ-2011-8: imported\n"),
        "{said}"
    );
    assert!(
        said.ends_with(&format!("  KAZ 2011: narrative imported from {SEED}\n")),
        "{said}"
    );
    assert_eq!(array(sandbox.json(&["list"])), Vec::<Value>::new());
    assert_eq!(array(sandbox.json(&["history"]))[0]["kind"], "remove");
    sandbox.run(&["import", SEED]).success();
    assert_eq!(array(sandbox.json(&["list"])).len(), 8);
}

#[test]
fn a_link_or_a_reimport_cannot_be_undone() {
    let sandbox = both_years();
    sandbox
        .run(&["unlink", "KAZ-2011-6", "KAZ-2012-3"])
        .success();
    let before = sandbox.dump();
    let line = error_line(sandbox.run(&["undo"]), 1);
    assert!(
        line.starts_with("tiptrack: cannot undo tester's command of ")
            && line.contains(": a link or unlink cannot be undone (only imports of new narratives"),
        "{line}"
    );
    assert_eq!(sandbox.dump(), before);

    let sandbox = both_years();
    sandbox.run(&["remove", "KAZ", "2012", "--yes"]).success();
    sandbox.run(&["import", KAZ_2012]).success();
    let before = sandbox.dump();
    let line = error_line(sandbox.run(&["undo"]), 1);
    assert!(line.contains(": a re-import cannot be undone"), "{line}");
    assert_eq!(sandbox.dump(), before);
}

#[test]
fn undo_with_nothing_to_undo_fails_and_changes_nothing() {
    let sandbox = Sandbox::seeded();
    let before = sandbox.dump();
    let line = error_line(sandbox.run(&["undo", "--by", "ann"]), 1);
    assert_eq!(
        line,
        "tiptrack: nothing to undo: ann has no command left to undo (commands recorded before \
         schema version 6 cannot be undone)"
    );
    assert_eq!(sandbox.dump(), before);
}

#[test]
fn undo_is_refused_when_someone_else_changed_the_item_since() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-3", "in-progress", "--by", "ann"])
        .success();
    sandbox
        .run(&["status", "KAZ-2011-3", "addressed", "--by", "bob"])
        .success();
    let before = sandbox.dump();
    let line = error_line(sandbox.run(&["undo", "--by", "ann"]), 1);
    assert!(
        line.contains("KAZ-2011-3 was changed since by bob at 20")
            && line.ends_with(
                "(status: in-progress -> addressed); undoing would overwrite that change"
            ),
        "{line}"
    );
    assert_eq!(sandbox.dump(), before);

    // Once bob takes his back, ann may take back hers.
    sandbox.run(&["undo", "--by", "bob"]).success();
    assert_eq!(status_of(&sandbox, "KAZ-2011-3"), "in-progress");
    sandbox.run(&["undo", "--by", "ann"]).success();
    assert_eq!(status_of(&sandbox, "KAZ-2011-3"), "open");
}

#[test]
fn undo_takes_back_corrections_and_decisions() {
    let sandbox = both_years();
    sandbox
        .run(&["note", "KAZ-2011-4", "first words"])
        .success();
    let nid = note_id(&sandbox, "KAZ-2011-4");
    sandbox
        .run(&["note", "edit", &nid, "second words"])
        .success();
    sandbox.run(&["note", "delete", &nid]).success();
    sandbox.run(&["undo"]).success();
    let shown = sandbox.json(&["show", "KAZ-2011-4"]);
    assert_eq!(shown["notes"][0]["text"], "second words");
    sandbox.run(&["undo"]).success();
    let shown = sandbox.json(&["show", "KAZ-2011-4"]);
    assert_eq!(shown["notes"][0]["text"], "first words");

    let eid = add_evidence(&sandbox, &["--text", "Convictions."]);
    sandbox
        .run(&["evidence", "edit", &eid, "--date", "2012-04-01"])
        .success();
    sandbox.run(&["undo"]).success();
    let listed = array(sandbox.json(&["evidence", "list", "KAZ-2011-4"]));
    assert_eq!(listed[0]["date"], "2012-03-15");

    let suggestion = suggestion_for(&sandbox, "KAZ-2011-1");
    sandbox
        .run(&[
            "evidence",
            "accept",
            &suggestion,
            "--assessment",
            "progress",
        ])
        .success();
    assert!(suggestion_for(&sandbox, "KAZ-2011-1") != suggestion);
    sandbox.run(&["undo"]).success();
    assert_eq!(suggestion_for(&sandbox, "KAZ-2011-1"), suggestion);
    let listed = array(sandbox.json(&["evidence", "list", "KAZ-2011-1"]));
    assert_eq!(listed, Vec::<Value>::new(), "no longer accepted");

    sandbox
        .run(&[
            "status",
            "KAZ-2011-2",
            "in-progress",
            "--date",
            "2012-01-10",
        ])
        .success();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-2",
            "in-progress",
            "--date",
            "2012-02-01",
        ])
        .success();
    sandbox.run(&["undo"]).success();
    let asks = array(sandbox.json(&["asks"]));
    let ask = asks.iter().find(|a| a["id"] == "KAZ-2011-2").unwrap();
    assert_eq!(ask["status_date"], "2012-01-10");
}

#[test]
fn remove_shows_what_goes_and_needs_yes_in_a_script() {
    let sandbox = both_years();
    sandbox
        .run(&["status", "KAZ-2012-2", "addressed", "--date", "2013-01-15"])
        .success();
    sandbox
        .run(&["note", "KAZ-2012-1", "Shelter opened"])
        .success();
    let before = sandbox.dump();
    let out = sandbox
        .run(&["remove", "Kazakhstan", "2012"])
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Kazakhstan 2012 (KAZ) holds 3 recommendations, 1 status set, 1 note, 0 pieces of \
         evidence, 4 links\n\
         tiptrack: not removed: remove asks at a terminal, and none is attached; give --yes to \
         remove without asking\n"
    );
    assert_eq!(sandbox.dump(), before, "nothing changed");

    let line = error_line(sandbox.run(&["remove", "KAZ", "2013", "--yes"]), 1);
    assert_eq!(
        line,
        "tiptrack: no KAZ report for 2013 is imported (see tiptrack report --country KAZ)"
    );
    assert_eq!(sandbox.dump(), before);
}

/// What the reads show of Kazakhstan: items with their status, asks, report rows.
fn kazakhstan(sandbox: &Sandbox) -> (Vec<String>, usize, usize) {
    let items = array(sandbox.json(&["list", "--country", "KAZ"]))
        .iter()
        .map(|r| format!("{} {} {}", r["id"], r["status"], r["ask"]))
        .collect();
    let asks = array(sandbox.json(&["asks", "--country", "KAZ"])).len();
    let report = array(sandbox.json(&["report", "--country", "KAZ"])["rows"].clone()).len();
    (items, asks, report)
}

#[test]
fn a_removed_narrative_is_gone_from_every_read_and_undo_brings_it_back() {
    let sandbox = both_years();
    sandbox
        .run(&[
            "status",
            "KAZ-2012-2",
            "not-addressed",
            "--date",
            "2013-01-15",
        ])
        .success();
    sandbox
        .run(&["note", "KAZ-2012-1", "Shelter opened"])
        .success();
    let accepted = suggestion_for(&sandbox, "KAZ-2011-1");
    sandbox.run(&["evidence", "accept", &accepted]).success();
    let with_2012 = kazakhstan(&sandbox);
    assert_eq!(with_2012.0.len(), 11);

    sandbox
        .run(&["remove", "KAZ", "2012", "--yes"])
        .success()
        .stderr(
            "Kazakhstan 2012 (KAZ) holds 3 recommendations, 1 status set, 1 note, 0 pieces of \
             evidence, 4 links\n\
             removed Kazakhstan 2012 (kept in the history: tiptrack undo, or importing it \
             again, brings it back)\n",
        );
    let (items, asks, report) = kazakhstan(&sandbox);
    assert_eq!(items.len(), 8);
    assert!(items.iter().all(|i| i.contains("KAZ-2011-")), "{items:?}");
    assert!(items.contains(&"\"KAZ-2011-4\" \"open\" \"KAZ-2011-4\"".to_string()));
    assert_eq!((asks, report), (8, 1));
    let line = error_line(sandbox.run(&["show", "KAZ-2012-1"]), 1);
    assert!(
        line.starts_with("tiptrack: unknown recommendation ID 'KAZ-2012-1'")
            && !line
                .split_once("did you mean")
                .is_some_and(|(_, s)| s.contains("KAZ-2012")),
        "{line}"
    );
    assert_eq!(
        array(sandbox.json(&["evidence", "list", "--suggested"]))
            .iter()
            .filter(|e| e["year"] == 2012)
            .count(),
        0,
        "no suggestions from the removed narrative"
    );
    let chain = sandbox.stdout(&["chain", "KAZ-2011-4"]);
    assert!(!chain.contains("KAZ-2012"), "{chain}");
    let tiers = array(sandbox.json(&["tier", "KAZ"]));
    assert_eq!(tiers.len(), 1, "{tiers:?}");
    let history = array(sandbox.json(&["history"]));
    assert_eq!(history[0]["kind"], "remove");
    assert_eq!(history[0]["old_value"], "Kazakhstan 2012");

    sandbox.run(&["undo"]).success();
    assert_eq!(kazakhstan(&sandbox), with_2012);
    let shown = sandbox.json(&["show", "KAZ-2012-1"]);
    assert_eq!(shown["notes"][0]["text"], "Shelter opened");
    assert_eq!(
        sandbox.json(&["show", "KAZ-2012-2"])["status"],
        "not-addressed"
    );
    assert_eq!(
        array(sandbox.json(&["evidence", "list", "KAZ-2011-1"]))[0]["id"].to_string(),
        accepted
    );
    assert_eq!(array(sandbox.json(&["history"]))[0]["kind"], "restore");
}

#[test]
fn a_removed_narrative_imported_again_comes_back_with_its_user_data() {
    let sandbox = both_years();
    sandbox
        .run(&["note", "KAZ-2012-1", "Shelter opened"])
        .success();
    let with_2012 = kazakhstan(&sandbox);
    sandbox.run(&["remove", "KAZ", "2012", "--yes"]).success();
    sandbox.run(&["import", KAZ_2012]).success();
    assert_eq!(kazakhstan(&sandbox), with_2012);
    let shown = sandbox.json(&["show", "KAZ-2012-1"]);
    assert_eq!(shown["notes"][0]["text"], "Shelter opened");
    let kinds: Vec<Value> = array(sandbox.json(&["history", "--limit", "2"]))
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert!(kinds.contains(&Value::from("restore")), "{kinds:?}");

    // Removed again, then the seed year too: both can come back.
    sandbox.run(&["remove", "KAZ", "2012", "--yes"]).success();
    sandbox.run(&["remove", "KAZ", "2011", "--yes"]).success();
    assert_eq!(array(sandbox.json(&["list"])), Vec::<Value>::new());
    sandbox.run(&["undo"]).success();
    sandbox.run(&["undo"]).success();
    assert_eq!(kazakhstan(&sandbox), with_2012);
}
