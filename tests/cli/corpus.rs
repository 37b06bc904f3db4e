//! The corpus of real narratives (2005 to 2023, every layout) against the hand-checked
//! expectations in `tests/fixtures/corpus/manifest.json`.

use serde_json::Value;
use tiptrack::country;
use tiptrack::parse;

const CORPUS: &str = "tests/fixtures/corpus";

/// Files whose excerpt holds no recommendations block at all.
const NO_BLOCK: &[&str] = &["som-2018.txt"];

/// Checks one manifest entry; returns what does not hold.
fn check(entry: &Value) -> Vec<String> {
    let file = entry["file"].as_str().unwrap();
    let bytes = std::fs::read(format!("{CORPUS}/{file}")).unwrap();
    let mut problems = Vec::new();
    let narratives = parse::parse_bytes(&bytes, parse::EncodingChoice::Auto)
        .unwrap()
        .narratives;
    if narratives.len() != 1 {
        return vec![format!(
            "{file}: {} narratives, expected 1",
            narratives.len()
        )];
    }
    let parsed = &narratives[0];
    // Every section's text is found in the narrative's text (sections are spans of it).
    for section in &parsed.sections {
        if section.heading.is_none() && parsed.body(section).is_empty() {
            problems.push(format!("{file}: an empty {:?} section", section.kind));
        }
    }

    let expected_iso3 = country::lookup(entry["country"].as_str().unwrap())
        .unwrap()
        .iso3;
    let found = parsed.country_name.as_deref().and_then(country::lookup);
    if found.map(|c| c.iso3) != Some(expected_iso3) {
        problems.push(format!(
            "{file}: country {:?}, expected {expected_iso3}",
            parsed.country_name
        ));
    }
    let year = entry["year"].as_i64().unwrap();
    if parsed.year.is_some_and(|found| found != year) {
        problems.push(format!(
            "{file}: year {:?}, expected {year} or none",
            parsed.year
        ));
    }
    let tier = parsed.tier.map(|t| t.as_str());
    if tier != entry["tier"].as_str() {
        problems.push(format!("{file}: tier {tier:?}, expected {}", entry["tier"]));
    }

    let expected: Vec<&str> = entry["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let complete: Vec<&str> = parsed
        .recommendations
        .iter()
        .filter(|r| !r.truncated)
        .map(|r| r.text.as_str())
        .collect();
    if complete != expected {
        problems.push(format!(
            "{file}: recommendations\n  got:      {complete:#?}\n  expected: {expected:#?}"
        ));
    }
    let truncated: Vec<usize> = parsed
        .recommendations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.truncated)
        .map(|(i, _)| i)
        .collect();
    let whole = entry["recommendations_complete"].as_bool().unwrap();
    let expected_truncated = if whole || NO_BLOCK.contains(&file) {
        vec![]
    } else {
        vec![expected.len()]
    };
    if truncated != expected_truncated {
        problems.push(format!(
            "{file}: truncated items at {truncated:?}, expected {expected_truncated:?} ({} items)",
            parsed.recommendations.len()
        ));
    }
    problems
}

#[test]
fn every_corpus_narrative_imports_as_the_manifest_says() {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{CORPUS}/manifest.json")).unwrap())
            .unwrap();
    let entries = manifest.as_array().unwrap();
    assert_eq!(entries.len(), 22);
    let problems: Vec<String> = entries.iter().flat_map(check).collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn years_stated_in_the_text_are_read() {
    for (file, year) in [
        ("geo-2009.txt", 2009),
        ("kor-2023.txt", 2023),
        ("tls-2023.txt", 2023),
    ] {
        let bytes = std::fs::read(format!("{CORPUS}/{file}")).unwrap();
        assert_eq!(
            parse::parse_bytes(&bytes, parse::EncodingChoice::Auto)
                .unwrap()
                .narratives[0]
                .year,
            Some(year),
            "{file}"
        );
    }
}
