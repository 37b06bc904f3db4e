//! Asks (schema v5): a line of linked items across a country's reports, tracked as one thing.
//! Status, owner and due date belong to the ask; the history stays per item; an ask marked
//! addressed that a later report makes again is flagged, never silently reopened; reporting
//! periods; the tier year by year; link and unlink regroup asks.

use std::collections::{BTreeMap, BTreeSet};

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::{SEED, Sandbox, error_line};

const KAZ_2012: &str = "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt";
const KAZ_2013: &str = "tests/fixtures/quality/kaz-2013-made-for-tests.txt";

/// The ask of the seed's fourth item, as the three reports make it (checked with `asks`).
const COMPLICITY: [&str; 3] = ["KAZ-2011-4", "KAZ-2012-2", "KAZ-2013-3"];

/// Kazakhstan 2011 (the seed), 2012 and 2013.
fn three_years() -> Sandbox {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["import", KAZ_2012, KAZ_2013]).success();
    sandbox
}

/// Runs a failing command and returns its one line of stderr, checking the exit code and that
/// the database did not change.
fn fails(sandbox: &Sandbox, args: &[&str], code: i32) -> String {
    let before = sandbox.dump();
    let line = error_line(sandbox.run(args), code);
    assert_eq!(
        sandbox.dump(),
        before,
        "the database changed after: {args:?}"
    );
    line
}

/// Standard error of a successful run.
fn stderr(sandbox: &Sandbox, args: &[&str]) -> String {
    let out = sandbox.run(args).success().get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}

fn array(value: &Value) -> &Vec<Value> {
    value.as_array().unwrap()
}

/// The `id` of each entry.
fn ids(value: &Value) -> Vec<String> {
    array(value)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// One entry of `asks --country KAZ`.
fn ask(sandbox: &Sandbox, id: &str) -> Value {
    let asks = sandbox.json(&["asks", "--country", "KAZ"]);
    array(&asks)
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no ask {id} in {asks:#}"))
        .clone()
}

/// One item of `list`.
fn item(sandbox: &Sandbox, id: &str) -> Value {
    let items = sandbox.json(&["list"]);
    array(&items)
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
        .clone()
}

/// The IDs of the asks flagged asked again after addressed.
fn asked_again(sandbox: &Sandbox) -> Vec<String> {
    ids(&sandbox.json(&["asks", "--asked-again"]))
}

/// The history's events of one kind, as (recommendation, new value).
fn events(history: &Value, kind: &str) -> Vec<(String, String)> {
    array(history)
        .iter()
        .filter(|e| e["kind"] == kind)
        .map(|e| {
            (
                e["recommendation"].as_str().unwrap_or("-").to_string(),
                e["new_value"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

/// (recommendation, date) of every status change `history` lists with these arguments.
fn status_changes(sandbox: &Sandbox, args: &[&str]) -> BTreeSet<(String, String)> {
    let mut args = [&["history"][..], args].concat();
    args.push("--limit");
    args.push("1000");
    array(&sandbox.json(&args))
        .iter()
        .filter(|e| e["kind"] == "status")
        .map(|e| {
            (
                e["recommendation"].as_str().unwrap().to_string(),
                e["date"].as_str().unwrap_or("undated").to_string(),
            )
        })
        .collect()
}

fn set(pairs: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// A report with the period (`since`, `until`) and the `changed` counts left out, to compare
/// with one that has none.
fn without_changed(mut report: Value) -> Value {
    let top = report.as_object_mut().unwrap();
    top.remove("since");
    top.remove("until");
    report["total"].as_object_mut().unwrap().remove("changed");
    for row in report["rows"].as_array_mut().unwrap() {
        row.as_object_mut().unwrap().remove("changed");
    }
    for row in report["countries"].as_array_mut().unwrap() {
        row.as_object_mut().unwrap().remove("changed");
    }
    report
}

#[test]
fn each_ask_is_listed_once_and_every_item_names_its_ask() {
    let sandbox = three_years();
    let asks = sandbox.json(&["asks", "--country", "KAZ"]);
    let ask_ids = ids(&asks);
    let unique: BTreeSet<&String> = ask_ids.iter().collect();
    assert_eq!(
        unique.len(),
        ask_ids.len(),
        "an ask listed twice: {ask_ids:?}"
    );
    let items = sandbox.json(&["list", "--country", "KAZ"]);
    assert_eq!(array(&items).len(), 16);
    assert!(
        ask_ids.len() < array(&items).len(),
        "{} asks for {} items",
        ask_ids.len(),
        array(&items).len()
    );
    assert_eq!(ask_ids.len(), 8);

    let complicity = ask(&sandbox, "KAZ-2011-4");
    assert_eq!(complicity["years"], serde_json::json!([2011, 2012, 2013]));
    assert_eq!(complicity["reports"], 3);
    assert_eq!(complicity["latest"], "KAZ-2013-3");
    assert_eq!(complicity["still_made"], true);
    assert_eq!(complicity["status"], "open");

    // Every item names an ask that `asks` lists; every ask has at most one item per report,
    // and its years are those of its items.
    let mut members: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for item in array(&items) {
        let ask = item["ask"]
            .as_str()
            .unwrap_or_else(|| panic!("{} names no ask", item["id"]));
        assert!(ask_ids.iter().any(|a| a == ask), "{ask} is not an ask");
        members.entry(ask.to_string()).or_default().push((
            item["year"].as_i64().unwrap(),
            item["id"].as_str().unwrap().to_string(),
        ));
    }
    assert_eq!(members.keys().cloned().collect::<Vec<_>>(), ask_ids);
    for a in array(&asks) {
        let years: Vec<i64> = members[a["id"].as_str().unwrap()]
            .iter()
            .map(|(y, _)| *y)
            .collect();
        let expected: Vec<i64> = array(&a["years"])
            .iter()
            .map(|y| y.as_i64().unwrap())
            .collect();
        assert_eq!(years, expected, "ask {}", a["id"]);
        assert_eq!(a["reports"], years.len(), "ask {}", a["id"]);
    }
    let line: Vec<String> = members["KAZ-2011-4"]
        .iter()
        .map(|(_, id)| id.clone())
        .collect();
    assert_eq!(line, COMPLICITY);

    // `chain` on the middle item is the ask's line.
    assert_eq!(ids(&sandbox.json(&["chain", "KAZ-2012-2"])), COMPLICITY);
}

#[test]
fn a_status_set_through_one_item_is_the_asks_and_the_history_stays_per_item() {
    let sandbox = three_years();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success()
        .stderr("KAZ-2011-4: open -> addressed\n");
    let items = sandbox.json(&["list"]);
    for i in array(&items) {
        let expected = if COMPLICITY.contains(&i["id"].as_str().unwrap()) {
            "addressed"
        } else {
            "open"
        };
        assert_eq!(i["status"], expected, "{}", i["id"]);
    }
    for id in ["KAZ-2012-2", "KAZ-2013-3"] {
        let shown = sandbox.json(&["show", id]);
        assert_eq!(shown["status"], "addressed", "{id}");
        assert_eq!(shown["ask"], "KAZ-2011-4", "{id}");
        assert_eq!(shown["ask_detail"]["status"], "addressed", "{id}");
        assert_eq!(shown["ask_detail"]["status_set_on"], "KAZ-2011-4", "{id}");
        let table = sandbox.stdout(&["show", id]);
        assert!(table.contains("\nStatus:   addressed"), "{table}");
        assert!(table.contains("(set on KAZ-2011-4)"), "{table}");
    }
    let later = sandbox.json(&["history", "KAZ-2012-2"]);
    assert!(events(&later, "status").is_empty(), "{later:#}");
    let first = sandbox.json(&["history", "KAZ-2011-4"]);
    assert_eq!(
        events(&first, "status"),
        [("KAZ-2011-4".to_string(), "addressed".to_string())]
    );

    // Through the latest item: the same ask changes, the event is that item's.
    sandbox
        .run(&["status", "KAZ-2013-3", "in-progress"])
        .success()
        .stderr("KAZ-2013-3 (ask KAZ-2011-4): addressed -> in-progress\n");
    assert_eq!(item(&sandbox, "KAZ-2011-4")["status"], "in-progress");
    assert_eq!(ask(&sandbox, "KAZ-2011-4")["status_set_on"], "KAZ-2013-3");
    let latest = sandbox.json(&["history", "KAZ-2013-3"]);
    assert_eq!(
        events(&latest, "status"),
        [("KAZ-2013-3".to_string(), "in-progress".to_string())]
    );
    assert_eq!(
        events(&sandbox.json(&["history", "KAZ-2011-4"]), "status").len(),
        1
    );
}

#[test]
fn an_addressed_ask_made_again_is_flagged_and_keeps_its_status() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    let err = stderr(&sandbox, &["import", KAZ_2012]);
    assert!(
        err.contains(&format!(
            "{KAZ_2012}: KAZ-2012-2 makes ask KAZ-2011-4 again, which is marked addressed"
        )),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.contains("again")).count(),
        1,
        "{err}"
    );
    assert_eq!(asked_again(&sandbox), ["KAZ-2011-4"]);
    let flagged = ask(&sandbox, "KAZ-2011-4");
    assert_eq!(flagged["status"], "addressed");
    assert_eq!(flagged["asked_again"], true);
    let repeat = item(&sandbox, "KAZ-2012-2");
    assert_eq!(repeat["status"], "addressed");
    assert_eq!(repeat["asked_again"], true);
    // The other asks the 2012 report repeats are not flagged.
    assert_eq!(item(&sandbox, "KAZ-2012-3")["asked_again"], false);
    // Nothing was changed behind the user's back.
    let history = sandbox.json(&["history", "KAZ-2011-4"]);
    assert_eq!(events(&history, "status").len(), 1);
    assert!(events(&sandbox.json(&["history", "KAZ-2012-2"]), "status").is_empty());

    let report = sandbox.json(&["report"]);
    assert_eq!(report["total"]["asked_again"], 1);
    assert_eq!(report["total"]["addressed"], 1);

    // The user reopens it: no longer flagged.
    sandbox
        .run(&["status", "KAZ-2012-2", "in-progress"])
        .success();
    assert!(asked_again(&sandbox).is_empty());
}

#[test]
fn the_date_given_with_addressed_decides_which_report_asks_again() {
    // Addressed after the 2012 reporting period (April 2011 to March 2012): the 2012 report's
    // repeat is not a new request; the 2013 report's, whose period includes the date, is.
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed", "--date", "2012-05-01"])
        .success();
    let err = stderr(&sandbox, &["import", KAZ_2012]);
    assert!(!err.contains("again"), "{err}");
    assert!(asked_again(&sandbox).is_empty());
    assert_eq!(ask(&sandbox, "KAZ-2011-4")["asked_again"], false);
    let err = stderr(&sandbox, &["import", KAZ_2013]);
    assert!(
        err.contains("KAZ-2013-3 makes ask KAZ-2011-4 again"),
        "{err}"
    );
    assert_eq!(asked_again(&sandbox), ["KAZ-2011-4"]);

    // Addressed within the 2012 period: the 2012 report asks again.
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed", "--date", "2012-03-15"])
        .success();
    let err = stderr(&sandbox, &["import", KAZ_2012]);
    assert!(
        err.contains("KAZ-2012-2 makes ask KAZ-2011-4 again"),
        "{err}"
    );
    assert_eq!(asked_again(&sandbox), ["KAZ-2011-4"]);
    assert_eq!(ask(&sandbox, "KAZ-2011-4")["status"], "addressed");

    // Undated, marked when 2013 was already in: importing the earlier 2012 does not ask again.
    let sandbox = Sandbox::seeded();
    sandbox.run(&["import", KAZ_2013]).success();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    let err = stderr(&sandbox, &["import", KAZ_2012]);
    assert!(!err.contains("again"), "{err}");
    assert!(asked_again(&sandbox).is_empty());
}

#[test]
fn report_counts_each_ask_once() {
    let sandbox = three_years();
    let asks = array(&sandbox.json(&["asks", "--country", "KAZ"])).len();
    let report = sandbox.json(&["report", "--country", "KAZ"]);
    assert_eq!(report["total"]["total"], asks);
    assert_eq!(report["total"]["addressed"], 0);

    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    let report = sandbox.json(&["report", "--country", "KAZ"]);
    assert_eq!(report["total"]["total"], asks);
    assert_eq!(report["total"]["addressed"], 1);
    assert_eq!(report["countries"][0]["total"], asks);
    assert_eq!(report["countries"][0]["addressed"], 1);

    // Each year's row counts the asks that year's report made (one per item there).
    let items = sandbox.json(&["list", "--country", "KAZ"]);
    let mut made: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    for i in array(&items) {
        made.entry(i["year"].as_i64().unwrap())
            .or_default()
            .insert(i["ask"].as_str().unwrap().to_string());
    }
    let rows: Vec<(i64, i64, i64)> = array(&report["rows"])
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["total"].as_i64().unwrap(),
                r["addressed"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(i64, i64, i64)> = made
        .iter()
        .map(|(year, asks)| (*year, asks.len() as i64, 1))
        .collect();
    assert_eq!(rows, expected);
    assert_eq!(rows, [(2011, 8, 1), (2012, 3, 1), (2013, 5, 1)]);
}

#[test]
fn an_assigned_ask_shows_its_owner_and_due_date_everywhere() {
    let sandbox = three_years();
    sandbox
        .run(&[
            "assign",
            "KAZ-2011-4",
            "--owner",
            "Ministry of Internal Affairs",
            "--due",
            "period-end:2012",
        ])
        .success()
        .stderr("KAZ-2011-4: unassigned -> owner: Ministry of Internal Affairs; due: 2012-03-31\n");
    let assigned = ask(&sandbox, "KAZ-2011-4");
    assert_eq!(assigned["owner"], "Ministry of Internal Affairs");
    assert_eq!(assigned["due"], "2012-03-31");
    assert_eq!(assigned["overdue"], true);
    assert_eq!(ask(&sandbox, "KAZ-2011-6")["owner"], Value::Null);

    let shown = sandbox.json(&["show", "KAZ-2012-2"]);
    assert_eq!(shown["owner"], "Ministry of Internal Affairs");
    assert_eq!(shown["due"], "2012-03-31");
    assert_eq!(shown["ask_detail"]["overdue"], true);
    let table = sandbox.stdout(&["show", "KAZ-2012-2"]);
    assert!(
        table
            .contains("\nOwner:    Ministry of Internal Affairs\nDue:      2012-03-31 (overdue)\n"),
        "{table}"
    );

    assert_eq!(
        ids(&sandbox.json(&["asks", "--owner", "internal affairs"])),
        ["KAZ-2011-4"]
    );
    assert_eq!(
        ids(&sandbox.json(&["list", "--owner", "internal affairs"])),
        COMPLICITY
    );
    assert!(ids(&sandbox.json(&["asks", "--owner", "justice"])).is_empty());
    assert_eq!(ids(&sandbox.json(&["asks", "--overdue"])), ["KAZ-2011-4"]);
    assert_eq!(ids(&sandbox.json(&["list", "--overdue"])), COMPLICITY);

    let history = sandbox.json(&["history", "KAZ-2011-4"]);
    assert_eq!(history[0]["kind"], "assign");
    assert!(
        history[0]["new_value"]
            .as_str()
            .unwrap()
            .contains("Ministry of Internal Affairs"),
        "{history:#}"
    );

    let by_owner = sandbox.json(&["report", "--group-by", "owner"]);
    let row = array(&by_owner["rows"])
        .iter()
        .find(|r| r["owner"] == "Ministry of Internal Affairs")
        .unwrap_or_else(|| panic!("no owner row: {by_owner:#}"));
    assert_eq!(row["total"], 1);
    assert_eq!(row["overdue"], 1);
    assert_eq!(by_owner["total"]["total"], 8);
    assert_eq!(by_owner["total"]["overdue"], 1);

    // Addressed: no longer overdue, still due then.
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    assert!(ids(&sandbox.json(&["asks", "--overdue"])).is_empty());
    assert!(ids(&sandbox.json(&["list", "--overdue"])).is_empty());
    let addressed = ask(&sandbox, "KAZ-2011-4");
    assert_eq!(addressed["overdue"], false);
    assert_eq!(addressed["due"], "2012-03-31");

    // Clearing the owner keeps the due date.
    sandbox
        .run(&["assign", "KAZ-2011-4", "--owner", ""])
        .success();
    let cleared = ask(&sandbox, "KAZ-2011-4");
    assert_eq!(cleared["owner"], Value::Null);
    assert_eq!(cleared["due"], "2012-03-31");
    assert!(ids(&sandbox.json(&["asks", "--owner", "internal affairs"])).is_empty());
}

#[test]
fn a_due_date_still_ahead_is_not_overdue() {
    let sandbox = three_years();
    sandbox
        .run(&["assign", "KAZ-2012-3", "--due", "2099-01-01"])
        .success();
    let due = ask(&sandbox, "KAZ-2011-6");
    assert_eq!(due["due"], "2099-01-01");
    assert_eq!(due["overdue"], false);
    assert!(ids(&sandbox.json(&["asks", "--overdue"])).is_empty());
    assert_eq!(
        ids(&sandbox.json(&["asks", "--due-before", "2099-01-02"])),
        ["KAZ-2011-6"]
    );
    assert!(ids(&sandbox.json(&["asks", "--due-before", "2099-01-01"])).is_empty());
}

#[test]
fn bad_assignments_fail_and_change_nothing() {
    let sandbox = three_years();
    sandbox
        .run(&[
            "assign",
            "KAZ-2011-4",
            "--owner",
            "Ministry of Internal Affairs",
        ])
        .success();
    assert_eq!(
        fails(
            &sandbox,
            &["assign", "KAZ-2011-4", "--due", "2012-13-01"],
            1
        ),
        "tiptrack: invalid date '2012-13-01' for --due: use YYYY-MM-DD (a year from 1990 to \
         2100), or period-end:YEAR for March 31 of that report year"
    );
    assert_eq!(
        fails(
            &sandbox,
            &["assign", "KAZ-2011-4", "--due", "period-end:abc"],
            1
        ),
        "tiptrack: invalid report year 'abc' in --due period-end:abc: use period-end:YEAR, \
         e.g. period-end:2012 (March 31, 2012)"
    );
    assert_eq!(
        fails(&sandbox, &["assign", "KAZ-2011-99", "--owner", "X"], 1),
        "tiptrack: unknown recommendation ID 'KAZ-2011-99'; did you mean KAZ-2011-1, \
         KAZ-2011-2, KAZ-2011-3?"
    );
    assert_eq!(
        fails(&sandbox, &["assign", "KAZ-2011-4"], 2),
        "tiptrack: say what to assign: --owner NAME, --support NAME or --due DATE"
    );
    // One unknown ID among good ones assigns none of them.
    let line = fails(
        &sandbox,
        &["assign", "KAZ-2011-6", "KAZ-2011-99", "--owner", "X"],
        1,
    );
    assert!(
        line.starts_with("tiptrack: unknown recommendation ID 'KAZ-2011-99'"),
        "{line}"
    );
}

#[test]
fn history_keeps_what_is_dated_within_a_period() {
    let sandbox = Sandbox::seeded();
    for (id, status, date) in [
        ("KAZ-2011-1", "in-progress", Some("2011-06-01")),
        ("KAZ-2011-2", "addressed", Some("2012-02-01")),
        ("KAZ-2011-3", "addressed", Some("2012-06-01")),
        ("KAZ-2011-5", "addressed", None),
        ("KAZ-2011-6", "in-progress", Some("2011-04-01")),
        ("KAZ-2011-7", "in-progress", Some("2012-03-31")),
        ("KAZ-2011-8", "in-progress", Some("2012-04-01")),
    ] {
        let mut args = vec!["status", id, status];
        if let Some(date) = date {
            args.extend(["--date", date]);
        }
        sandbox.run(&args).success();
    }
    // The 2012 report's period: April 1, 2011 to March 31, 2012, both days included.
    assert_eq!(
        status_changes(&sandbox, &["--period", "2012"]),
        set(&[
            ("KAZ-2011-1", "2011-06-01"),
            ("KAZ-2011-2", "2012-02-01"),
            ("KAZ-2011-6", "2011-04-01"),
            ("KAZ-2011-7", "2012-03-31"),
        ])
    );
    // Nothing but status changes is dated within it: the import happened today.
    let period = sandbox.json(&["history", "--period", "2012"]);
    assert!(
        array(&period).iter().all(|e| e["kind"] == "status"),
        "{period:#}"
    );
    assert_eq!(
        status_changes(&sandbox, &["KAZ-2011-2", "--period", "2012"]),
        set(&[("KAZ-2011-2", "2012-02-01")])
    );
    assert!(status_changes(&sandbox, &["KAZ-2011-3", "--period", "2012"]).is_empty());
    assert_eq!(
        status_changes(
            &sandbox,
            &["--since", "2012-02-01", "--until", "2012-06-01"]
        ),
        set(&[
            ("KAZ-2011-2", "2012-02-01"),
            ("KAZ-2011-3", "2012-06-01"),
            ("KAZ-2011-7", "2012-03-31"),
            ("KAZ-2011-8", "2012-04-01"),
        ])
    );
    assert_eq!(
        status_changes(&sandbox, &["--until", "2011-06-01"]),
        set(&[("KAZ-2011-1", "2011-06-01"), ("KAZ-2011-6", "2011-04-01")])
    );

    // The undated change is dated by the day it was recorded.
    let recorded = sandbox.json(&["history", "KAZ-2011-5"]);
    let today = &recorded[0]["at"].as_str().unwrap()[..10];
    assert_eq!(
        status_changes(&sandbox, &["--since", today]),
        set(&[("KAZ-2011-5", "undated")])
    );

    for args in [
        &["history", "--since", "2012-06-01", "--until", "2012-01-01"][..],
        &["report", "--since", "2012-06-01", "--until", "2012-01-01"],
        &[
            "evidence",
            "list",
            "--since",
            "2012-06-01",
            "--until",
            "2012-01-01",
        ],
    ] {
        assert_eq!(
            fails(&sandbox, args, 1),
            "tiptrack: --since 2012-06-01 is after --until 2012-01-01",
            "{args:?}"
        );
    }
}

#[test]
fn evidence_dated_outside_its_reports_period_is_kept_and_flagged() {
    let sandbox = Sandbox::seeded();
    let add = |year: &str, text: &str, date: Option<&str>| -> String {
        let mut args = vec![
            "evidence",
            "add",
            "KAZ-2011-4",
            "--year",
            year,
            "--text",
            text,
        ];
        if let Some(date) = date {
            args.extend(["--date", date]);
        }
        stderr(&sandbox, &args)
    };
    let err = add("2012", "T", Some("2010-05-01"));
    assert!(
        err.starts_with("KAZ-2011-4: evidence from the 2012 report added\n"),
        "{err}"
    );
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("2010-05-01"), "{err}");
    assert!(
        warnings[0].contains("2012 reporting period (2011-04-01 to 2012-03-31)"),
        "{err}"
    );
    assert_eq!(
        add("2012", "U", Some("2011-05-01")),
        "KAZ-2011-4: evidence from the 2012 report added\n"
    );
    add("2012", "V", None);
    add("2013", "W", None);
    let err = add("2013", "X", Some("2012-02-01"));
    assert!(
        err.contains("2013 reporting period (2012-04-01 to 2013-03-31)"),
        "{err}"
    );

    let flags: Vec<(String, bool)> = array(&sandbox.json(&["evidence", "list", "KAZ-2011-4"]))
        .iter()
        .map(|e| {
            (
                e["text"].as_str().unwrap().to_string(),
                e["outside_period"].as_bool().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, bool)> = [
        ("T", true),
        ("U", false),
        ("V", false),
        ("W", false),
        ("X", true),
    ]
    .iter()
    .map(|(t, f)| (t.to_string(), *f))
    .collect();
    assert_eq!(flags, expected);

    // The 2012 period keeps what is dated in it (whichever report it comes from) and what is
    // undated from the 2012 report.
    let texts = |args: &[&str]| -> Vec<String> {
        array(&sandbox.json(args))
            .iter()
            .map(|e| e["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        texts(&["evidence", "list", "--period", "2012"]),
        ["U", "V", "X"]
    );
    assert_eq!(
        texts(&["evidence", "list", "KAZ-2011-4", "--period", "2012"]),
        ["U", "V", "X"]
    );
    assert_eq!(texts(&["evidence", "list", "--period", "2013"]), ["W"]);
    assert_eq!(
        texts(&[
            "evidence",
            "list",
            "--since",
            "2010-01-01",
            "--until",
            "2011-03-31"
        ]),
        ["T"]
    );
}

#[test]
fn report_as_of_gives_the_statuses_of_that_day() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-4",
            "in-progress",
            "--date",
            "2011-06-01",
        ])
        .success();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed", "--date", "2012-02-01"])
        .success();
    // A change after the 2012 period.
    sandbox
        .run(&[
            "status",
            "KAZ-2011-1",
            "not-addressed",
            "--date",
            "2012-05-01",
        ])
        .success();
    let counts = |args: &[&str]| -> (i64, i64, i64, i64) {
        let args = [&["report"][..], args].concat();
        let report = sandbox.json(&args);
        let total = &report["total"];
        (
            total["open"].as_i64().unwrap(),
            total["in_progress"].as_i64().unwrap(),
            total["addressed"].as_i64().unwrap(),
            total["not_addressed"].as_i64().unwrap(),
        )
    };
    assert_eq!(counts(&["--as-of", "2011-12-31"]), (7, 1, 0, 0));
    assert_eq!(counts(&["--as-of", "2012-03-01"]), (7, 0, 1, 0));
    assert_eq!(counts(&[]), (6, 0, 1, 1));

    let period = sandbox.json(&["report", "--period", "2012"]);
    let as_of = sandbox.json(&["report", "--as-of", "2012-03-31"]);
    // One ask changed twice within the period: counted once.
    assert_eq!(period["total"]["changed"], 1);
    assert_eq!(period["rows"][0]["changed"], 1);
    assert_eq!(without_changed(period), as_of);
}

#[test]
fn a_users_tier_is_recorded_shown_and_kept_by_reimports() {
    let sandbox = three_years();
    sandbox
        .run(&["tier", "KAZ", "2011", "Tier 2 Watch List"])
        .success()
        .stderr("KAZ 2011: Tier 2 -> Tier 2 Watch List\n");
    let tiers = |sandbox: &Sandbox| -> Vec<String> {
        array(&sandbox.json(&["tier", "KAZ"]))
            .iter()
            .map(|t| {
                format!(
                    "{} {} {} {}",
                    t["year"],
                    t["tier"].as_str().unwrap(),
                    t["change"].as_str().unwrap_or("-"),
                    t["set_by"].as_str().unwrap()
                )
            })
            .collect()
    };
    let set_tiers = [
        "2011 Tier 2 Watch List - user",
        "2012 Tier 2 up copy",
        "2013 Tier 2 unchanged copy",
    ];
    assert_eq!(tiers(&sandbox), set_tiers);
    let history = sandbox.json(&["history"]);
    let tier_events: Vec<&Value> = array(&history)
        .iter()
        .filter(|e| e["kind"] == "tier")
        .collect();
    assert_eq!(tier_events.len(), 1, "{history:#}");
    assert_eq!(tier_events[0]["iso3"], "KAZ");
    assert_eq!(tier_events[0]["year"], 2011);
    assert_eq!(tier_events[0]["old_value"], "Tier 2");
    assert_eq!(tier_events[0]["new_value"], "Tier 2 Watch List");
    assert_eq!(item(&sandbox, "KAZ-2011-4")["tier"], "Tier 2 Watch List");

    // Re-imports, the same text and a changed one, keep the user's tier.
    sandbox.run(&["import", SEED]).success();
    assert_eq!(tiers(&sandbox), set_tiers);
    let text = std::fs::read_to_string(SEED).unwrap();
    let last = "a program designed to reduce demand for sex trafficking.";
    assert!(text.contains(last));
    let changed = sandbox.path("kaz-2011-changed.txt");
    std::fs::write(
        &changed,
        text.replace(
            last,
            &format!("{last} The government also opened a new hotline."),
        ),
    )
    .unwrap();
    let err = stderr(&sandbox, &["import", changed.to_str().unwrap()]);
    assert!(err.contains("updated Kazakhstan 2011"), "{err}");
    assert_eq!(tiers(&sandbox), set_tiers);
    assert_eq!(item(&sandbox, "KAZ-2011-4")["tier"], "Tier 2 Watch List");

    // The report's rows carry the move from the year before.
    sandbox.run(&["tier", "KAZ", "2013", "Tier 3"]).success();
    let report = sandbox.json(&["report", "--country", "KAZ"]);
    let moves: Vec<String> = array(&report["rows"])
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r["year"],
                r["tier"].as_str().unwrap(),
                r["tier_change"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            "2011 Tier 2 Watch List -",
            "2012 Tier 2 up",
            "2013 Tier 3 down"
        ]
    );
}

#[test]
fn setting_the_tier_of_a_year_not_imported_changes_nothing() {
    let sandbox = Sandbox::seeded();
    assert_eq!(
        fails(&sandbox, &["tier", "KAZ", "2009", "Tier 1"], 1),
        "tiptrack: no KAZ report for 2009 is imported: import it first (the tier is kept with \
         the narrative)"
    );
    assert_eq!(
        fails(&sandbox, &["tier", "KAZ", "2011", "Tier 5"], 1),
        "tiptrack: unknown tier 'Tier 5'; valid tiers are: Tier 1, Tier 2, Tier 2 Watch List, \
         Tier 3, Special Case"
    );
}

#[test]
fn a_tier_command_missing_its_tier_says_what_is_missing() {
    let sandbox = Sandbox::seeded();
    let line = fails(&sandbox, &["tier", "KAZ", "2011"], 2);
    assert_eq!(
        line,
        "error: the following required arguments were not provided:"
    );
    let out = sandbox.run(&["tier", "KAZ", "2011"]).code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("\n  <TIER>\n"), "{err}");
}

#[test]
fn unlink_and_link_regroup_asks_and_give_back_the_same_asks() {
    let sandbox = three_years();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    let before = sandbox.json(&["asks"]);

    sandbox
        .run(&["unlink", "KAZ-2011-4", "KAZ-2012-2"])
        .success();
    let split = ask(&sandbox, "KAZ-2012-2");
    assert_eq!(split["years"], serde_json::json!([2012, 2013]));
    assert_eq!(split["status"], "open");
    assert_eq!(split["status_set_on"], Value::Null);
    assert_eq!(split["asked_again"], false);
    let first = ask(&sandbox, "KAZ-2011-4");
    assert_eq!(first["years"], serde_json::json!([2011]));
    assert_eq!(first["status"], "addressed");
    assert_eq!(first["still_made"], false);
    for id in ["KAZ-2012-2", "KAZ-2013-3"] {
        let i = item(&sandbox, id);
        assert_eq!(i["ask"], "KAZ-2012-2", "{id}");
        assert_eq!(i["status"], "open", "{id}");
    }
    assert_eq!(array(&sandbox.json(&["asks"])).len(), 9);

    sandbox.run(&["link", "KAZ-2011-4", "KAZ-2012-2"]).success();
    assert_eq!(sandbox.json(&["asks"]), before);
}

#[test]
fn what_is_recorded_stays_with_the_item_it_was_recorded_through() {
    let sandbox = three_years();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-4",
            "in-progress",
            "--date",
            "2011-06-01",
        ])
        .success();
    sandbox
        .run(&["status", "KAZ-2013-3", "addressed", "--date", "2012-06-01"])
        .success();
    sandbox
        .run(&[
            "assign",
            "KAZ-2012-2",
            "--owner",
            "Ministry of Internal Affairs",
        ])
        .success();
    let before = sandbox.json(&["asks"]);
    assert_eq!(ask(&sandbox, "KAZ-2011-4")["status"], "addressed");

    sandbox
        .run(&["unlink", "KAZ-2012-2", "KAZ-2013-3"])
        .success();
    let first = ask(&sandbox, "KAZ-2011-4");
    assert_eq!(first["years"], serde_json::json!([2011, 2012]));
    assert_eq!(first["status"], "in-progress");
    assert_eq!(first["owner"], "Ministry of Internal Affairs");
    let split = ask(&sandbox, "KAZ-2013-3");
    assert_eq!(split["years"], serde_json::json!([2013]));
    assert_eq!(split["status"], "addressed");
    assert_eq!(split["owner"], Value::Null);

    sandbox.run(&["link", "KAZ-2012-2", "KAZ-2013-3"]).success();
    assert_eq!(sandbox.json(&["asks"]), before);
}

#[test]
fn confirming_an_addressed_ask_that_was_asked_again_clears_the_flag() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    sandbox.run(&["import", KAZ_2012]).success();
    assert_eq!(asked_again(&sandbox), ["KAZ-2011-4"]);
    // The same status again is a new judgement when the ask was asked again.
    assert_eq!(
        stderr(&sandbox, &["status", "KAZ-2012-2", "addressed"]),
        "KAZ-2012-2 (ask KAZ-2011-4): addressed again (confirmed)\n"
    );
    assert!(asked_again(&sandbox).is_empty());
    assert_eq!(ask(&sandbox, "KAZ-2011-4")["status"], "addressed");
    // Once confirmed, the same status again records nothing.
    assert_eq!(
        stderr(&sandbox, &["status", "KAZ-2012-2", "addressed"]),
        "KAZ-2012-2 (ask KAZ-2011-4): already addressed; nothing recorded\n"
    );
    // The next report asks it again: flagged once more, and said once by the import.
    let out = stderr(&sandbox, &["import", KAZ_2013]);
    assert_eq!(
        out.matches("makes ask KAZ-2011-4 again").count(),
        1,
        "{out}"
    );
    assert_eq!(asked_again(&sandbox), ["KAZ-2011-4"]);
}

#[test]
fn marking_addressed_what_a_later_report_already_asks_again_says_so() {
    let sandbox = three_years();
    let out = stderr(
        &sandbox,
        &["status", "KAZ-2011-4", "addressed", "--date", "2012-03-01"],
    );
    assert_eq!(
        out,
        "KAZ-2011-4: open -> addressed\nwarning: KAZ-2011-4: a report later than this judgement \
         already makes ask KAZ-2011-4 again: flagged \"asked again after addressed\" (tiptrack \
         asks --asked-again)\n"
    );
    assert_eq!(asked_again(&sandbox), ["KAZ-2011-4"]);
}

#[test]
fn report_as_of_today_is_the_report_after_asks_were_regrouped() {
    // Marked addressed while the ask had only its 2011 item, then joined again to its repeats:
    // the live report and the replay of the history agree on the flag.
    let sandbox = three_years();
    sandbox
        .run(&["unlink", "KAZ-2011-4", "KAZ-2012-2"])
        .success();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    sandbox.run(&["link", "KAZ-2011-4", "KAZ-2012-2"]).success();
    let today = chrono::Utc::now().date_naive().to_string();
    let live = sandbox.json(&["report", "--country", "KAZ"]);
    let replayed = sandbox.json(&["report", "--country", "KAZ", "--as-of", &today]);
    assert_eq!(live["total"]["asked_again"], 1);
    assert_eq!(live["total"], replayed["total"]);
    assert_eq!(live["rows"], replayed["rows"]);
}

#[test]
fn an_institution_name_with_control_characters_is_refused() {
    let sandbox = Sandbox::seeded();
    assert_eq!(
        fails(
            &sandbox,
            &["assign", "KAZ-2011-7", "--owner", "Evil\u{1b}]0;pwned\u{7}"],
            1
        ),
        "tiptrack: --owner: the name holds a control character (U+001B); give it as plain text \
         on one line"
    );
    assert_eq!(
        fails(
            &sandbox,
            &["assign", "KAZ-2011-7", "--support", "Line\nTwo"],
            1
        ),
        "tiptrack: --support: the name holds a control character (U+000A); give it as plain \
         text on one line"
    );
}
