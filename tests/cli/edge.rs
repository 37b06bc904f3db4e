//! Traps from the field guide (`shared/FORMATS.md`), one or a few per file, in
//! `tests/fixtures/edge/`: narratives written to match real layouts and wording of countries and
//! years outside the corpus (the `blind-` ones were written by a tester who had not seen the
//! parser, before it was fixed for them), each with its expected result beside it (`FILE.expected.json`: `year_arg`, the `--year` a user would give,
//! and per narrative `iso3`, `year`, `tier`, `recs`, and `trunc`, the positions of items cut off).

use serde_json::Value;
use tiptrack::country;
use tiptrack::parse::{self, EncodingChoice};

const EDGE: &str = "tests/fixtures/edge";

fn check(expected_path: &std::path::Path) -> Vec<String> {
    let file = expected_path
        .to_str()
        .unwrap()
        .trim_end_matches(".expected.json");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
    let document = match parse::parse_bytes(&std::fs::read(file).unwrap(), EncodingChoice::Auto) {
        Ok(document) => document,
        Err(err) => return vec![format!("{file}: {err}")],
    };
    let wanted = expected["narratives"].as_array().unwrap();
    if document.narratives.len() != wanted.len() {
        return vec![format!(
            "{file}: {} narratives, expected {}",
            document.narratives.len(),
            wanted.len()
        )];
    }
    let mut problems = Vec::new();
    for (got, want) in document.narratives.iter().zip(wanted) {
        let iso3 = got
            .country_name
            .as_deref()
            .and_then(country::lookup)
            .map(|c| c.iso3);
        if iso3 != want["iso3"].as_str() {
            problems.push(format!(
                "{file}: country {iso3:?}, expected {}",
                want["iso3"]
            ));
        }
        let year = got.year.or(expected["year_arg"].as_i64());
        if year != want["year"].as_i64() {
            problems.push(format!("{file}: year {year:?}, expected {}", want["year"]));
        }
        let tier = got.tier.map(|t| t.as_str());
        if tier != want["tier"].as_str() {
            problems.push(format!("{file}: tier {tier:?}, expected {}", want["tier"]));
        }
        let texts: Vec<&str> = got
            .recommendations
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        let wanted_texts: Vec<&str> = want["recs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        if texts != wanted_texts {
            problems.push(format!(
                "{file}: items {texts:#?}\nexpected {wanted_texts:#?}"
            ));
        }
        let cut: Vec<i64> = got
            .recommendations
            .iter()
            .enumerate()
            .filter(|(_, r)| r.truncated)
            .map(|(i, _)| i as i64 + 1)
            .collect();
        let wanted_cut: Vec<i64> = want["trunc"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_i64().unwrap())
            .collect();
        if cut != wanted_cut {
            problems.push(format!("{file}: cut off {cut:?}, expected {wanted_cut:?}"));
        }
    }
    problems
}

#[test]
fn every_trap_of_the_field_guide_is_handled() {
    let mut cases: Vec<std::path::PathBuf> = std::fs::read_dir(EDGE)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.to_str().unwrap().ends_with(".expected.json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let problems: Vec<String> = cases.iter().flat_map(|p| check(p)).collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
