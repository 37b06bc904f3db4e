//! The 2019+ list as sites render it, and copies without section headings (issue 10, point 1
//! a–c): full narratives written for the tests (see `tests/fixtures/layouts/README.md`), each
//! with every recommendation's exact text and the sections found.

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::Sandbox;

const INLINE: &str = "tests/fixtures/layouts/inline-prioritized-made-for-tests.txt";
const STARS: &str = "tests/fixtures/layouts/star-separated-made-for-tests.txt";
const NO_HEADINGS: &str = "tests/fixtures/layouts/no-section-headings-made-for-tests.txt";

/// The one narrative a dry run of the file finds.
fn dry_run(file: &str) -> Value {
    let sandbox = Sandbox::empty();
    let found = sandbox.json(&["import", "--dry-run", file]);
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{file}: one narrative");
    found[0].clone()
}

fn items(narrative: &Value) -> Vec<(String, bool)> {
    narrative["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap().to_string(),
                r["truncated"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn sections(narrative: &Value) -> Vec<(String, Option<String>)> {
    narrative["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["kind"].as_str().unwrap().to_string(),
                s["heading"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn whole(texts: &[&str]) -> Vec<(String, bool)> {
    texts.iter().map(|t| (t.to_string(), false)).collect()
}

fn with_headings(recommendations: Option<&str>) -> Vec<(String, Option<String>)> {
    let mut expected = vec![("introduction".to_string(), None)];
    if let Some(heading) = recommendations {
        expected.push(("recommendations".to_string(), Some(heading.to_string())));
    }
    for (kind, heading) in [
        ("prosecution", "PROSECUTION"),
        ("protection", "PROTECTION"),
        ("prevention", "PREVENTION"),
        ("profile", "TRAFFICKING PROFILE"),
    ] {
        expected.push((kind.to_string(), Some(heading.to_string())));
    }
    expected
}

#[test]
fn an_inline_mixed_case_header_with_one_sentence_per_item() {
    let narrative = dry_run(INLINE);
    assert_eq!(narrative["country"], "Kyrgyz Republic");
    assert_eq!(narrative["tier"], "Tier 2 Watch List");
    assert_eq!(
        items(&narrative),
        whole(&[
            "Vigorously investigate and prosecute trafficking crimes, including those involving complicit officials",
            "Proactively screen for trafficking indicators among migrant workers and seasonal laborers",
            "Increase efforts to identify and refer victims to care, including by training front-line officials on standard operating procedures",
            "Allocate funding to NGO-run shelters",
            "Amend the criminal code to remove the requirement of force, fraud, or coercion in child sex trafficking cases",
            "Institutionalize victim-centered interviewing for police and prosecutors",
        ])
    );
    assert_eq!(
        sections(&narrative),
        with_headings(Some("Prioritized Recommendations"))
    );
    assert_eq!(narrative["warnings"], serde_json::json!([]));
}

#[test]
fn items_joined_by_stars_with_no_header() {
    let narrative = dry_run(STARS);
    assert_eq!(narrative["country"], "Mongolia");
    assert_eq!(
        items(&narrative),
        whole(&[
            "Increase efforts to investigate and prosecute trafficking cases under Article 13.1 of the criminal code, rather than lesser offenses",
            "Train police, prosecutors, and judges on victim-centered approaches",
            "Screen for trafficking indicators among foreign workers in the mining and construction sectors; and refer victims to care",
            "Fund NGO-run shelters for male victims",
            "Amend the labor law to regulate recruitment agencies",
        ])
    );
    assert_eq!(sections(&narrative), with_headings(None));
    assert_eq!(narrative["warnings"], serde_json::json!([]));
}

#[test]
fn a_copy_without_section_headings_ends_the_list_where_it_ends() {
    let narrative = dry_run(NO_HEADINGS);
    assert_eq!(narrative["country"], "Georgia");
    assert_eq!(
        items(&narrative),
        whole(&[
            "Vigorously investigate and prosecute labor trafficking cases",
            "Proactively screen foreign workers for trafficking indicators",
            "Increase the number of labor inspectors and allow them to conduct unannounced inspections",
        ])
    );
    let expected: Vec<(String, Option<String>)> = [
        ("introduction", None),
        ("recommendations", Some("PRIORITIZED RECOMMENDATIONS:")),
        ("prosecution", None),
        ("protection", None),
        ("prevention", None),
        ("profile", None),
    ]
    .into_iter()
    .map(|(kind, heading)| (kind.to_string(), heading.map(str::to_string)))
    .collect();
    assert_eq!(sections(&narrative), expected);
}

#[test]
fn sections_opened_by_their_sentences_are_stored_and_give_evidence_its_section() {
    crate::sqlite_only!("reads the stored sections with SQLite directly");
    let sandbox = Sandbox::empty();
    sandbox
        .run(&[
            "import",
            "--year",
            "2010",
            "tests/fixtures/corpus/geo-2010.txt",
        ])
        .success();
    sandbox.run(&["import", NO_HEADINGS]).success();
    let conn = rusqlite::Connection::open(&sandbox.db).unwrap();
    let kinds: Vec<String> = conn
        .prepare(
            "SELECT s.kind FROM section s JOIN narrative n ON n.id = s.narrative_id \
             WHERE n.year = 2023 ORDER BY s.position",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        kinds,
        [
            "introduction",
            "recommendations",
            "prosecution",
            "protection",
            "prevention",
            "profile"
        ]
    );
    // Evidence suggested from the 2023 copy names the section its sentence stands in.
    let suggested = sandbox.json(&["evidence", "list", "--suggested"]);
    let suggested = suggested.as_array().unwrap();
    assert!(
        !suggested.is_empty(),
        "the 2023 prose answers some 2010 asks"
    );
    for item in suggested {
        let section = item["section"].as_str().unwrap();
        assert!(
            ["prosecution", "protection", "prevention", "profile"].contains(&section),
            "{item}"
        );
    }
}

/// A list a copy ran together into one item (its bullets lost between items) is imported with a
/// warning naming the item, and not linked across years: it would take the link of the item it
/// shares the most words with. No narrative in the fixtures draws the warning.
#[test]
fn an_item_that_is_a_whole_list_is_warned_about_and_not_linked() {
    let sandbox = Sandbox::seeded();
    let run_together = sandbox.dir.path().join("kaz-2012.txt");
    std::fs::write(
        &run_together,
        "Trafficking in Persons Report 2012\n\nKAZAKHSTAN (Tier 2)\n\nKazakhstan is a \
         destination country for men and women subjected to forced labor.\n\nPRIORITIZED \
         RECOMMENDATIONS:\n\n• Increase efforts to identify foreign victims of forced labor. \
         Investigate and prosecute government officials complicit in trafficking. Increase \
         funding to anti-trafficking NGOs.\n• Strengthen the capacity of police, prosecutors and \
         judges to investigate trafficking cases.\n\nPROSECUTION\n\nThe government maintained \
         law enforcement efforts.\n",
    )
    .unwrap();
    let out = sandbox
        .run(&["import", run_together.to_str().unwrap()])
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("recommendation 1 reads as 3 recommendations run together"),
        "{stderr}"
    );
    let chain = sandbox.json(&["chain", "KAZ-2012-1"]);
    assert_eq!(chain.as_array().unwrap().len(), 1, "{chain}");
    // The other item still continues its ask.
    let chain = sandbox.json(&["chain", "KAZ-2012-2"]);
    assert_eq!(chain[0]["id"], "KAZ-2011-8", "{chain}");

    let fixtures = [
        "tests/fixtures/corpus",
        "tests/fixtures/quality",
        "tests/fixtures/formats",
    ];
    for dir in fixtures.iter().chain(&["tests/fixtures/layouts"]) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let out = Sandbox::empty()
                .run(&[
                    "import",
                    "--dry-run",
                    "--year",
                    "2020",
                    path.to_str().unwrap(),
                ])
                .success();
            let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
            assert!(
                !stderr.contains("run together"),
                "{}: {stderr}",
                path.display()
            );
        }
    }
}
