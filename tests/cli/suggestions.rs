//! Suggested evidence: the seed (Kazakhstan 2011) against a 2012 narrative made for the tests
//! that reports on foreign victims; order independence; accept and reject; the precision figure.

use pretty_assertions::assert_eq;
use serde_json::Value;
use std::collections::BTreeSet;

use crate::{SEED, Sandbox, error_line};

/// Made for the tests (see tests/fixtures/formats/README.md): a 2012 Kazakhstan narrative whose
/// Protection section reports on foreign victims.
const KAZ_2012: &str = "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt";

const IDENTIFIED: &str = "In 2011, the government identified 12 foreign victims of forced labor \
                          and forced prostitution, compared with one foreign victim in 2010.";
const ASSISTED: &str =
    "The government provided assistance to foreign victims in a shelter run by an NGO in Astana.";
/// Made for the quality set (see tests/fixtures/quality/README.md): a 2013 Kazakhstan
/// narrative with a plan in its Prevention section.
const KAZ_2013: &str = "tests/fixtures/quality/kaz-2013-made-for-tests.txt";
/// The 2012 narrative's plan.
const PLANNED_2012: &str =
    "The government plans to open a shelter for foreign victims in Almaty in 2012.";
const PLANNED: &str = "The government plans to launch a campaign in 2013 to discourage employers \
                       from using the forced labor of migrant workers.";

fn suggested(sandbox: &Sandbox) -> Vec<Value> {
    sandbox
        .json(&["evidence", "list", "--suggested"])
        .as_array()
        .unwrap()
        .clone()
}

/// The suggested sentences for one item, best first.
fn sentences_for(items: &[Value], id: &str) -> Vec<String> {
    items
        .iter()
        .filter(|e| e["recommendation"] == id)
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect()
}

/// What the suggestions are, without their row ids and times, sorted: to compare two databases.
fn comparable(items: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = items
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {} {} {:.6} {} {}",
                e["recommendation"],
                e["year"],
                e["section"],
                e["paragraph"],
                e["start"],
                e["end"],
                e["score"].as_f64().unwrap(),
                e["reason"],
                e["commitment"]
            )
        })
        .collect();
    out.sort();
    out
}

fn both_years() -> Sandbox {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["import", KAZ_2012]).success();
    sandbox
}

#[test]
fn foreign_victim_recommendations_get_the_foreign_victim_sentences() {
    crate::sqlite_only!("reads the suggestions with SQLite directly");
    let sandbox = both_years();
    let items = suggested(&sandbox);
    assert_eq!(sentences_for(&items, "KAZ-2011-1")[0], IDENTIFIED);
    assert_eq!(sentences_for(&items, "KAZ-2011-2")[0], ASSISTED);
    // The ask to fund NGOs gets the sentence with the funding figure, and says so.
    let funded = items
        .iter()
        .find(|e| e["recommendation"] == "KAZ-2011-6")
        .unwrap();
    assert!(
        funded["text"]
            .as_str()
            .unwrap()
            .starts_with("The government allocated $75,000")
    );
    assert!(
        funded["reason"]
            .as_str()
            .unwrap()
            .ends_with("funding 2011: $75,000")
    );

    // Each suggestion points at its sentence in the stored text.
    let text = std::fs::read_to_string(KAZ_2012).unwrap();
    let first = items
        .iter()
        .find(|e| e["recommendation"] == "KAZ-2011-1")
        .unwrap();
    assert_eq!(first["state"], "suggested");
    assert_eq!(first["year"], 2012);
    assert_eq!(first["section"], "protection");
    assert_eq!(first["paragraph"], 1);
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert!(
        first["reason"]
            .as_str()
            .unwrap()
            .contains("foreign victims")
    );
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    let stored: String = {
        let conn = rusqlite::Connection::open(&sandbox.db).unwrap();
        conn.query_row(
            "SELECT t.full_text FROM narrative_text t JOIN narrative n ON n.id = t.narrative_id \
             WHERE n.year = 2012",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(&stored[start..end], IDENTIFIED);
    assert!(text.contains(IDENTIFIED));

    // At most eight per item, and none from the 2012 recommendations block.
    for id in (1..=8).map(|n| format!("KAZ-2011-{n}")) {
        assert!(sentences_for(&items, &id).len() <= 8, "{id}");
    }
    assert!(
        items
            .iter()
            .all(|e| !e["text"].as_str().unwrap().contains("Recommendations for"))
    );
    assert!(items.iter().all(|e| e["section"] != "recommendations"));
}

#[test]
fn the_plan_is_flagged_a_commitment_and_actions_are_not() {
    let sandbox = both_years();
    sandbox.run(&["import", KAZ_2013]).success();
    let items = suggested(&sandbox);
    for e in &items {
        let text = e["text"].as_str().unwrap();
        // The plans ("plans to"), and the drafts not yet adopted ("drafted amendments").
        let plan = text == PLANNED || text == PLANNED_2012 || text.contains(" drafted ");
        assert_eq!(e["commitment"], plan, "{text}");
    }
    assert!(items.iter().any(|e| e["text"] == PLANNED));
}

#[test]
fn import_order_does_not_change_the_suggestions() {
    let in_order = both_years();
    let reversed = Sandbox::empty();
    reversed.run(&["import", KAZ_2012]).success();
    assert_eq!(suggested(&reversed), Vec::<Value>::new());
    reversed.run(&["import", SEED]).success();
    assert_eq!(
        comparable(&suggested(&reversed)),
        comparable(&suggested(&in_order))
    );
    assert!(!suggested(&in_order).is_empty());
}

#[test]
fn accept_and_reject_are_recorded_and_survive_suggest() {
    let sandbox = both_years();
    let items = suggested(&sandbox);
    let eid = |id: &str, text: &str| {
        items
            .iter()
            .find(|e| e["recommendation"] == id && e["text"] == text)
            .unwrap()["id"]
            .to_string()
    };
    let accepted = eid("KAZ-2011-1", IDENTIFIED);
    let rejected = eid("KAZ-2011-2", ASSISTED);
    sandbox
        .run(&[
            "evidence",
            "accept",
            &accepted,
            "--assessment",
            "progress",
            "--note",
            "12 foreign victims",
        ])
        .success()
        .stderr(format!(
            "evidence {accepted} (KAZ-2011-1): suggested -> accepted\n"
        ));
    sandbox
        .run(&["evidence", "reject", &rejected])
        .success()
        .stderr(format!(
            "evidence {rejected} (KAZ-2011-2): suggested -> rejected\n"
        ));
    sandbox
        .run(&["evidence", "reject", &rejected])
        .success()
        .stderr(format!(
            "evidence {rejected} (KAZ-2011-2) is already rejected\n"
        ));

    let history = sandbox.json(&["history", "KAZ-2011-1"]);
    assert_eq!(history[0]["kind"], "accept");
    assert_eq!(history[0]["old_value"], "suggested");
    assert_eq!(history[0]["note"], "12 foreign victims");
    assert!(
        history[0]["new_value"]
            .as_str()
            .unwrap()
            .contains("(assessment: progress)")
    );
    let history = sandbox.json(&["history", "KAZ-2011-2"]);
    assert_eq!(history[0]["kind"], "reject");
    assert_eq!(history.as_array().unwrap().len(), 2, "created, reject");
    // Accepting never changes a status.
    assert_eq!(sandbox.json(&["show", "KAZ-2011-1"])["status"], "open");

    sandbox
        .run(&["evidence", "suggest", "--country", "Kazakhstan"])
        .success();
    sandbox.run(&["import", SEED, KAZ_2012]).success();
    let after = suggested(&sandbox);
    assert!(
        !after
            .iter()
            .any(|e| e["recommendation"] == "KAZ-2011-1" && e["text"] == IDENTIFIED)
    );
    assert!(
        !after
            .iter()
            .any(|e| e["recommendation"] == "KAZ-2011-2" && e["text"] == ASSISTED)
    );
    let kept = sandbox.json(&["evidence", "list", "KAZ-2011-1"]);
    assert_eq!(kept.as_array().unwrap().len(), 1);
    assert_eq!(kept[0]["state"], "accepted");
    assert_eq!(kept[0]["assessment"], "progress");
    assert_eq!(kept[0]["note"], "12 foreign victims");
    assert_eq!(kept[0]["text"], IDENTIFIED);
}

#[test]
fn deciding_unknown_evidence_fails() {
    let sandbox = both_years();
    assert_eq!(
        error_line(sandbox.run(&["evidence", "accept", "999"]), 1),
        "tiptrack: no evidence with id 999 (see tiptrack evidence list)"
    );
    let usage = error_line(
        sandbox.run(&["evidence", "accept", "1", "--assessment", "great"]),
        2,
    );
    assert!(usage.starts_with("error: invalid value 'great'"), "{usage}");
}

#[test]
fn evidence_suggest_recomputes_what_the_imports_suggested() {
    let sandbox = both_years();
    let imported = comparable(&suggested(&sandbox));
    assert!(!imported.is_empty());
    sandbox
        .run(&["evidence", "suggest", "--country", "KAZ"])
        .success()
        .stderr(format!("{} suggestions awaiting review\n", imported.len()));
    assert_eq!(comparable(&suggested(&sandbox)), imported);
}

#[test]
fn closing_an_item_hides_its_suggestions_and_reopening_shows_them_again() {
    let sandbox = both_years();
    let before = comparable(&suggested(&sandbox));
    sandbox
        .run(&["status", "KAZ-2011-1", "addressed"])
        .success();
    let after = suggested(&sandbox);
    assert!(!after.iter().any(|e| e["recommendation"] == "KAZ-2011-1"));
    assert_eq!(
        after.len(),
        before.len() - sentences_for(&suggested(&both_years()), "KAZ-2011-1").len()
    );
    sandbox
        .run(&["evidence", "suggest"])
        .success()
        .stderr(format!("{} suggestions awaiting review\n", after.len()));
    // Another open status keeps them away no more than "open" does.
    sandbox
        .run(&["status", "KAZ-2011-1", "in-progress"])
        .success();
    assert_eq!(comparable(&suggested(&sandbox)), before);
}

#[test]
fn a_bulk_load_without_suggestions_catches_up_with_evidence_suggest() {
    let sandbox = Sandbox::empty();
    sandbox
        .run(&["import", SEED, KAZ_2012, "--no-suggest"])
        .success();
    assert_eq!(suggested(&sandbox), Vec::<Value>::new());
    sandbox.run(&["evidence", "suggest"]).success();
    assert_eq!(
        comparable(&suggested(&sandbox)),
        comparable(&suggested(&both_years()))
    );
}

/// An import ranks each new narrative on a second thread while it stores it: across countries
/// and years in one command, the suggestions are those `evidence suggest` computes one by one.
#[test]
fn an_import_of_many_countries_and_years_suggests_what_evidence_suggest_does() {
    let mut files: Vec<String> = ["tests/fixtures/quality", "tests/fixtures/quality/untuned-5"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| path.to_str().unwrap().to_string())
        .collect();
    // Each country's years oldest first, so that each narrative is ranked as it is imported.
    files.sort_by_key(|path| path.rsplit('/').next().unwrap().to_string());
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let imported = Sandbox::seeded();
    imported.run(&args).success();
    args.push("--no-suggest");
    let recomputed = Sandbox::seeded();
    recomputed.run(&args).success();
    recomputed.run(&["evidence", "suggest"]).success();
    let suggestions = comparable(&suggested(&imported));
    let countries: BTreeSet<&str> = suggestions.iter().map(|s| &s[1..4]).collect();
    assert!(countries.len() >= 5, "{countries:?}");
    assert_eq!(suggestions, comparable(&suggested(&recomputed)));
}

#[test]
fn decided_evidence_keeps_its_words_when_the_narrative_is_imported_again_changed() {
    let sandbox = both_years();
    let items = suggested(&sandbox);
    let accepted = items
        .iter()
        .find(|e| e["recommendation"] == "KAZ-2011-1" && e["text"] == IDENTIFIED)
        .unwrap()["id"]
        .to_string();
    sandbox.run(&["evidence", "accept", &accepted]).success();
    // The 2012 narrative again, its sentence on foreign victims changed.
    let changed = sandbox.dir.path().join("kaz-2012-changed.txt");
    let text = std::fs::read_to_string(KAZ_2012).unwrap();
    assert!(text.contains(IDENTIFIED));
    std::fs::write(
        &changed,
        text.replace(
            IDENTIFIED,
            "In 2011, the government identified 14 foreign victims.",
        ),
    )
    .unwrap();
    sandbox
        .run(&["import", changed.to_str().unwrap(), "--no-suggest"])
        .success();
    // No suggestion is left pointing into the old text...
    assert_eq!(suggested(&sandbox), Vec::<Value>::new());
    // ...and the accepted one still quotes it, from the file it came from.
    let kept = sandbox.json(&["evidence", "list", "KAZ-2011-1"]);
    assert_eq!(kept[0]["text"], IDENTIFIED);
    assert_eq!(kept[0]["source"], KAZ_2012);
    sandbox.run(&["evidence", "suggest"]).success();
    assert!(
        suggested(&sandbox)
            .iter()
            .any(|e| e["text"] == "In 2011, the government identified 14 foreign victims.")
    );
}

/// A sentence repeated word for word in two years' narratives, and suggested for the ask's two
/// items, is listed once for the ask, with its years and its other suggestions; `--each` lists
/// them all, and a decision in `review`'s queue order is made on them all.
#[test]
fn a_sentence_repeated_across_years_is_listed_once_per_ask() {
    let sandbox = both_years();
    let repeated = "Migration police screened detained migrants for signs of forced labor during \
                    immigration raids and referred five victims to assistance.";
    let text = std::fs::read_to_string(KAZ_2013).unwrap();
    let again = sandbox.dir.path().join("kaz-2013.txt");
    // The 2013 narrative says the 2012 screening sentence again.
    std::fs::write(
        &again,
        text.replacen(
            "\nPrevention\n",
            &format!("\n{repeated}\n\nPrevention\n"),
            1,
        ),
    )
    .unwrap();
    sandbox.run(&["import", again.to_str().unwrap()]).success();

    let each = sandbox.json(&["evidence", "list", "--suggested", "--each"]);
    let each = each.as_array().unwrap();
    let copies: Vec<&Value> = each
        .iter()
        .filter(|e| e["ask"] == "KAZ-2011-3" && e["text"] == repeated)
        .collect();
    assert!(copies.len() >= 2, "{copies:?}");
    let years: BTreeSet<i64> = copies.iter().map(|e| e["year"].as_i64().unwrap()).collect();
    assert_eq!(years, BTreeSet::from([2012, 2013]));

    let once = suggested(&sandbox);
    let shown: Vec<&Value> = once
        .iter()
        .filter(|e| e["ask"] == "KAZ-2011-3" && e["text"] == repeated)
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(
        shown[0]["repeats"].as_array().unwrap().len(),
        copies.len() - 1
    );
    // Nothing is lost: every suggestion is shown, or folded into the row of its sentence.
    let folded: usize = once
        .iter()
        .map(|e| e["repeats"].as_array().unwrap().len())
        .sum();
    assert_eq!(once.len() + folded, each.len());

    let table = sandbox
        .run(&["evidence", "list", "--suggested", "--width", "0"])
        .success();
    let table = String::from_utf8_lossy(&table.get_output().stdout).to_string();
    assert!(table.contains("2012, 2013"), "{table}");
}
