//! Measured quality of suggested evidence and recurring-recommendation links against the
//! labelled set `tests/fixtures/quality/labels.json` (judged by reading the texts; see its
//! "rule" and tests/fixtures/quality/README.md). The same measurement as `bench/quality.py`;
//! `cargo test --test cli quality -- --nocapture` prints the figures.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::Sandbox;

const LABELS: &str = "tests/fixtures/quality/labels.json";
const TUNING_2: &str = "tests/fixtures/quality/tuning-2/labels.json";
const TUNING_3: &str = "tests/fixtures/quality/tuning-3/labels.json";
const TUNING_4: &str = "tests/fixtures/quality/tuning-4/labels.json";
const UNTUNED_2: &str = "tests/fixtures/quality/untuned-2/labels.json";
const UNTUNED_4: &str = "tests/fixtures/quality/untuned-4/labels.json";
const UNTUNED_5: &str = "tests/fixtures/quality/untuned-5/labels.json";
const UNTUNED_6: &str = "tests/fixtures/quality/untuned-6/labels.json";
const UNTUNED_7: &str = "tests/fixtures/quality/untuned-7/labels.json";
/// The top-3 precision's 3: a recommendation's best suggestions from a narrative.
const TOP: usize = 3;

/// Top-3 precision on the tuning set, measured 0.76 (159 of 209), rounded down: the issue's
/// target (0.80) is not met. A floor against regressions, not a claim.
const PRECISION_FLOOR: f64 = 0.75;
/// Recall of the labelled sentences at any rank, measured 0.52, rounded down: precision is not
/// to be bought by suggesting less.
const RECALL_FLOOR: f64 = 0.50;
/// The target for repeat recall over all labelled pairs of years, including
/// non-adjacent ones (linked when the earlier item is an ancestor in the chain); measured 0.90
/// (38 of 42). Still missed: Mongolia 2007's "law enforcement means" ask (counted for three later
/// years), and Kazakhstan 2012's merged ask, which can continue only one of 2011's two.
const REPEAT_RECALL_FLOOR: f64 = 0.90;
/// The target, met on adjacent years (the links the tool makes).
const ADJACENT_REPEAT_RECALL: f64 = 0.90;
/// Pairs `diff` calls repeated or reworded that no label names, measured 1: Kazakhstan 2011's
/// identification ask reaches 2013's assistance ask through 2012's merged ask.
const WRONG_MAX: usize = 1;

fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn year_of(id: &str) -> i64 {
    id.split('-').nth(1).unwrap().parse().unwrap()
}

#[derive(Default)]
struct Counts {
    made: usize,
    relevant: usize,
    labelled: usize,
    found: usize,
    repeats: usize,
    linked: usize,
    wrong: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.made += o.made;
        self.relevant += o.relevant;
        self.labelled += o.labelled;
        self.found += o.found;
        self.repeats += o.repeats;
        self.linked += o.linked;
        self.wrong += o.wrong;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Measures a labels file as `bench/quality.py` does, prints the figures, and returns (all pairs,
/// adjacent pairs).
fn measure(path: &str) -> (Counts, Counts) {
    let labels: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut all, mut adjacent) = (Counts::default(), Counts::default());
    for series in labels["series"].as_array().unwrap() {
        let sandbox = Sandbox::empty();
        let country = series["country"].as_str().unwrap();
        for file in series["files"].as_array().unwrap() {
            let mut args = vec![
                "import".to_string(),
                file["file"].as_str().unwrap().to_string(),
            ];
            if let Some(year) = file.get("import_year") {
                args.extend(["--year".to_string(), year.to_string()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            sandbox.run(&args).success();
        }
        let suggestions = sandbox.json(&[
            "evidence",
            "list",
            "--suggested",
            "--each",
            "--country",
            country,
        ]);
        let suggestions = suggestions.as_array().unwrap();
        // Each item's ancestors, and its direct predecessor.
        let mut ancestors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for item in sandbox
            .json(&["list", "--country", country])
            .as_array()
            .unwrap()
        {
            let id = item["id"].as_str().unwrap();
            let chain = sandbox.json(&["chain", id]);
            let chain = chain.as_array().unwrap();
            let at = chain.iter().position(|e| e["id"] == id).unwrap();
            let before: Vec<String> = chain[..at]
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_string())
                .collect();
            ancestors.insert(id.to_string(), before);
        }
        let mut years: Vec<i64> = series["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["year"].as_i64().unwrap())
            .collect();
        years.sort();
        for pair in series["pairs"].as_array().unwrap() {
            let (earlier, later) = (
                pair["earlier"].as_i64().unwrap(),
                pair["later"].as_i64().unwrap(),
            );
            let labelled: BTreeMap<&str, Vec<String>> = pair["relevant"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(id, subs)| {
                    let subs = subs
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| norm(s.as_str().unwrap()));
                    (id.as_str(), subs.collect())
                })
                .collect();
            // What `diff` between the two years calls repeated or reworded (merges included).
            let said: BTreeSet<(String, String)> =
                crate::chains::claimed(&sandbox, country, &earlier.to_string(), &later.to_string())
                    .into_iter()
                    .map(|(e, l, _)| (e, l))
                    .collect();
            let mut c = Counts::default();
            let mut hits = BTreeSet::new();
            // Each recommendation's suggestions from the later narrative, best first: the
            // first three count for the top-3 precision, all of them for the recall.
            let mut by_rec: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
            for s in suggestions.iter().filter(|s| {
                year_of(s["recommendation"].as_str().unwrap()) == earlier && s["year"] == later
            }) {
                by_rec
                    .entry(s["recommendation"].as_str().unwrap())
                    .or_default()
                    .push(s);
            }
            for (rec, shown) in &mut by_rec {
                shown.sort_by(|a, b| {
                    b["score"]
                        .as_f64()
                        .unwrap()
                        .total_cmp(&a["score"].as_f64().unwrap())
                        .then(a["start"].as_u64().cmp(&b["start"].as_u64()))
                });
                for (rank, s) in shown.iter().enumerate() {
                    let text = norm(s["text"].as_str().unwrap());
                    let matched: Vec<&String> = labelled
                        .get(rec)
                        .map(|subs| {
                            subs.iter()
                                .filter(|sub| text.contains(sub.as_str()))
                                .collect()
                        })
                        .unwrap_or_default();
                    if rank < TOP {
                        c.made += 1;
                        c.relevant += usize::from(!matched.is_empty());
                    }
                    hits.extend(matched.into_iter().map(|sub| (*rec, sub.clone())));
                }
            }
            c.labelled = labelled.values().map(Vec::len).sum();
            c.found = hits.len();
            let mut named = BTreeSet::new();
            let mut required: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
            for entry in pair["repeats"].as_array().unwrap() {
                let e = entry[0].as_str().unwrap().to_string();
                let l = entry[1].as_str().unwrap().to_string();
                named.insert((e.clone(), l.clone()));
                if entry[2] == "partial" {
                    continue;
                }
                let key = entry
                    .get(3)
                    .map_or_else(|| format!("{e}>{l}"), |g| g.as_str().unwrap().to_string());
                required.entry(key).or_default().push((e, l));
            }
            c.repeats = required.len();
            c.linked = required
                .values()
                .filter(|alts| {
                    alts.iter().any(|(e, l)| {
                        ancestors.get(l).is_some_and(|a| a.contains(e))
                            || said.contains(&(e.clone(), l.clone()))
                    })
                })
                .count();
            c.wrong = said.iter().filter(|pair| !named.contains(*pair)).count();
            println!(
                "{country} {earlier}->{later}: suggestions {}, relevant {}, labelled {}, found {}, repeats {}/{} linked, wrong links {}",
                c.made, c.relevant, c.labelled, c.found, c.linked, c.repeats, c.wrong
            );
            let next = years.iter().position(|y| *y == earlier).unwrap() + 1;
            if years[next] == later {
                adjacent.add(&c);
            }
            all.add(&c);
        }
    }
    let precision = ratio(all.relevant, all.made);
    let repeat_recall = ratio(all.linked, all.repeats);
    let adjacent_recall = ratio(adjacent.linked, adjacent.repeats);
    println!(
        "overall: top-3 precision {precision:.2} ({} of {}), recall {:.2} ({} of {}), repeat recall \
         {repeat_recall:.2} ({} of {}; adjacent years {adjacent_recall:.2}, {} of {}), wrong links {}",
        all.relevant,
        all.made,
        ratio(all.found, all.labelled),
        all.found,
        all.labelled,
        all.linked,
        all.repeats,
        adjacent.linked,
        adjacent.repeats,
        all.wrong
    );
    (all, adjacent)
}

/// What a labelled set must measure at least (at most, for wrong links).
struct Floors {
    precision: f64,
    recall: f64,
    repeat_recall: f64,
    wrong: usize,
}

/// Measures the labelled set at `path` and checks it against `floors`, naming the set and the
/// figure that fell short.
fn assert_floors(path: &str, floors: Floors) {
    let (all, _) = measure(path);
    assert!(all.made > 0 && all.labelled > 0, "{path}: nothing measured");
    let precision = ratio(all.relevant, all.made);
    assert!(
        precision >= floors.precision,
        "{path}: top-3 precision {precision:.2}, floor {}",
        floors.precision
    );
    let recall = ratio(all.found, all.labelled);
    assert!(
        recall >= floors.recall,
        "{path}: recall {recall:.2}, floor {}",
        floors.recall
    );
    let repeat_recall = ratio(all.linked, all.repeats);
    assert!(
        repeat_recall >= floors.repeat_recall,
        "{path}: repeat recall {repeat_recall:.2}, floor {}",
        floors.repeat_recall
    );
    assert!(
        all.wrong <= floors.wrong,
        "{path}: {} wrong links, at most {}",
        all.wrong,
        floors.wrong
    );
}

#[test]
fn quality_against_the_labelled_set() {
    let (all, adjacent) = measure(LABELS);
    let precision = ratio(all.relevant, all.made);
    let repeat_recall = ratio(all.linked, all.repeats);
    let adjacent_recall = ratio(adjacent.linked, adjacent.repeats);
    assert!(all.made > 0 && all.labelled > 0);
    assert!(all.wrong <= WRONG_MAX, "wrong links {}", all.wrong);
    assert!(
        adjacent_recall >= ADJACENT_REPEAT_RECALL,
        "adjacent repeat recall {adjacent_recall:.2}"
    );
    assert!(
        repeat_recall >= REPEAT_RECALL_FLOOR,
        "repeat recall {repeat_recall:.2}"
    );
    assert!(
        precision >= PRECISION_FLOOR,
        "top-3 precision {precision:.2}"
    );
    let recall = ratio(all.found, all.labelled);
    assert!(recall >= RECALL_FLOOR, "recall {recall:.2}");
}

/// The second tuning set (`tests/fixtures/quality/tuning-2/`: written and labelled blind, measured
/// as the first untuned set, then moved to tuning on 2026-12-02): floors at the figures measured
/// (top-3 precision 0.83, recall 0.49, repeat recall 0.97, 1 wrong link), rounded down.
#[test]
fn quality_against_the_second_tuning_set() {
    assert_floors(
        TUNING_2,
        Floors {
            precision: 0.80,
            recall: 0.45,
            repeat_recall: 0.90,
            wrong: 1,
        },
    );
}

/// The third tuning set (`tests/fixtures/quality/tuning-3/`: the Palau, Cote d'Ivoire, Timor-Leste
/// and Aruba series of the second untuned set, moved to tuning on 2026-12-03 when their misses
/// were read): floors at the figures measured with that day's rules (top-3 precision 0.79, recall
/// 0.35, no ask without a suggestion, repeat recall 0.91, no wrong link), rounded down. Fits.
#[test]
fn quality_against_the_third_tuning_set() {
    assert_floors(
        TUNING_3,
        Floors {
            precision: 0.75,
            recall: 0.30,
            repeat_recall: 0.90,
            wrong: 0,
        },
    );
}

/// The fourth tuning set (`tests/fixtures/quality/tuning-4/`: the third untuned set, moved to
/// tuning on 2026-12-03 when its misses were read): floors at the figures measured with that
/// day's rules (top-3 precision 0.90, recall 0.58, repeat recall 0.83, no wrong link), rounded
/// down. Fits.
#[test]
fn quality_against_the_fourth_tuning_set() {
    assert_floors(
        TUNING_4,
        Floors {
            precision: 0.85,
            recall: 0.55,
            repeat_recall: 0.80,
            wrong: 0,
        },
    );
}

/// The second untuned set (`tests/fixtures/quality/untuned-2/`, written and labelled blind on
/// 2026-12-02; since 2026-12-03 the United Kingdom series alone, the other four moved to
/// `tuning-3/`): floors at the figures measured (top-3 precision 0.70, recall 0.52, repeat recall
/// 1.00, no wrong link), unchanged by the rules of 2026-12-03, rounded down, against regressions.
/// Never tuned on.
#[test]
fn quality_against_the_second_untuned_set() {
    assert_floors(
        UNTUNED_2,
        Floors {
            precision: 0.70,
            recall: 0.50,
            repeat_recall: 0.95,
            wrong: 0,
        },
    );
}

/// The fourth untuned set (`tests/fixtures/quality/untuned-4/`, written and labelled blind on
/// 2026-12-02 and measured once, after that evening's rule on complicity was fixed): floors at the
/// figures measured then (top-3 precision 0.88, recall 0.64, no ask without a suggestion, repeat
/// recall 1.00, no wrong link), rounded down. Never tuned on.
#[test]
fn quality_against_the_fourth_untuned_set() {
    assert_floors(
        UNTUNED_4,
        Floors {
            precision: 0.85,
            recall: 0.60,
            repeat_recall: 0.95,
            wrong: 0,
        },
    );
}

/// The fifth untuned set (`tests/fixtures/quality/untuned-5/`, written and labelled blind on
/// 2026-12-03 and measured the same day, with the rules before and after that day's tuning on
/// other sets: the same figures both times): floors just below them (top-3 precision 0.79,
/// recall 0.66, repeat recall 0.91, no wrong link), against regressions. Never tuned on.
#[test]
fn quality_against_the_fifth_untuned_set() {
    assert_floors(
        UNTUNED_5,
        Floors {
            precision: 0.75,
            recall: 0.60,
            repeat_recall: 0.90,
            wrong: 0,
        },
    );
}

/// The sixth untuned set (`tests/fixtures/quality/untuned-6/`: Paraguay, Mozambique, Tunisia,
/// written and labelled blind on 2026-12-03, merged and then measured once with the rules before
/// and after that day's last two (the same figures): top-3 precision 0.88, recall 0.66, no ask
/// without a suggestion, repeat recall 1.00, no wrong link). Floors just below them, against
/// regressions. Never tuned on.
#[test]
fn quality_against_the_sixth_untuned_set() {
    assert_floors(
        UNTUNED_6,
        Floors {
            precision: 0.85,
            recall: 0.60,
            repeat_recall: 0.95,
            wrong: 0,
        },
    );
}

/// The seventh untuned set (`tests/fixtures/quality/untuned-7/`: Honduras, Kenya, Senegal, written
/// and labelled blind on 2026-12-04, merged and then measured once: top-3 precision 0.90, recall
/// 0.65, no ask without a suggestion, repeat recall 0.95, no wrong link). Floors just below them,
/// against regressions. Never tuned on.
#[test]
fn quality_against_the_seventh_untuned_set() {
    assert_floors(
        UNTUNED_7,
        Floors {
            precision: 0.85,
            recall: 0.60,
            repeat_recall: 0.90,
            wrong: 0,
        },
    );
}

/// The sixth untuned set's two hardest layouts, read as their labeller split them: Mozambique
/// 2019's mixed-case "Prioritized Recommendations:" mid-line after the introduction, hard-wrapped,
/// one imperative sentence per item; Tunisia 2024's " • " line under no header, with no section
/// headings after it (its sections found by their opening sentences, so that suggestions name
/// them).
#[test]
fn the_sixth_untuned_sets_inline_and_headerless_lists_are_read_as_labelled() {
    const DIR: &str = "tests/fixtures/quality/untuned-6";
    let sandbox = Sandbox::empty();
    for file in ["moz-2014", "moz-2019", "tun-2019", "tun-2024"] {
        let path = format!("{DIR}/{file}-made-for-tests.txt");
        sandbox.run(&["import", &path]).success();
    }
    let items = |country: &str, year: &str| -> Vec<String> {
        sandbox
            .json(&["list", "--country", country, "--year", year])
            .as_array()
            .expect("a list")
            .iter()
            .map(|item| item["text"].as_str().expect("text").to_string())
            .collect()
    };
    let mozambique = items("MOZ", "2019");
    assert_eq!(mozambique.len(), 10, "{mozambique:#?}");
    assert!(mozambique[0].starts_with("Increase efforts to prosecute"));
    assert!(mozambique[9].starts_with("Increase labor inspections"));
    for item in &mozambique {
        assert!(
            !item.contains("Recommendations") && !item.contains('\n'),
            "{item}"
        );
    }
    let tunisia = items("TUN", "2024");
    assert_eq!(tunisia.len(), 11, "{tunisia:#?}");
    assert!(
        tunisia.iter().all(|item| !item.contains('•')),
        "{tunisia:#?}"
    );
    let sections: BTreeSet<String> = sandbox
        .json(&[
            "evidence",
            "list",
            "--suggested",
            "--each",
            "--country",
            "TUN",
        ])
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["section"].as_str().expect("section").to_string())
        .collect();
    for section in ["prosecution", "protection", "prevention"] {
        assert!(sections.contains(section), "{sections:?}");
    }
}

/// An ask continued across a gap of several reports, with the years between not imported, is
/// found as across one year: Kazakhstan 2011 and 2023 alone give the same links as the 2023 text
/// imported as the 2012 report. Four of the labelled repeats are found; the fifth, 2023's ask
/// merging 2011's assistance and NGO-funding asks (a group of alternatives in the labels), is not
/// found at any distance: it shares too few words with either (terms 0.22 and 0.24, the link
/// needs 0.30), and is found through 2016's ask when 2016 is imported.
#[test]
fn an_ask_is_followed_across_a_twelve_year_gap() {
    const SEED: &str = "tests/fixtures/tip-2011-kazakhstan.txt";
    const LATER: &str = "tests/fixtures/quality/kaz-2023-made-for-tests.txt";
    let links = |year: &str| -> BTreeSet<(String, String)> {
        let sandbox = Sandbox::empty();
        sandbox.run(&["import", SEED]).success();
        sandbox.run(&["import", LATER, "--year", year]).success();
        crate::chains::claimed(&sandbox, "KAZ", "2011", year)
            .into_iter()
            .map(|(e, l, _)| (e, l.replace(&format!("-{year}-"), "-LATER-")))
            .collect()
    };
    let across_the_gap = links("2023");
    assert_eq!(across_the_gap, links("2012"));
    let expected: BTreeSet<(String, String)> = [
        ("KAZ-2011-3", "KAZ-LATER-1"),
        ("KAZ-2011-4", "KAZ-LATER-3"),
        ("KAZ-2011-7", "KAZ-LATER-6"),
        ("KAZ-2011-8", "KAZ-LATER-4"),
    ]
    .into_iter()
    .map(|(e, l)| (e.to_string(), l.to_string()))
    .collect();
    assert_eq!(across_the_gap, expected);
}
