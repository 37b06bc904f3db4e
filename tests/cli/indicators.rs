//! `tiptrack indicators`: the figures the seed reports, a figure two reports give differently,
//! and the failure paths.

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::{Sandbox, error_line};

/// Made for the tests (see tests/fixtures/formats/README.md): restates 2010's investigations
/// as 90 where the seed says 88.
const KAZ_2012: &str = "tests/fixtures/formats/kaz-2012-made-for-tests.txt";

/// The value of one figure of one year, from `indicators --format json`.
fn value(indicators: &Value, year: i64, kind: &str) -> Value {
    let row = indicators["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == year)
        .unwrap_or_else(|| panic!("no row for {year}"));
    row[kind]["value"].clone()
}

#[test]
fn the_seed_figures_by_year() {
    let sandbox = Sandbox::seeded();
    let out = sandbox.json(&["indicators", "Kazakhstan"]);
    assert_eq!(
        (&out["country"], &out["iso3"]),
        (&json!("Kazakhstan"), &json!("KAZ"))
    );
    let years: Vec<&Value> = out["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["year"])
        .collect();
    assert_eq!(years, [&json!(2009), &json!(2010)]);
    for (kind, year, expected) in [
        ("investigations", 2010, json!(88)),
        ("investigations", 2009, json!(49)),
        ("prosecutions", 2010, json!(48)),
        ("prosecutions", 2009, json!(35)),
        ("convictions", 2010, json!(32)),
        ("convictions", 2009, json!(24)),
        ("convictions_sex_trafficking", 2010, json!(29)),
        ("convictions_sex_trafficking", 2009, json!(21)),
        ("convictions_forced_labor", 2010, json!(3)),
        ("victims_identified", 2010, json!(82)),
        ("victims_identified", 2009, json!(59)),
        ("victims_assisted", 2010, json!(134)),
        ("funding", 2010, json!("$70,000")),
        ("funding", 2009, json!("$84,000")),
    ] {
        assert_eq!(value(&out, year, kind), expected, "{kind} {year}");
    }
    let cell = &out["years"][1]["investigations"];
    assert_eq!(cell["report_year"], json!(2011));
    assert_eq!(cell["conflicts"], json!([]));
    assert_eq!(
        cell["sentence"],
        json!(
            "Police investigated 88 trafficking cases in 2010, a significant increase from 49 \
             investigations in 2009."
        )
    );
    // Nothing the seed does not state: no victims assisted in 2009, no zeros.
    assert_eq!(out["years"][0]["victims_assisted"], Value::Null);
}

#[test]
fn a_figure_two_reports_give_differently_is_flagged() {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["import", KAZ_2012]).success();
    let out = sandbox.json(&["indicators", "KAZ"]);
    let y2010 = &out["years"][1];
    assert_eq!(y2010["year"], json!(2010));
    // The latest report's value, with the seed's as a conflict.
    assert_eq!(
        y2010["investigations"],
        json!({
            "value": 90,
            "report_year": 2012,
            "conflicts": [{"value": 88, "report_year": 2011}],
            "sentence": "Police investigated 69 trafficking cases in 2011, compared with 90 \
                         investigations in 2010."
        })
    );
    // Restated the same: from the latest report, no conflict.
    assert_eq!(y2010["victims_identified"]["value"], json!(82));
    assert_eq!(y2010["victims_identified"]["report_year"], json!(2012));
    assert_eq!(y2010["victims_identified"]["conflicts"], json!([]));
    assert_eq!(value(&out, 2011, "investigations"), json!(69));

    let table = sandbox.stdout(&["indicators", "Kazakhstan", "--width", "0"]);
    let row = table.lines().find(|l| l.starts_with("| 2010")).unwrap();
    assert_eq!(
        row,
        "| 2010 | 90 (88 in 2011 report) | 48           | 32          | 82                 | 134              | $70,000 |"
    );
    let csv = sandbox.stdout(&["indicators", "Kazakhstan", "--format", "csv"]);
    assert_eq!(
        csv.lines().take(3).collect::<Vec<_>>(),
        [
            "Year,Investigations,Prosecutions,Convictions,Victims identified,Victims assisted,Funding",
            "2009,49,35,24,59,,\"$84,000\"",
            "2010,90 (88 in 2011 report),48,32,82,134,\"$70,000\"",
        ]
    );
}

#[test]
fn an_unknown_country_is_one_line_with_suggestions() {
    let sandbox = Sandbox::seeded();
    let line = error_line(sandbox.run(&["indicators", "Kazakstan"]), 1);
    assert_eq!(
        line,
        "tiptrack: unknown country 'Kazakstan'; did you mean Kazakhstan?"
    );
}

#[test]
fn a_country_without_narratives_is_an_error() {
    let sandbox = Sandbox::seeded();
    let line = error_line(sandbox.run(&["indicators", "Georgia"]), 1);
    assert_eq!(line, "tiptrack: no narrative of Georgia (GEO) is imported");
}

#[test]
fn a_missing_country_or_bad_format_is_a_usage_error() {
    let sandbox = Sandbox::seeded();
    let line = error_line(sandbox.run(&["indicators"]), 2);
    assert!(line.starts_with("error: "), "{line}");
    let line = error_line(sandbox.run(&["indicators", "KAZ", "--format", "xml"]), 2);
    assert!(line.starts_with("error: "), "{line}");
}
