//! Recurring recommendations on corpus pairs that share a country: which items link, with which
//! kind, in either import order; the user's corrections through re-imports; `chain` and `diff`.
//!
//! The expected pairs were judged by reading the texts (see the README's "Recurring
//! recommendations"); `linking_quality_on_the_corpus_pairs` prints the measured figures.

use pretty_assertions::assert_eq;

use crate::Sandbox;

const CORPUS: &str = "tests/fixtures/corpus";

/// A corpus pair: the two files with their `--year`, and the pairs judged the same ask as
/// (earlier ID, later ID, kind).
struct Pair {
    earlier: (&'static str, &'static str),
    later: (&'static str, &'static str),
    expected: &'static [(&'static str, &'static str, &'static str)],
}

const PAIRS: &[Pair] = &[
    Pair {
        earlier: ("geo-2009.txt", "2009"),
        later: ("geo-2010.txt", "2010"),
        expected: &[
            ("GEO-2009-1", "GEO-2010-1", "reworded"),
            ("GEO-2009-2", "GEO-2010-2", "reworded"),
            ("GEO-2009-3", "GEO-2010-3", "reworded"),
            ("GEO-2009-4", "GEO-2010-4", "repeated"),
        ],
    },
    Pair {
        earlier: ("ton-2022.txt", "2022"),
        later: ("ton-2023.txt", "2023"),
        expected: &[
            ("TON-2022-1", "TON-2023-1", "reworded"),
            ("TON-2022-2", "TON-2023-2", "repeated"),
            ("TON-2022-3", "TON-2023-3", "repeated"),
            ("TON-2022-4", "TON-2023-4", "reworded"),
            ("TON-2022-6", "TON-2023-5", "repeated"),
            ("TON-2022-7", "TON-2023-6", "repeated"),
        ],
    },
    Pair {
        earlier: ("mng-2015.txt", "2015"),
        later: ("mng-2020.txt", "2020"),
        expected: &[
            ("MNG-2015-2", "MNG-2020-1", "reworded"),
            ("MNG-2015-5", "MNG-2020-5", "reworded"),
        ],
    },
];

fn import(sandbox: &Sandbox, (file, year): (&str, &str)) {
    let path = format!("{CORPUS}/{file}");
    sandbox.run(&["import", &path, "--year", year]).success();
}

/// Every link of the later report, as (earlier, later, kind), read from `chain`.
fn links(sandbox: &Sandbox, later_year: &str, iso3: &str) -> Vec<(String, String, String)> {
    let items = sandbox.json(&["list", "--country", iso3, "--year", later_year]);
    let mut found = Vec::new();
    for item in items.as_array().unwrap() {
        let chain = sandbox.json(&["chain", item["id"].as_str().unwrap()]);
        let chain = chain.as_array().unwrap();
        let at = chain.iter().position(|e| e["id"] == item["id"]).unwrap();
        if at > 0 {
            found.push((
                chain[at - 1]["id"].as_str().unwrap().to_string(),
                chain[at]["id"].as_str().unwrap().to_string(),
                chain[at]["link"].as_str().unwrap().to_string(),
            ));
        }
    }
    found
}

fn expected(pair: &Pair) -> Vec<(String, String, String)> {
    pair.expected
        .iter()
        .map(|(e, l, k)| (e.to_string(), l.to_string(), k.to_string()))
        .collect()
}

#[test]
fn corpus_pairs_link_as_judged_in_either_import_order() {
    for pair in PAIRS {
        let iso3 = &pair.expected[0].0[..3];
        let forward = Sandbox::empty();
        import(&forward, pair.earlier);
        import(&forward, pair.later);
        let backward = Sandbox::empty();
        import(&backward, pair.later);
        import(&backward, pair.earlier);
        assert_eq!(links(&forward, pair.later.1, iso3), expected(pair));
        assert_eq!(links(&backward, pair.later.1, iso3), expected(pair));
    }
}

/// Prints recall (judged pairs linked, with the right kind) and wrong links on all the pairs;
/// `cargo test --test cli linking_quality -- --nocapture` shows the figures.
#[test]
fn linking_quality_on_the_corpus_pairs() {
    let (mut judged, mut linked, mut right_kind, mut wrong) = (0, 0, 0, 0);
    for pair in PAIRS {
        let sandbox = Sandbox::empty();
        import(&sandbox, pair.earlier);
        import(&sandbox, pair.later);
        let iso3 = &pair.expected[0].0[..3];
        let found = links(&sandbox, pair.later.1, iso3);
        judged += pair.expected.len();
        for (e, l, k) in &found {
            match pair.expected.iter().find(|x| x.0 == e && x.1 == l) {
                Some(x) => {
                    linked += 1;
                    right_kind += usize::from(x.2 == k);
                }
                None => wrong += 1,
            }
        }
    }
    println!(
        "judged pairs {judged}, linked {linked}, with the judged kind {right_kind}, wrong links {wrong}"
    );
    assert_eq!((judged, linked, right_kind, wrong), (12, 12, 12, 0));
}

#[test]
fn an_earlier_year_imported_later_takes_over_the_links() {
    // Mongolia 2015 then 2020 link; importing 2015's neighbour-free year keeps them, and the
    // dropped asks of 2015 are those with no successor in 2020.
    let sandbox = Sandbox::empty();
    import(&sandbox, ("mng-2020.txt", "2020"));
    import(&sandbox, ("mng-2015.txt", "2015"));
    let chain = sandbox.json(&["chain", "MNG-2015-3"]);
    assert_eq!(chain.as_array().unwrap().len(), 1);
    assert_eq!(chain[0]["dropped"], true);
    let chain = sandbox.json(&["chain", "mng-2020-1"]);
    assert_eq!(chain[0]["id"], "MNG-2015-2");
    assert_eq!(chain[1]["link"], "reworded");
    assert_eq!(chain[1]["linked_by"], "auto");
    assert_eq!(chain[1]["dropped"], false);
}

#[test]
fn corrections_survive_reimports_and_are_in_the_history() {
    let sandbox = Sandbox::empty();
    import(&sandbox, ("ton-2022.txt", "2022"));
    import(&sandbox, ("ton-2023.txt", "2023"));
    sandbox
        .run(&["unlink", "TON-2023-4", "TON-2022-4"])
        .success()
        .stderr("TON-2023-4: unlinked from TON-2022-4\n");
    sandbox
        .run(&["link", "TON-2022-5", "TON-2023-7"])
        .success()
        .stderr("TON-2023-7: linked to TON-2022-5 (reworded, score 0.00)\n");
    let corrected = links(&sandbox, "2023", "TON");

    // A changed copy of 2022 (re-import) and a fresh import of 2023's neighbour keep them.
    let changed = sandbox.path("ton-2022-changed.txt");
    let text = std::fs::read_to_string(format!("{CORPUS}/ton-2022.txt")).unwrap();
    std::fs::write(
        &changed,
        text.replace("education campaigns", "education campaigns nationwide"),
    )
    .unwrap();
    sandbox
        .run(&["import", changed.to_str().unwrap(), "--year", "2022"])
        .success();
    // The same pairs (the edited item 7 is now only reworded), the corrections among them.
    let pairs = |links: &[(String, String, String)]| -> Vec<(String, String)> {
        links
            .iter()
            .map(|(e, l, _)| (e.clone(), l.clone()))
            .collect()
    };
    assert_eq!(pairs(&links(&sandbox, "2023", "TON")), pairs(&corrected));
    assert!(
        !corrected
            .iter()
            .any(|(e, l, _)| e == "TON-2022-4" && l == "TON-2023-4")
    );
    assert!(corrected.contains(&(
        "TON-2022-5".to_string(),
        "TON-2023-7".to_string(),
        "reworded".to_string()
    )));
    let chain = sandbox.json(&["chain", "TON-2023-7"]);
    assert_eq!(chain[1]["linked_by"], "user");

    let history = sandbox.json(&["history", "TON-2023-4"]);
    assert_eq!(history[0]["kind"], "unlink");
    assert_eq!(history[0]["old_value"], "TON-2022-4");
    let history = sandbox.json(&["history", "TON-2022-5"]);
    assert_eq!(history[0]["kind"], "link");
    assert_eq!(history[0]["new_value"], "TON-2023-7");

    let line = crate::error_line(sandbox.run(&["unlink", "TON-2022-4", "TON-2023-4"]), 1);
    assert_eq!(line, "tiptrack: TON-2022-4 and TON-2023-4 are not linked");
    let line = crate::error_line(sandbox.run(&["link", "TON-2022-4", "TON-2022-5"]), 1);
    assert_eq!(
        line,
        "tiptrack: TON-2022-4 and TON-2022-5 are from the same report; a link joins two report years"
    );
}

#[test]
fn persistent_asks_and_repeat_counts() {
    let sandbox = Sandbox::empty();
    import(&sandbox, ("ton-2022.txt", "2022"));
    import(&sandbox, ("ton-2023.txt", "2023"));
    let ids = |args: &[&str]| -> Vec<String> {
        let items = sandbox.json(args);
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| format!("{}:{}", i["id"].as_str().unwrap(), i["repeats"]))
            .collect()
    };
    assert_eq!(
        ids(&["list", "--persistent", "1"]),
        [
            "TON-2023-1:1",
            "TON-2023-2:1",
            "TON-2023-3:1",
            "TON-2023-4:1",
            "TON-2023-5:1",
            "TON-2023-6:1"
        ]
    );
    assert!(ids(&["list", "--persistent", "2"]).is_empty());
    assert_eq!(ids(&["list", "--year", "2022"])[0], "TON-2022-1:0");

    // The report counts, per row, the asks an earlier report already made.
    let report = sandbox.json(&["report"]);
    let asked: Vec<(i64, i64, i64)> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["total"].as_i64().unwrap(),
                r["asked_before"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(asked, [(2022, 7, 0), (2023, 7, 6)]);
    assert_eq!(report["total"]["asked_before"], 6);
    let by_area = sandbox.json(&["report", "--group-by", "area"]);
    assert_eq!(by_area["total"]["asked_before"], 6);
}

#[test]
fn diff_shows_new_repeated_reworded_and_dropped_asks_and_the_tier() {
    let sandbox = Sandbox::empty();
    import(&sandbox, ("ton-2022.txt", "2022"));
    import(&sandbox, ("ton-2023.txt", "2023"));
    sandbox
        .run(&["status", "TON-2022-2", "in-progress"])
        .success();
    let diff = sandbox.json(&["diff", "Tonga", "2022", "2023"]);
    assert_eq!(diff["tier1"], "Tier 2 Watch List");
    assert_eq!(diff["tier2"], "Tier 2");
    let rows: Vec<String> = diff["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {} {}",
                i["change"].as_str().unwrap(),
                i["earlier"].as_str().unwrap_or("-"),
                i["later"].as_str().unwrap_or("-"),
                i["earlier_status"].as_str().unwrap_or("-"),
                i["later_status"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "reworded TON-2022-1 TON-2023-1 open open",
            // One ask: the status set on its 2022 item is the 2023 item's too.
            "repeated TON-2022-2 TON-2023-2 in-progress in-progress",
            "repeated TON-2022-3 TON-2023-3 open open",
            "reworded TON-2022-4 TON-2023-4 open open",
            "dropped TON-2022-5 - open -",
            "repeated TON-2022-6 TON-2023-5 open open",
            "repeated TON-2022-7 TON-2023-6 open open",
            "new - TON-2023-7 - open",
        ]
    );
    let table = sandbox.stdout(&["diff", "TON", "2022", "2023"]);
    assert!(
        table.starts_with(
            "Tonga (TON) 2022 -> 2023
Tier: Tier 2 Watch List -> Tier 2
"
        ),
        "{table}"
    );
    assert!(
        table.contains("| repeated | TON-2022-2 | TON-2023-2 | in-progress | 1.00  |"),
        "{table}"
    );
    let csv = sandbox.stdout(&["diff", "TON", "2022", "2023", "--format", "csv"]);
    assert!(csv.starts_with(
        "country,iso3,year1,year2,tier1,tier2,change,earlier,earlier_status,later,later_status,score,text\r\n"
    ));
    let line = crate::error_line(sandbox.run(&["diff", "TON", "2023", "2022"]), 2);
    assert!(
        line.contains("YEAR1 (2023) must come before YEAR2 (2022)"),
        "{line}"
    );
    let line = crate::error_line(sandbox.run(&["diff", "TON", "2022", "2024"]), 1);
    assert_eq!(line, "tiptrack: no TON report for 2024 is imported");
}

const KAZ: [&str; 3] = [
    "tests/fixtures/tip-2011-kazakhstan.txt",
    "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt",
    "tests/fixtures/quality/kaz-2013-made-for-tests.txt",
];

/// Every link of a country's later reports, as (earlier, later, kind).
fn all_links(sandbox: &Sandbox, iso3: &str, years: &[&str]) -> Vec<(String, String, String)> {
    years.iter().flat_map(|y| links(sandbox, y, iso3)).collect()
}

#[test]
fn an_ask_that_skips_a_report_links_back_in_any_import_order() {
    // Kazakhstan 2011's cotton-harvest ask is not in 2012 and comes back in 2013.
    let orders: [[usize; 3]; 3] = [[0, 1, 2], [2, 1, 0], [2, 0, 1]];
    let mut found = Vec::new();
    for order in orders {
        let sandbox = Sandbox::empty();
        for i in order {
            sandbox.run(&["import", KAZ[i]]).success();
        }
        let chain = sandbox.json(&["chain", "KAZ-2013-5"]);
        let ids: Vec<&str> = chain
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["KAZ-2011-5", "KAZ-2013-5"], "order {order:?}");
        assert_eq!(chain[1]["link"], "reworded");
        assert_eq!(chain[1]["linked_by"], "auto");
        // Not carried into 2012: dropped there, and the chain shows it came back.
        assert_eq!(chain[0]["dropped"], true);
        assert_eq!(chain[1]["dropped"], false);

        let diff = sandbox.json(&["diff", "KAZ", "2011", "2012"]);
        let change = |diff: &serde_json::Value, id: &str| -> String {
            let item = diff["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["earlier"] == id)
                .unwrap();
            format!(
                "{} {}",
                item["change"].as_str().unwrap(),
                item["later"].as_str().unwrap_or("-")
            )
        };
        assert_eq!(change(&diff, "KAZ-2011-5"), "dropped -");
        let diff = sandbox.json(&["diff", "KAZ", "2011", "2013"]);
        assert_eq!(change(&diff, "KAZ-2011-5"), "reworded KAZ-2013-5");
        let items = sandbox.json(&["list", "--country", "KAZ", "--year", "2013"]);
        assert_eq!(items[4]["repeats"], 1);
        found.push(all_links(&sandbox, "KAZ", &["2012", "2013"]));
    }
    assert_eq!(found[1], found[0]);
    assert_eq!(found[2], found[0]);
    // Each item has one predecessor and, automatically, one successor: lineages stay lines.
    let mut earlier: Vec<&String> = found[0].iter().map(|(e, _, _)| e).collect();
    earlier.sort();
    earlier.dedup();
    assert_eq!(earlier.len(), found[0].len(), "{:?}", found[0]);
}

#[test]
fn a_skip_year_link_can_be_corrected_and_stays_corrected() {
    let sandbox = Sandbox::empty();
    for file in KAZ {
        sandbox.run(&["import", file]).success();
    }
    sandbox
        .run(&["unlink", "KAZ-2013-5", "KAZ-2011-5"])
        .success()
        .stderr("KAZ-2013-5: unlinked from KAZ-2011-5\n");
    let chain = sandbox.json(&["chain", "KAZ-2013-5"]);
    assert_eq!(chain.as_array().unwrap().len(), 1);
    // Re-importing the year between, and the earlier year, does not bring it back.
    sandbox.run(&["import", KAZ[1]]).success();
    sandbox.run(&["import", KAZ[0]]).success();
    let chain = sandbox.json(&["chain", "KAZ-2013-5"]);
    assert_eq!(chain.as_array().unwrap().len(), 1);
    // A user's link across two reports.
    sandbox.run(&["link", "KAZ-2011-7", "KAZ-2013-5"]).success();
    let chain = sandbox.json(&["chain", "KAZ-2013-5"]);
    assert_eq!(chain[0]["id"], "KAZ-2011-7");
    assert_eq!(chain[1]["linked_by"], "user");
    sandbox.run(&["import", KAZ[1]]).success();
    let chain = sandbox.json(&["chain", "KAZ-2013-5"]);
    assert_eq!(chain[0]["id"], "KAZ-2011-7");
}

/// The pairs `diff` calls repeated or reworded, as (earlier, later, change).
pub(crate) fn claimed(
    sandbox: &Sandbox,
    iso3: &str,
    year1: &str,
    year2: &str,
) -> Vec<(String, String, String)> {
    sandbox.json(&["diff", iso3, year1, year2])["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["change"] == "repeated" || i["change"] == "reworded")
        .map(|i| {
            (
                i["earlier"].as_str().unwrap().to_string(),
                i["later"].as_str().unwrap().to_string(),
                i["change"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn two_asks_made_one_both_continue_in_either_import_order() {
    // The seed's first two asks (identify foreign victims; assist them) are one ask in 2012.
    for order in [[0, 1], [1, 0]] {
        let sandbox = Sandbox::empty();
        for i in order {
            sandbox.run(&["import", KAZ[i]]).success();
        }
        let claims = claimed(&sandbox, "KAZ", "2011", "2012");
        for earlier in ["KAZ-2011-1", "KAZ-2011-2"] {
            assert!(
                claims
                    .iter()
                    .any(|(e, l, c)| e == earlier && l == "KAZ-2012-1" && c == "reworded"),
                "{order:?}: {claims:?}"
            );
        }
        // Neither is dropped. The assistance ask (the better link) goes on into 2012; the
        // identification ask ends in 2011, merged into it.
        let chain = sandbox.json(&["chain", "KAZ-2011-2"]);
        let chain = chain.as_array().unwrap();
        assert_eq!(chain[0]["id"], "KAZ-2011-2");
        assert_eq!(chain[1]["id"], "KAZ-2012-1");
        assert_eq!(chain[1]["link"], "reworded");
        let merged = sandbox.json(&["chain", "KAZ-2011-1"]);
        let merged = merged.as_array().unwrap();
        assert_eq!(merged.len(), 1, "{merged:?}");
        assert_eq!(merged[0]["dropped"], false);
        assert_eq!(merged[0]["merged_into"], "KAZ-2012-1");
        let asks = sandbox.json(&["asks", "--country", "KAZ"]);
        let identification = asks
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "KAZ-2011-1")
            .unwrap();
        assert_eq!(identification["merged_into"], "KAZ-2012-1");
        assert_eq!(identification["still_made"], false);
        // The item repeats one earlier report's ask, however many it merges.
        let later = sandbox.json(&["show", "KAZ-2012-1"]);
        assert_eq!(later["repeats"], 1);
    }
}

#[test]
fn a_user_can_link_one_item_to_two_earlier_asks() {
    let sandbox = Sandbox::empty();
    sandbox.run(&["import", KAZ[0], KAZ[1]]).success();
    // 2012's complicity ask continues 2011's (automatically). The user links 2011's
    // law-enforcement capacity ask to it, then 2011's complicity ask again, as user links: the
    // second does not undo the first. Then takes the first back.
    sandbox.run(&["link", "KAZ-2011-8", "KAZ-2012-2"]).success();
    sandbox.run(&["link", "KAZ-2011-4", "KAZ-2012-2"]).success();
    let claims = claimed(&sandbox, "KAZ", "2011", "2012");
    for earlier in ["KAZ-2011-4", "KAZ-2011-8"] {
        assert!(
            claims
                .iter()
                .any(|(e, l, _)| e == earlier && l == "KAZ-2012-2"),
            "{claims:?}"
        );
    }
    sandbox
        .run(&["unlink", "KAZ-2011-8", "KAZ-2012-2"])
        .success();
    let claims = claimed(&sandbox, "KAZ", "2011", "2012");
    assert!(
        !claims.iter().any(|(e, _, _)| e == "KAZ-2011-8"),
        "{claims:?}"
    );
    assert!(
        claims
            .iter()
            .any(|(e, l, _)| e == "KAZ-2011-4" && l == "KAZ-2012-2")
    );
    // Each step is in the history.
    let kinds: Vec<String> = sandbox
        .json(&["history", "KAZ-2012-2"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds[..3], ["unlink", "link", "link"]);
}

#[test]
fn an_excerpt_without_recommendations_leaves_earlier_asks_unknown_not_dropped() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "import",
            "tests/fixtures/formats/kaz-2012-excerpt-made-for-tests.txt",
        ])
        .success();
    let diff = sandbox.json(&["diff", "KAZ", "2011", "2012"]);
    let changes: Vec<&str> = diff["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["unknown"; 8], "{diff}");
    let chain = sandbox.json(&["chain", "KAZ-2011-3"]);
    assert_eq!(chain[0]["dropped"], false);
    assert_eq!(chain[0]["unknown"], true);
    // A later copy with its recommendations block does tell: the asks it lacks are dropped.
    sandbox
        .run(&[
            "import",
            "tests/fixtures/quality/kaz-2013-made-for-tests.txt",
        ])
        .success();
    let chain = sandbox.json(&["chain", "KAZ-2011-7"]);
    assert_eq!(chain[0]["dropped"], true, "{chain}");
    assert_eq!(chain[0]["unknown"], false);
}
