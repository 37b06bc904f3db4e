//! Narratives as users find them: a whole report copied from the PDF, a Windows-1252 file, saved
//! web pages; and what the importer tells about them (dry runs, warnings, classification).

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::Sandbox;

const REPORT: &str = "tests/fixtures/formats/report-2023-pdf.txt";
const WINDOWS_1252: &str = "tests/fixtures/formats/civ-2023-windows-1252.txt";

/// The manifest's recommendations for a corpus file.
fn manifest_items(file: &str) -> Vec<String> {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/corpus/manifest.json").unwrap(),
    )
    .unwrap();
    let entry = manifest
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == file)
        .unwrap();
    entry["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}

fn texts(items: &Value, prefix: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"].as_str().unwrap().starts_with(prefix))
        .map(|i| i["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_whole_report_copied_from_the_pdf_imports_one_narrative_per_country() {
    let sandbox = Sandbox::empty();
    sandbox.run(&["import", REPORT]).success();
    let report = sandbox.json(&["report"]);
    let rows: Vec<(String, i64, String, i64)> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["iso3"].as_str().unwrap().to_string(),
                r["year"].as_i64().unwrap(),
                r["tier"].as_str().unwrap().to_string(),
                r["total"].as_i64().unwrap(),
            )
        })
        .collect();
    let tier2 = || "Tier 2".to_string();
    assert_eq!(
        rows,
        [
            ("CIV".to_string(), 2023, tier2(), 2),
            ("KGZ".to_string(), 2023, tier2(), 2),
            ("TLS".to_string(), 2023, tier2(), 2),
            ("TON".to_string(), 2023, tier2(), 7),
        ]
    );
    // Items hard-wrapped over several lines, with semicolons inside, come out whole.
    let items = sandbox.json(&["list"]);
    for (prefix, file) in [
        ("CIV", "civ-2023.txt"),
        ("KGZ", "kgz-2023.txt"),
        ("TLS", "tls-2023.txt"),
        ("TON", "ton-2023.txt"),
    ] {
        assert_eq!(texts(&items, prefix), manifest_items(file), "{prefix}");
    }
    assert!(
        sandbox
            .json(&["list", "--warnings"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_pdf_layout_leaves_no_furniture_in_the_text() {
    let bytes = std::fs::read(REPORT).unwrap();
    let document =
        tiptrack::parse::parse_bytes(&bytes, tiptrack::parse::EncodingChoice::Auto).unwrap();
    let kyrgyz = &document.narratives[1];
    let intro = kyrgyz.body(&kyrgyz.sections[0]);
    // "mini-" + "mum" across a line end, and a page break inside a paragraph.
    assert!(
        intro.contains("does not fully meet the minimum standards"),
        "{intro}"
    );
    assert!(
        intro.contains("These efforts included investigating and prosecuting"),
        "{intro}"
    );
    for narrative in &document.narratives {
        assert!(!narrative.text.contains("TRAFFICKING IN PERSONS REPORT"));
        assert!(!narrative.text.contains("JUNE 2023"));
    }
}

#[test]
fn a_windows_1252_file_imports_and_says_how_it_was_read() {
    let sandbox = Sandbox::empty();
    let out = sandbox.run(&["import", WINDOWS_1252]).success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(
            "not valid UTF-8 (invalid byte 0x92 at line 1, column 43); read as Windows-1252"
        ),
        "{stderr}"
    );
    let items = sandbox.json(&["list"]);
    assert_eq!(items[0]["country"], "Cote d'Ivoire");
    assert_eq!(items[0]["iso3"], "CIV");
    let complete: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["truncated"] == false)
        .map(|i| i["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(complete, manifest_items("civ-2023.txt"));
    assert_eq!(items[2]["truncated"], true);
    // The warnings are kept with the narrative.
    let warnings: Vec<String> = sandbox
        .json(&["list", "--warnings"])
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        warnings,
        [
            "not valid UTF-8 (invalid byte 0x92 at line 1, column 43); read as Windows-1252",
            "recommendation 3 is cut off: the text ends inside it",
        ]
    );
    let shown = sandbox.stdout(&["show", "CIV-2023-3"]);
    assert!(
        shown.contains("\nCut off:  the imported copy ends inside this recommendation\n"),
        "{shown}"
    );
}

#[test]
fn a_dry_run_shows_everything_and_writes_nothing() {
    let sandbox = Sandbox::empty();
    let preview = sandbox.json(&[
        "import",
        "--dry-run",
        "tests/fixtures/corpus/mda-2018.txt",
        "--year",
        "2018",
    ]);
    assert!(
        !sandbox.db.exists(),
        "a dry run does not even create the database"
    );
    let narrative = &preview[0];
    assert_eq!(narrative["country"], "Moldova");
    assert_eq!(narrative["iso3"], "MDA");
    assert_eq!(narrative["year"], 2018);
    assert_eq!(narrative["tier"], "Tier 2");
    assert_eq!(narrative["encoding"], "UTF-8");
    let items = narrative["recommendations"].as_array().unwrap();
    assert_eq!(items.len(), 8);
    assert_eq!(items[0]["position"], 1);
    assert_eq!(items[0]["area"], "prosecution");
    assert_eq!(items[0]["action"], "specific");
    assert_eq!(items[7]["truncated"], true);
    assert_eq!(
        narrative["warnings"][0],
        "recommendation 8 is cut off: the text ends inside it"
    );
    // The warnings go to standard error too.
    let out = sandbox
        .run(&[
            "import",
            "--dry-run",
            "tests/fixtures/corpus/mda-2018.txt",
            "--year",
            "2018",
        ])
        .success();
    assert_eq!(
        String::from_utf8(out.get_output().stderr.clone()).unwrap(),
        "tiptrack: warning: tests/fixtures/corpus/mda-2018.txt: Moldova 2018: recommendation 8 is \
         cut off: the text ends inside it\n"
    );

    let table = sandbox.stdout(&[
        "import",
        "--dry-run",
        "tests/fixtures/corpus/mda-2018.txt",
        "--year",
        "2018",
    ]);
    assert!(
        table.starts_with("tests/fixtures/corpus/mda-2018.txt: Moldova (MDA) 2018, Tier 2\n"),
        "{table}"
    );
    assert!(table.contains("[cut off]"), "{table}");
    assert!(!sandbox.db.exists());
}

#[test]
fn a_user_corrects_a_classification() {
    let sandbox = Sandbox::seeded();
    let before = sandbox.json(&["list", "--area", "prevention"]);
    let ids: Vec<&str> = before
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["KAZ-2011-5", "KAZ-2011-7"]);

    sandbox
        .run(&["classify", "kaz-2011-5", "prosecution", "continuing"])
        .success()
        .stderr("KAZ-2011-5: area prevention -> prosecution\n");
    let history = sandbox.json(&["history", "KAZ-2011-5"]);
    assert_eq!(history[0]["kind"], "area");
    assert_eq!(history[0]["old_value"], "prevention");
    assert_eq!(history[0]["new_value"], "prosecution");
    assert_eq!(
        sandbox
            .json(&["list", "--area", "prevention"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // A correction survives a re-import of a reworded text.
    let reworded = std::fs::read_to_string(crate::SEED).unwrap().replace(
        "continue efforts to prevent the use of forced labor",
        "continue efforts to prevent the use of forced child labor",
    );
    let file = sandbox.path("reworded.txt");
    std::fs::write(&file, reworded).unwrap();
    sandbox.run(&["import", file.to_str().unwrap()]).success();
    let item = sandbox.json(&["show", "KAZ-2011-5"]);
    assert!(
        item["text"]
            .as_str()
            .unwrap()
            .contains("forced child labor")
    );
    assert_eq!(item["area"], "prosecution");

    let line = crate::error_line(sandbox.run(&["classify", "KAZ-2011-5", "sideways"]), 2);
    assert_eq!(
        line,
        "tiptrack: 'sideways' is neither an area (prosecution, protection, prevention, \
         partnership) nor a kind of action (continuing, considering, general, specific)"
    );
}

#[test]
fn the_report_by_area_and_action() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    let report = sandbox.json(&["report", "--group-by", "area"]);
    let rows: Vec<(String, i64, i64)> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["area"].as_str().unwrap().to_string(),
                r["total"].as_i64().unwrap(),
                r["addressed"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("prosecution".to_string(), 2, 1),
            ("protection".to_string(), 4, 0),
            ("prevention".to_string(), 2, 0),
            ("partnership".to_string(), 0, 0),
        ]
    );
    assert_eq!(report["total"]["total"], 8);
    let by_action = sandbox.json(&["report", "--group-by", "action", "--area", "protection"]);
    assert_eq!(by_action["total"]["total"], 4);
    assert_eq!(by_action["rows"][0]["action"], "continuing");
}

#[test]
fn saved_web_pages_import_directly() {
    let sandbox = Sandbox::empty();
    let state_gov = "tests/fixtures/formats/tonga-2023-state-gov.html";
    // Named with an extension that says nothing: the content tells it is a page.
    let refworld = "tests/fixtures/formats/georgia-2010-refworld.saved";
    let preview = sandbox.json(&["import", "--dry-run", state_gov, refworld]);
    let narratives = preview.as_array().unwrap();
    // The state.gov menu repeats "Tonga (Tier 2)": it must not start a narrative of its own.
    assert_eq!(narratives.len(), 2);
    for (narrative, iso3, year, tier) in [
        (&narratives[0], "TON", 2023, "Tier 2"),
        (&narratives[1], "GEO", 2010, "Tier 1"),
    ] {
        assert_eq!(narrative["iso3"], iso3);
        assert_eq!(narrative["year"], year);
        assert_eq!(narrative["tier"], tier);
        assert_eq!(narrative["encoding"], "UTF-8, a saved web page");
        assert_eq!(narrative["warnings"], serde_json::json!([]));
    }

    sandbox.run(&["import", state_gov, refworld]).success();
    let items = sandbox.json(&["list"]);
    assert_eq!(texts(&items, "TON"), manifest_items("ton-2023.txt"));
    assert_eq!(texts(&items, "GEO"), manifest_items("geo-2010.txt"));

    let bytes = std::fs::read(state_gov).unwrap();
    let document =
        tiptrack::parse::parse_bytes(&bytes, tiptrack::parse::EncodingChoice::Auto).unwrap();
    assert!(document.from_html);
    let text = &document.narratives[0].text;
    for furniture in [
        "Here's how you know",
        "In this section",
        "Privacy Policy",
        "Facebook",
        "gtag",
        "usa-banner",
    ] {
        assert!(!text.contains(furniture), "{furniture} in: {text}");
    }
}
