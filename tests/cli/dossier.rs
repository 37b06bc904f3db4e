//! `tiptrack dossier COUNTRY` (issue 9): what a coordinator checks in the document handed to a
//! minister or donor. Its numbers equal `asks`, `tier` and `indicators`; every ask is in it
//! once, under its area, with its accepted evidence (assessment and note) and the user's
//! notes; matcher internals are left out; the submission draft keeps what is dated within the
//! reporting period; Markdown, HTML and XLSX are escaped, self-contained and typed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::{Sandbox, error_line};

pub const KAZ_2012: &str = "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt";
pub const KAZ_2013: &str = "tests/fixtures/quality/kaz-2013-made-for-tests.txt";

/// The note with markup in it, as given to `note`.
const SCRIPT_NOTE: &str = "Ask the <script>alert(1)</script> ministry";
/// The evidence added by hand, dated inside the 2012 reporting period.
const HAND_EVIDENCE: &str = "The government identified 12 foreign victims.";

/// Kazakhstan 2011 to 2013 with statuses, an owner and due date, evidence added by hand and one
/// suggestion accepted with an assessment and a note, a note with markup and a tier set by the
/// user. Returns the sandbox and the ID of the accepted suggestion.
pub fn kazakhstan() -> (Sandbox, i64) {
    let sandbox = Sandbox::seeded();
    for args in [
        &["status", "KAZ-2011-4", "addressed", "--date", "2012-03-15"][..],
        &[
            "status",
            "KAZ-2011-1",
            "in-progress",
            "--date",
            "2011-09-01",
        ],
        &[
            "assign",
            "KAZ-2011-4",
            "--owner",
            "Ministry of Internal Affairs",
            "--due",
            "period-end:2013",
        ],
        &["import", KAZ_2012, KAZ_2013],
        &[
            "evidence",
            "add",
            "KAZ-2011-1",
            "--year",
            "2012",
            "--text",
            HAND_EVIDENCE,
            "--date",
            "2011-10-01",
        ],
    ] {
        sandbox.run(args).success();
    }
    let suggested = sandbox.json(&["evidence", "list", "--suggested"]);
    let accepted = array(&suggested)
        .iter()
        .find(|e| e["recommendation"] == "KAZ-2011-8" && e["year"] == 2012)
        .unwrap_or_else(|| panic!("no 2012 suggestion for KAZ-2011-8 in {suggested:#}"))["id"]
        .as_i64()
        .unwrap();
    let id = accepted.to_string();
    for args in [
        &[
            "evidence",
            "accept",
            &id,
            "--assessment",
            "progress",
            "--note",
            "seen in the 2012 report",
        ][..],
        &["note", "KAZ-2012-1", SCRIPT_NOTE],
        &["tier", "KAZ", "2012", "Tier 2 Watch List"],
    ] {
        sandbox.run(args).success();
    }
    (sandbox, accepted)
}

/// Runs a failing command and returns its one line of stderr, checking the exit code and that
/// the database did not change.
pub fn fails(sandbox: &Sandbox, args: &[&str], code: i32) -> String {
    let before = sandbox.dump();
    let line = error_line(sandbox.run(args), code);
    assert_eq!(
        sandbox.dump(),
        before,
        "the database changed after: {args:?}"
    );
    line
}

pub fn array(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value:#}"))
}

/// Standard error of a successful run.
fn stderr(sandbox: &Sandbox, args: &[&str]) -> String {
    let out = sandbox.run(args).success().get_output().clone();
    String::from_utf8(out.stderr).unwrap()
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// Every ask of a dossier, across its areas.
fn dossier_asks(dossier: &Value) -> Vec<&Value> {
    array(&dossier["areas"])
        .iter()
        .flat_map(|area| array(&area["asks"]))
        .collect()
}

/// One ask of a dossier.
fn dossier_ask<'a>(dossier: &'a Value, id: &str) -> &'a Value {
    dossier_asks(dossier)
        .into_iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no ask {id} in the dossier"))
}

const STATUSES: [&str; 6] = [
    "open",
    "in-progress",
    "partially-addressed",
    "addressed",
    "not-addressed",
    "superseded",
];

#[test]
fn the_json_dossier_counts_what_asks_tier_and_indicators_say() {
    let (sandbox, _) = kazakhstan();
    let before = today();
    let dossier = sandbox.json(&["dossier", "KAZ"]);
    let after = today();
    let asks = sandbox.json(&["asks", "--country", "KAZ"]);
    let asks = array(&asks);

    // Header.
    assert_eq!(dossier["country"], "Kazakhstan");
    assert_eq!(dossier["iso3"], "KAZ");
    assert_eq!(dossier["first_year"], 2011);
    assert_eq!(dossier["last_year"], 2013);
    let as_of = dossier["as_of"].as_str().unwrap();
    assert!(as_of == before || as_of == after, "as_of {as_of}");
    assert_eq!(dossier["database"], sandbox.db.to_str().unwrap());

    // Summary: the counts of `asks`.
    let summary = &dossier["summary"];
    let count = |f: &dyn Fn(&Value) -> bool| asks.iter().filter(|a| f(a)).count();
    assert_eq!(summary["asks"], asks.len());
    assert_eq!(asks.len(), 8);
    for status in STATUSES {
        assert_eq!(
            summary[status.replace('-', "_")],
            count(&|a| a["status"] == status),
            "status {status}"
        );
    }
    assert_eq!(summary["open"], 6);
    assert_eq!(summary["in_progress"], 1);
    assert_eq!(summary["addressed"], 1);
    assert_eq!(summary["overdue"], count(&|a| a["overdue"] == true));
    assert_eq!(summary["asked_again"], count(&|a| a["asked_again"] == true));
    assert_eq!(summary["asked_again"], 1);
    assert_eq!(
        summary["persistent"],
        count(&|a| a["reports"].as_i64().unwrap() >= 3)
    );
    assert_eq!(summary["persistent"], 3);

    // Tiers and figures: those of `tier` and `indicators`.
    assert_eq!(dossier["tiers"], sandbox.json(&["tier", "KAZ"]));
    assert_eq!(dossier["tiers"][1]["tier"], "Tier 2 Watch List");
    assert_eq!(
        dossier["figures"]["years"],
        sandbox.json(&["indicators", "KAZ"])["years"]
    );

    // Every ask once, under its own area.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for area in array(&dossier["areas"]) {
        for ask in array(&area["asks"]) {
            *seen
                .entry(ask["id"].as_str().unwrap().to_string())
                .or_default() += 1;
            let listed = asks.iter().find(|a| a["id"] == ask["id"]).unwrap();
            assert_eq!(area["area"], listed["area"], "area of {}", ask["id"]);
            for key in ["status", "owner", "due", "reports", "years", "text"] {
                assert_eq!(ask[key], listed[key], "{key} of {}", ask["id"]);
            }
        }
    }
    let expected: BTreeMap<String, usize> = asks
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), 1))
        .collect();
    assert_eq!(seen, expected);
    let areas: BTreeSet<&str> = array(&dossier["areas"])
        .iter()
        .map(|a| a["area"].as_str().unwrap())
        .collect();
    assert_eq!(areas.len(), array(&dossier["areas"]).len(), "an area twice");

    // Owner and due date of the assigned ask.
    let complicity = dossier_ask(&dossier, "KAZ-2011-4");
    assert_eq!(complicity["owner"], "Ministry of Internal Affairs");
    assert_eq!(complicity["due"], "2013-03-31");
    assert_eq!(complicity["status_date"], "2012-03-15");

    // The note, as written (JSON is not escaped), on the ask of the item it was written on.
    let notes: Vec<&Value> = array(&dossier_ask(&dossier, "KAZ-2011-2")["notes"])
        .iter()
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], SCRIPT_NOTE);
}

#[test]
fn the_json_dossier_has_the_accepted_evidence_with_its_assessment_and_note_only() {
    let (sandbox, accepted) = kazakhstan();
    let dossier = sandbox.json(&["dossier", "KAZ"]);
    let evidence = array(&dossier_ask(&dossier, "KAZ-2011-8")["evidence"]);
    assert_eq!(evidence.len(), 1, "{evidence:#?}");
    assert_eq!(evidence[0]["id"], accepted);
    assert_eq!(evidence[0]["year"], 2012);
    assert_eq!(evidence[0]["assessment"], "progress");
    assert_eq!(evidence[0]["note"], "seen in the 2012 report");
    assert_eq!(evidence[0]["source"], KAZ_2012);
    let hand = array(&dossier_ask(&dossier, "KAZ-2011-1")["evidence"]);
    assert_eq!(hand.len(), 1, "{hand:#?}");
    assert_eq!(hand[0]["text"], HAND_EVIDENCE);
    assert_eq!(hand[0]["date"], "2011-10-01");
    // No suggestion awaiting review anywhere (there are 25).
    assert!(!array(&sandbox.json(&["evidence", "list", "--suggested"])).is_empty());
    for ask in dossier_asks(&dossier) {
        for e in array(&ask["evidence"]) {
            assert_eq!(e["state"], "accepted", "in {}: {e:#}", ask["id"]);
        }
        assert!(
            ask.get("suggestions")
                .is_none_or(|s| s.is_null() || array(s).is_empty()),
            "suggestions without --suggestions in {}",
            ask["id"]
        );
    }
    let text = dossier.to_string();
    assert!(!text.contains("\"suggested\""), "a suggestion in {text}");
}

#[test]

fn the_json_dossier_leaves_out_matcher_scores_and_paragraphs() {
    let (sandbox, _) = kazakhstan();
    let dossier = sandbox.json(&["dossier", "KAZ"]);
    let mut internals = vec![];
    for ask in dossier_asks(&dossier) {
        for e in array(&ask["evidence"]) {
            for key in ["score", "paragraph", "start", "end", "reason"] {
                if e.get(key).is_some_and(|v| !v.is_null()) {
                    internals.push(format!(
                        "{} evidence {}: {key} = {}",
                        ask["id"], e["id"], e[key]
                    ));
                }
            }
        }
    }
    assert!(internals.is_empty(), "matcher internals: {internals:#?}");
}

#[test]
fn the_json_dossier_with_suggestions_lists_those_awaiting_review() {
    let (sandbox, _) = kazakhstan();
    let suggested = sandbox.json(&["evidence", "list", "--suggested"]);
    let on_2011_3: Vec<&Value> = array(&suggested)
        .iter()
        .filter(|e| e["recommendation"] == "KAZ-2011-3")
        .collect();
    assert!(!on_2011_3.is_empty());
    let dossier = sandbox.json(&["dossier", "KAZ", "--suggestions"]);
    let ask = dossier_ask(&dossier, "KAZ-2011-3");
    let listed: BTreeSet<&str> = array(&ask["suggestions"])
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    let expected: BTreeSet<&str> = on_2011_3
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(listed, expected);
    // The accepted evidence stays where it was.
    assert_eq!(
        array(&dossier_ask(&dossier, "KAZ-2011-8")["evidence"]).len(),
        1
    );
    // The Markdown has them (checked here so that the formats agree).
    let markdown = sandbox.stdout(&["dossier", "KAZ", "--suggestions"]);
    assert!(markdown.contains("awaiting review"), "{markdown}");
}

#[test]
fn status_over_time_has_a_year_per_report_counting_the_asks_made_by_then() {
    let (sandbox, _) = kazakhstan();
    let dossier = sandbox.json(&["dossier", "KAZ"]);
    let over_time = array(&dossier["status_over_time"]);
    let years: Vec<i64> = over_time
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2011, 2012, 2013]);
    let asks = dossier_asks(&dossier);
    for entry in over_time {
        let year = entry["year"].as_i64().unwrap();
        let total: i64 = STATUSES
            .iter()
            .map(|s| entry[s.replace('-', "_")].as_i64().unwrap())
            .sum();
        let made = asks
            .iter()
            .filter(|a| a["first_year"].as_i64().unwrap() <= year)
            .count() as i64;
        assert_eq!(total, made, "{year}: {entry}");
    }
    // From the history: nothing changed before the 2011 report; the 2012 report's period
    // holds the in-progress (2011-09-01) and the addressed (2012-03-15).
    let counts = |i: usize| -> Vec<i64> {
        STATUSES
            .iter()
            .map(|s| over_time[i][s.replace('-', "_")].as_i64().unwrap())
            .collect()
    };
    assert_eq!(counts(0), [8, 0, 0, 0, 0, 0]);
    assert_eq!(counts(1), [6, 1, 0, 1, 0, 0]);
    assert_eq!(counts(2), [6, 1, 0, 1, 0, 0]);
}

#[test]
fn years_keep_only_the_asks_made_in_them() {
    let (sandbox, _) = kazakhstan();
    let asks = sandbox.json(&["asks", "--country", "KAZ"]);
    let expected: BTreeSet<String> = array(&asks)
        .iter()
        .filter(|a| {
            array(&a["years"])
                .iter()
                .any(|y| (2012..=2013).contains(&y.as_i64().unwrap()))
        })
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(expected.len(), 5);
    let dossier = sandbox.json(&["dossier", "KAZ", "--years", "2012..2013"]);
    let got: BTreeSet<String> = dossier_asks(&dossier)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, expected);
    assert_eq!(dossier["first_year"], 2012);
    assert_eq!(dossier["last_year"], 2013);
    assert_eq!(dossier["summary"]["asks"], 5);
    // A single year.
    let one = sandbox.json(&["dossier", "KAZ", "--years", "2012"]);
    let in_2012: BTreeSet<String> = array(&asks)
        .iter()
        .filter(|a| array(&a["years"]).contains(&Value::from(2012)))
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    let got: BTreeSet<String> = dossier_asks(&one)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, in_2012);
}

#[test]

fn status_over_time_within_years_counts_only_the_dossiers_asks() {
    let (sandbox, _) = kazakhstan();
    let dossier = sandbox.json(&["dossier", "KAZ", "--years", "2012..2013"]);
    let asks = dossier_asks(&dossier);
    assert_eq!(asks.len(), 5);
    let over_time = array(&dossier["status_over_time"]);
    let years: Vec<i64> = over_time
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2012, 2013]);
    for entry in over_time {
        let year = entry["year"].as_i64().unwrap();
        let total: i64 = STATUSES
            .iter()
            .map(|s| entry[s.replace('-', "_")].as_i64().unwrap())
            .sum();
        let made = asks
            .iter()
            .filter(|a| a["first_year"].as_i64().unwrap() <= year)
            .count() as i64;
        assert_eq!(
            total, made,
            "{year}: the chart counts {total} asks, the dossier lists {made}: {entry}"
        );
    }
}

#[test]
fn bad_years_exit_2_with_one_line_and_write_nothing() {
    let (sandbox, _) = kazakhstan();
    let out = sandbox.path("d.html");
    let file = out.to_str().unwrap();
    assert_eq!(
        fails(
            &sandbox,
            &["dossier", "KAZ", "--years", "2013..2011", "-o", file],
            2
        ),
        "tiptrack: invalid --years '2013..2011': 2013 is after 2011"
    );
    assert_eq!(
        fails(
            &sandbox,
            &["dossier", "KAZ", "--years", "abc", "-o", file],
            2
        ),
        "tiptrack: invalid --years 'abc': give a report year or FIRST..LAST, e.g. 2011..2013"
    );
    for bad in ["2012..", "..2013", "2012..abc"] {
        let line = fails(&sandbox, &["dossier", "KAZ", "--years", bad], 2);
        assert!(
            line.starts_with(&format!("tiptrack: invalid --years '{bad}'")),
            "{line}"
        );
    }
    assert!(!out.exists(), "a file was written");
}

#[test]
fn the_submission_draft_keeps_what_is_dated_within_the_period() {
    let (sandbox, _) = kazakhstan();
    // Dated after the 2012 period: not in its draft.
    sandbox
        .run(&[
            "evidence",
            "add",
            "KAZ-2011-2",
            "--year",
            "2013",
            "--text",
            "A shelter opened in June 2012.",
            "--date",
            "2012-06-01",
        ])
        .success();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-3",
            "in-progress",
            "--date",
            "2012-05-01",
        ])
        .success();
    let asks = sandbox.json(&["asks", "--country", "KAZ"]);
    let to_do: BTreeSet<String> = array(&asks)
        .iter()
        .filter(|a| a["status"] != "addressed" && a["status"] != "superseded")
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(to_do.len(), 7);

    let dossier = sandbox.json(&["dossier", "KAZ", "--period", "2012"]);
    let draft = &dossier["submission"];
    assert_eq!(draft["period"], 2012);
    assert_eq!(draft["start"], "2011-04-01");
    assert_eq!(draft["end"], "2012-03-31");
    let listed: Vec<String> = array(&draft["asks"])
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    // The asks still to do, and KAZ-2011-4, addressed within the period (2012-03-15): what
    // the government reports on.
    let mut expected = to_do.clone();
    expected.insert("KAZ-2011-4".to_string());
    assert_eq!(
        listed.iter().cloned().collect::<BTreeSet<_>>(),
        expected,
        "one entry per ask still to do or acted on in the period"
    );
    assert_eq!(listed.len(), expected.len(), "an ask twice: {listed:?}");
    // The period before the 2011 report came out answers none of its asks.
    let before = sandbox.json(&["dossier", "KAZ", "--period", "2011"]);
    assert!(array(&before["submission"]["asks"]).is_empty(), "{before}");
    for ask in array(&draft["asks"]) {
        for action in array(&ask["actions"]) {
            // Undated: evidence from the 2012 report itself, which tells the period.
            let Some(date) = action["date"].as_str() else {
                assert_eq!(action["kind"], "evidence", "{action}");
                continue;
            };
            assert!(
                ("2011-04-01"..="2012-03-31").contains(&date),
                "{}: {action} is outside the period",
                ask["id"]
            );
        }
    }
    let actions = |id: &str| -> Vec<(String, String)> {
        let ask = array(&draft["asks"])
            .iter()
            .find(|a| a["id"] == id)
            .unwrap();
        array(&ask["actions"])
            .iter()
            .map(|a| {
                (
                    a["date"].as_str().unwrap().to_string(),
                    a["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        actions("KAZ-2011-1"),
        [
            ("2011-09-01".to_string(), "status".to_string()),
            ("2011-10-01".to_string(), "evidence".to_string())
        ]
    );
    let evidence = &array(&array(&draft["asks"])[0]["actions"])[1];
    assert!(
        evidence["text"].as_str().unwrap().contains(HAND_EVIDENCE),
        "{evidence}"
    );
    // Nothing dated later (the June evidence, the May status, today's note).
    assert_eq!(actions("KAZ-2011-2"), []);
    assert_eq!(actions("KAZ-2011-3"), []);
    let text = draft.to_string();
    assert!(!text.contains("A shelter opened"), "{text}");
    assert!(!text.contains("alert(1)"), "{text}");

    // Without --period there is no draft.
    let plain = sandbox.json(&["dossier", "KAZ"]);
    assert!(plain.get("submission").is_none_or(Value::is_null));
    // The Markdown has it under its own heading.
    let markdown = sandbox.stdout(&["dossier", "KAZ", "--period", "2012"]);
    assert!(
        markdown
            .lines()
            .any(|l| l.starts_with("## Submission draft") && l.contains("2012")),
        "{markdown}"
    );
    assert!(markdown.contains("2011-04-01 to 2012-03-31"), "{markdown}");
}

#[test]
fn the_markdown_dossier_has_headings_escaped_notes_and_no_matcher_columns() {
    let (sandbox, _) = kazakhstan();
    let markdown = sandbox.stdout(&["dossier", "KAZ"]);
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(lines[0], "# Kazakhstan (KAZ)");
    for heading in [
        "## Summary",
        "## Tier history",
        "## Status over time",
        "## The asks",
    ] {
        assert_eq!(
            lines.iter().filter(|l| **l == heading).count(),
            1,
            "{heading} in:\n{markdown}"
        );
    }
    let order: Vec<usize> = [
        "## Summary",
        "## Tier history",
        "## Status over time",
        "## The asks",
    ]
    .iter()
    .map(|h| lines.iter().position(|l| l == h).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let the_asks = order[3];
    for area in ["Prosecution", "Protection", "Prevention", "Partnership"] {
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("### {area}")))
            .unwrap_or_else(|| panic!("no ### {area} in:\n{markdown}"));
        assert!(at > the_asks);
    }
    let asks = sandbox.json(&["asks", "--country", "KAZ"]);
    for ask in array(&asks) {
        let id = ask["id"].as_str().unwrap();
        let heading = format!("#### {id}");
        let found: Vec<&&str> = lines
            .iter()
            .filter(|l| **l == heading || l.starts_with(&format!("{heading} ")))
            .collect();
        assert_eq!(found.len(), 1, "{heading}: {found:?}");
    }
    // No line skips a level below the title.
    let mut level = 1;
    for line in &lines {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if hashes > 0 && line[hashes..].starts_with(' ') {
            assert!(hashes <= level + 1, "{line} after a level-{level} heading");
            level = hashes;
        }
    }
    // `>` is plain text once `<` is escaped: no tag can open.
    assert!(markdown.contains("&lt;script>"), "{markdown}");
    assert!(
        !markdown.contains("<script"),
        "raw <script> in:\n{markdown}"
    );
    for internal in ["Score", "Matched", "Para"] {
        assert!(
            !markdown.contains(internal),
            "{internal} in the dossier:\n{markdown}"
        );
    }
    // The accepted evidence's assessment and note are in it.
    assert!(markdown.contains("seen in the 2012 report"), "{markdown}");
    assert!(markdown.contains("progress"), "{markdown}");
    assert!(
        markdown.contains("Ministry of Internal Affairs"),
        "{markdown}"
    );
    // Awaiting review: only with --suggestions.
    assert!(!markdown.contains("awaiting review"), "{markdown}");
}

/// The resources a page would fetch from the network: `src=`, `href=` or `url(` followed by an
/// http(s) address.
fn remote_references(html: &str) -> Vec<String> {
    let lower = html.to_lowercase();
    let mut found = vec![];
    for marker in ["src=", "href=", "url("] {
        for (at, _) in lower.match_indices(marker) {
            let rest = lower[at + marker.len()..].trim_start_matches(['"', '\'', ' ']);
            if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("//")
            {
                found.push(html[at..(at + 80).min(html.len())].to_string());
            }
        }
    }
    found
}

#[test]
fn the_html_dossier_is_one_self_contained_escaped_file_with_charts() {
    let (sandbox, _) = kazakhstan();
    let out = sandbox.path("kaz.html");
    let assert = sandbox
        .run(&["dossier", "KAZ", "-o", out.to_str().unwrap()])
        .success();
    let output = assert.get_output();
    assert!(output.stdout.is_empty(), "stdout: {:?}", output.stdout);
    let err = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(out.to_str().unwrap()), "{err}");
    let files: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with("tiptrack.db"))
        .collect();
    assert_eq!(files, ["kaz.html"], "one file, no side files");

    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.to_lowercase().contains("<html"), "not a page");
    assert!(html.contains("Kazakhstan"));
    assert!(
        !html.to_lowercase().contains("<script"),
        "a script in the page"
    );
    assert_eq!(remote_references(&html), Vec::<String>::new());
    assert!(
        !html.to_lowercase().contains("<link"),
        "a linked resource in the page"
    );
    assert!(
        html.matches("<svg").count() >= 3,
        "charts: {}",
        html.matches("<svg").count()
    );
    assert!(html.matches("class=\"point\"").count() >= 3);
    // Each of the three kinds of chart (tier, status, a figure) has data points.
    let charts: Vec<&str> = html.split("<svg").skip(1).collect();
    let with_points = charts
        .iter()
        .filter(|c| {
            c.split("</svg>")
                .next()
                .unwrap()
                .contains("class=\"point\"")
        })
        .count();
    assert!(with_points >= 3, "{with_points} charts with points");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the note, escaped"
    );
    assert!(html.contains("@media print"), "a print stylesheet");
    assert!(html.contains("seen in the 2012 report"));

    // The same page on standard output with --format html.
    let page = sandbox.stdout(&["dossier", "KAZ", "--format", "html"]);
    assert!(page.matches("<svg").count() >= 3);
}

#[test]
fn a_dossier_to_a_missing_folder_fails_and_creates_nothing() {
    let (sandbox, _) = kazakhstan();
    let missing = sandbox.path("missing");
    for name in ["kaz.html", "kaz.md", "kaz.xlsx", "kaz.json"] {
        let out = missing.join(name);
        let line = fails(
            &sandbox,
            &["dossier", "KAZ", "-o", out.to_str().unwrap()],
            1,
        );
        assert!(line.starts_with("tiptrack: "), "{line}");
        assert!(line.contains(missing.to_str().unwrap()), "{line}");
        assert!(!missing.exists(), "{name}: the folder was created");
    }
}

/// The rows of one sheet of a workbook.
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("no sheet {name}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn column(header: &[Data], name: &str) -> usize {
    header
        .iter()
        .position(|h| text(h) == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

fn is_number(cell: &Data) -> bool {
    matches!(cell, Data::Float(_) | Data::Int(_))
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(n) => *n as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_xlsx_dossier_has_five_sheets_of_typed_cells() {
    let (sandbox, accepted) = kazakhstan();
    let out = sandbox.path("kaz.xlsx");
    let err = stderr(&sandbox, &["dossier", "KAZ", "-o", out.to_str().unwrap()]);
    assert!(err.contains(out.to_str().unwrap()), "{err}");
    let workbook: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Asks", "Items", "Evidence", "Notes", "Figures"]
    );

    let asks_json = sandbox.json(&["asks", "--country", "KAZ"]);
    let asks_json = array(&asks_json);
    let rows = sheet(&out, "Asks");
    let header = &rows[0];
    assert!(
        header.iter().all(|h| matches!(h, Data::String(_))),
        "{header:?}"
    );
    assert_eq!(
        rows.len(),
        1 + asks_json.len(),
        "header then one row per ask"
    );
    let (id, first, reports, due, again) = (
        column(header, "Ask"),
        column(header, "First year"),
        column(header, "Reports"),
        column(header, "Due"),
        column(header, "Asked again"),
    );
    let mut ids = BTreeSet::new();
    for row in &rows[1..] {
        let ask_id = text(&row[id]);
        assert!(ids.insert(ask_id.clone()), "{ask_id} twice");
        let ask = asks_json
            .iter()
            .find(|a| a["id"] == ask_id.as_str())
            .unwrap_or_else(|| panic!("{ask_id} is not an ask"));
        assert!(
            is_number(&row[first]),
            "{ask_id} first year {:?}",
            row[first]
        );
        assert_eq!(number(&row[first]), ask["first_year"].as_f64().unwrap());
        assert!(
            is_number(&row[reports]),
            "{ask_id} reports {:?}",
            row[reports]
        );
        assert_eq!(number(&row[reports]), ask["reports"].as_f64().unwrap());
        assert_eq!(
            row[again],
            Data::Bool(ask["asked_again"].as_bool().unwrap()),
            "{ask_id}"
        );
        match ask["due"].as_str() {
            Some(date) => match &row[due] {
                Data::DateTime(d) => {
                    let (y, m, day, ..) = d.to_ymd_hms_milli();
                    assert_eq!(format!("{y:04}-{m:02}-{day:02}"), date, "{ask_id}");
                }
                other => panic!("{ask_id}: due is not a date: {other:?}"),
            },
            None => assert_eq!(row[due], Data::Empty, "{ask_id}"),
        }
    }
    assert!(ids.contains("KAZ-2011-4"));

    // Items: the 16 items; Evidence: the two accepted; Notes: the one note.
    let items = sheet(&out, "Items");
    assert_eq!(items.len(), 1 + 16);
    let evidence = sheet(&out, "Evidence");
    assert_eq!(evidence.len(), 1 + 2, "{evidence:?}");
    let evidence_text = format!("{evidence:?}");
    assert!(evidence_text.contains("seen in the 2012 report"));
    assert!(evidence_text.contains(HAND_EVIDENCE));
    let _ = accepted;
    let notes = sheet(&out, "Notes");
    assert_eq!(notes.len(), 1 + 1);
    assert!(
        notes[1].contains(&Data::String(SCRIPT_NOTE.to_string())),
        "{notes:?}"
    );

    // Figures: one row per year of `indicators`, its counts typed as numbers.
    let figures = sheet(&out, "Figures");
    let indicators = sandbox.json(&["indicators", "KAZ"]);
    assert_eq!(figures.len(), 1 + array(&indicators["years"]).len());
    let fheader = &figures[0];
    let year = column(fheader, "Year");
    let mut numbers = 0;
    for row in &figures[1..] {
        assert!(is_number(&row[year]), "{row:?}");
        for cell in row {
            if let Data::String(s) = cell {
                assert!(
                    s.trim().parse::<f64>().is_err(),
                    "a number as text in Figures: {s:?} in {row:?}"
                );
            }
            if is_number(cell) {
                numbers += 1;
            }
        }
    }
    let investigations = column(fheader, "Investigations");
    let row_2010 = figures[1..]
        .iter()
        .find(|r| number(&r[year]) == 2010.0)
        .unwrap();
    assert_eq!(row_2010[investigations], Data::Float(90.0));
    assert!(numbers > 2 * figures.len(), "{figures:?}");

    // No total row in any sheet.
    for name in ["Asks", "Items", "Evidence", "Notes", "Figures"] {
        for row in sheet(&out, name) {
            assert!(
                !text(&row[0]).to_lowercase().starts_with("total"),
                "{name}: {row:?}"
            );
        }
    }
}

#[test]
fn an_xlsx_dossier_needs_a_file() {
    let (sandbox, _) = kazakhstan();
    let line = fails(&sandbox, &["dossier", "KAZ", "--format", "xlsx"], 2);
    assert_eq!(
        line,
        "tiptrack: a workbook is written to a file: give -o FILE.xlsx"
    );
}
