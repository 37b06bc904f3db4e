//! The README's walk-through, step by step, as a user checks it.

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::{SEED, Sandbox};

const TEXTS: [&str; 8] = [
    "Increase efforts to identify foreign victims of both forced prostitution and forced labor, \
     including through expanded training of police officers and government officials in victim \
     identification and assistance",
    "work to ensure that foreign victims of trafficking receive assistance",
    "increase efforts to identify labor trafficking victims, including by ensuring that \
     authorities screen for potential victims of forced labor among those detained during \
     immigration raids and refer those identified as victims for assistance",
    "investigate and prosecute government officials suspected of being complicit in trafficking \
     and convict and punish any complicit officials",
    "continue efforts to prevent the use of forced labor during the cotton and tobacco harvests",
    "continue to increase the number of victims who receive government-funded assistance by \
     increasing funding to anti-trafficking NGOs",
    "conduct trafficking awareness campaigns aimed at reducing the demand for both labor \
     trafficking and commercial sexual exploitation",
    "continue to strengthen the capacity of police, prosecutors and judges to investigate, \
     prosecute, and adjudicate trafficking cases",
];

#[test]
fn import_gives_the_eight_recommendations() {
    let sandbox = Sandbox::empty();
    let out = sandbox.run(&["import", SEED]).success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr,
        format!("{SEED}: imported Kazakhstan 2011 (Tier 2): 8 recommendations\n")
    );
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for n in 1..=8 {
        assert!(
            stdout.contains(&format!("| KAZ-2011-{n} | open ")),
            "{stdout}"
        );
    }

    let items = sandbox.json(&["list"]);
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 8);
    for (n, (item, text)) in items.iter().zip(TEXTS).enumerate() {
        let fields: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            fields,
            [
                "id",
                "country",
                "iso3",
                "year",
                "tier",
                "position",
                "text",
                "truncated",
                "area",
                "action",
                "status",
                "updated_at",
                "repeats",
                "ask",
                "owner",
                "supporting",
                "due",
                "asked_again"
            ]
        );
        assert_eq!(item["id"], format!("KAZ-2011-{}", n + 1));
        assert_eq!(item["country"], "Kazakhstan");
        assert_eq!(item["iso3"], "KAZ");
        assert_eq!(item["year"], 2011);
        assert_eq!(item["tier"], "Tier 2");
        assert_eq!(item["position"], n + 1);
        assert_eq!(item["text"], text);
        assert_eq!(item["status"], "open");
        assert_eq!(item["truncated"], false);
    }
    let areas: Vec<&str> = items.iter().map(|i| i["area"].as_str().unwrap()).collect();
    assert_eq!(
        areas,
        [
            "protection",
            "protection",
            "protection",
            "prosecution",
            "prevention",
            "protection",
            "prevention",
            "prosecution"
        ]
    );
}

#[test]
fn importing_again_changes_nothing_and_says_so() {
    let sandbox = Sandbox::seeded();
    let before = sandbox.dump();
    sandbox.run(&["import", SEED]).success().stderr(format!(
        "{SEED}: Kazakhstan 2011 (Tier 2) is already imported with this text; nothing changed\n"
    ));
    assert_eq!(sandbox.dump(), before);
    assert_eq!(sandbox.json(&["list"]).as_array().unwrap().len(), 8);
}

#[test]
fn import_reads_standard_input() {
    let sandbox = Sandbox::empty();
    sandbox
        .cmd()
        .args(["import", "-"])
        .write_stdin(std::fs::read(SEED).unwrap())
        .assert()
        .success()
        .stderr("<stdin>: imported Kazakhstan 2011 (Tier 2): 8 recommendations\n");
}

#[test]
fn mark_addressed_then_report_and_history() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-4",
            "addressed",
            "--note",
            "Two officials convicted in 2011",
            "--date",
            "2012-03-15",
        ])
        .success()
        .stdout("")
        .stderr("KAZ-2011-4: open -> addressed\n");

    let report = sandbox.json(&["report"]);
    assert_eq!(
        report["rows"],
        json!([{
            "country": "Kazakhstan", "iso3": "KAZ", "year": 2011, "tier": "Tier 2",
            "previous_tier": null, "tier_change": null, "total": 8,
            "open": 7, "in_progress": 0, "partially_addressed": 0, "addressed": 1,
            "not_addressed": 0, "superseded": 0, "addressed_pct": 12.5, "asked_before": 0,
            "asked_again": 0, "overdue": 0
        }])
    );
    assert_eq!(report["total"]["total"], 8);
    assert_eq!(report["total"]["addressed"], 1);

    let history = sandbox.json(&["history", "kaz-2011-4"]);
    let latest = &history[0];
    assert_eq!(latest["recommendation"], "KAZ-2011-4");
    assert_eq!(latest["kind"], "status");
    assert_eq!(latest["old_value"], "open");
    assert_eq!(latest["new_value"], "addressed");
    assert_eq!(latest["note"], "Two officials convicted in 2011");
    assert_eq!(latest["date"], "2012-03-15");
    assert_eq!(latest["actor"], "tester");
    let table = sandbox.stdout(&["history", "KAZ-2011-4", "--width", "0"]);
    assert!(table.contains("status: open -> addressed"), "{table}");
    assert!(table.contains("Two officials convicted in 2011"), "{table}");

    // The same status again is reported, not recorded.
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success()
        .stderr("KAZ-2011-4: already addressed; nothing recorded\n");
    assert_eq!(
        sandbox
            .json(&["history", "KAZ-2011-4"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn several_items_change_in_one_command() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "status",
            "KAZ-2011-1",
            "kaz-2011-2",
            "in-progress",
            "--by",
            "Aigerim",
        ])
        .success()
        .stderr("KAZ-2011-1: open -> in-progress\nKAZ-2011-2: open -> in-progress\n");
    let items = sandbox.json(&["list", "--status", "in-progress"]);
    let ids: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["KAZ-2011-1", "KAZ-2011-2"]);
    assert_eq!(
        sandbox.json(&["history", "KAZ-2011-2"])[0]["actor"],
        "Aigerim"
    );
}

#[test]
fn notes_and_evidence() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&[
            "note",
            "KAZ-2011-5",
            "Ask the labor inspectorate for 2011 figures",
        ])
        .success()
        .stderr("KAZ-2011-5: note added\n");
    sandbox
        .run(&[
            "evidence",
            "add",
            "KAZ-2011-5",
            "--year",
            "2012",
            "--text",
            "The government continued efforts to prevent forced child labor in the cotton harvest.",
            "--source",
            "https://www.state.gov/j/tip/rls/tiprpt/2012/",
            "--date",
            "2011-09-01",
        ])
        .success()
        .stderr("KAZ-2011-5: evidence from the 2012 report added\n");

    let evidence = sandbox.json(&["evidence", "list", "KAZ-2011-5"]);
    assert_eq!(
        evidence,
        json!([{
            "id": 1, "recommendation": "KAZ-2011-5", "year": 2012,
            "text": "The government continued efforts to prevent forced child labor in the cotton harvest.",
            "source": "https://www.state.gov/j/tip/rls/tiprpt/2012/", "date": "2011-09-01",
            "added_by": "tester", "added_at": evidence[0]["added_at"].clone(),
            "state": "accepted", "section": null, "paragraph": null, "start": null, "end": null,
            "score": null, "reason": null, "commitment": false, "assessment": null, "note": null,
            "outside_period": false, "ask": "KAZ-2011-5", "repeats": []
        }])
    );
    assert_eq!(
        sandbox
            .json(&["evidence", "list"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(sandbox.json(&["evidence", "list", "KAZ-2011-1"]), json!([]));

    let detail = sandbox.json(&["show", "KAZ-2011-5"]);
    assert_eq!(detail["id"], "KAZ-2011-5");
    assert_eq!(detail["text"], TEXTS[4]);
    assert_eq!(
        detail["notes"][0]["text"],
        "Ask the labor inspectorate for 2011 figures"
    );
    assert_eq!(detail["evidence"][0]["year"], 2012);
    let kinds: Vec<&str> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["evidence", "note", "created"]);

    let shown = sandbox.stdout(&["show", "kaz-2011-5"]);
    assert!(
        shown.starts_with("KAZ-2011-5  Kazakhstan 2011  open\n\n  continue efforts"),
        "{shown}"
    );
    assert!(shown.contains("Ask the labor inspectorate"), "{shown}");
    assert!(
        shown.contains("The government continued efforts"),
        "{shown}"
    );
}

#[test]
fn list_filters() {
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed"])
        .success();
    let ids = |args: &[&str]| -> Vec<String> {
        let items = sandbox.json(args);
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["list", "--country", "Kazakhstan", "--year", "2011"]).len(),
        8
    );
    assert_eq!(ids(&["list", "--country", "kaz"]).len(), 8);
    assert_eq!(ids(&["list", "--country", "Georgia"]), Vec::<String>::new());
    assert_eq!(ids(&["list", "--year", "2012"]), Vec::<String>::new());
    assert_eq!(ids(&["list", "--status", "addressed"]), ["KAZ-2011-4"]);
    assert_eq!(
        ids(&["list", "--status", "addressed", "--status", "open"]).len(),
        8
    );
    assert_eq!(ids(&["list", "--search", "COTTON"]), ["KAZ-2011-5"]);
    assert_eq!(
        ids(&["list", "--search", "awareness", "--status", "open"]),
        ["KAZ-2011-7"]
    );
}

#[test]
fn csv_and_markdown_output() {
    let sandbox = Sandbox::seeded();
    let csv = sandbox.stdout(&["list", "--format", "csv"]);
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "id,country,iso3,year,tier,position,text,truncated,area,action,status,updated_at,\
             repeats,ask,owner,supporting,due,asked_again"
        )
    );
    let first = lines.next().unwrap();
    assert!(
        first.starts_with("KAZ-2011-1,Kazakhstan,KAZ,2011,Tier 2,1,\"Increase efforts"),
        "{first}"
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), 8);

    let markdown = sandbox.stdout(&["list", "--format", "markdown"]);
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(lines[0], "| ID | Status | Area | Action | Recommendation |");
    assert_eq!(lines[1], "| --- | --- | --- | --- | --- |");
    assert_eq!(lines.len(), 10);

    let report: Vec<String> = sandbox
        .stdout(&["report", "--format", "csv"])
        .split("\r\n")
        .map(String::from)
        .collect();
    assert_eq!(
        report,
        [
            "country,iso3,year,tier,previous_tier,tier_change,total,open,in_progress,\
             partially_addressed,addressed,not_addressed,superseded,addressed_pct,asked_before,\
             asked_again,overdue",
            "Kazakhstan,KAZ,2011,Tier 2,,,8,8,0,0,0,0,0,0.0,0,0,0",
            // The country over all its reports, each ask once; then the total.
            "Kazakhstan,KAZ,all,,,,8,8,0,0,0,0,0,0.0,0,0,0",
            "Total,,,,,,8,8,0,0,0,0,0,0.0,0,0,0",
            "",
        ]
    );
}

#[test]
fn a_narrative_without_recommendations_is_imported_with_a_warning() {
    let sandbox = Sandbox::empty();
    let file = sandbox.path("no-block.txt");
    std::fs::write(
        &file,
        "Trafficking in Persons Report 2004\n\nKAZAKHSTAN (Tier 2)\n\nKazakhstan is a source country.\n",
    )
    .unwrap();
    let name = file.display().to_string();
    sandbox.run(&["import", &name]).success().stderr(format!(
        "tiptrack: warning: {name}: Kazakhstan 2004 (Tier 2): no recommendations block found; \
         the narrative has no recommendations to track\n\
         {name}: imported Kazakhstan 2004 (Tier 2): 0 recommendations\n"
    ));
    let report = sandbox.json(&["report"]);
    assert_eq!(report["rows"][0]["year"], 2004);
    assert_eq!(report["rows"][0]["total"], 0);
    assert_eq!(report["rows"][0]["addressed_pct"], Value::Null);
}

#[test]
fn year_and_country_flags_fill_in_what_the_text_lacks() {
    let sandbox = Sandbox::empty();
    let file = sandbox.path("bare.txt");
    std::fs::write(
        &file,
        "Recommendations for the Government: Do one; and do two.\n",
    )
    .unwrap();
    let name = file.display().to_string();
    sandbox
        .run(&[
            "import",
            &name,
            "--year",
            "2010",
            "--country",
            "Kyrgyz Republic",
        ])
        .success();
    let items = sandbox.json(&["list"]);
    assert_eq!(items[0]["id"], "KGZ-2010-1");
    assert_eq!(items[1]["text"], "do two");
    assert_eq!(items[0]["tier"], Value::Null);
}

#[test]
fn the_database_goes_where_the_user_says() {
    let sandbox = Sandbox::empty();
    let nested = sandbox.path("a/b/c/tracker.db");
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    cmd.env("TIPTRACK_DB", &nested)
        .env("TIPTRACK_USER", "tester")
        .args(["import", SEED]);
    cmd.assert().success();
    assert!(
        nested.is_file(),
        "TIPTRACK_DB is used and its folders are created"
    );

    // Without --db or TIPTRACK_DB, the database lives in the XDG data directory.
    let data_home = sandbox.path("xdg");
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    cmd.env_remove("TIPTRACK_DB")
        .env("XDG_DATA_HOME", &data_home)
        .args(["import", SEED]);
    cmd.assert().success();
    assert!(data_home.join("tiptrack/tiptrack.db").is_file());
}

#[test]
fn two_processes_changing_statuses_at_once_both_succeed() {
    let sandbox = Sandbox::seeded();
    let spawn = |id: &'static str| {
        let db = sandbox.db.clone();
        std::thread::spawn(move || {
            for round in 0..15 {
                let status = if round % 2 == 0 {
                    "in-progress"
                } else {
                    "addressed"
                };
                let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
                cmd.arg("--db").arg(&db).args(["status", id, status]);
                cmd.assert().success();
            }
        })
    };
    let (a, b) = (spawn("KAZ-2011-1"), spawn("KAZ-2011-2"));
    a.join().unwrap();
    b.join().unwrap();
    for id in ["KAZ-2011-1", "KAZ-2011-2"] {
        // 15 status changes plus the import.
        assert_eq!(sandbox.json(&["history", id]).as_array().unwrap().len(), 16);
    }
}

#[test]
fn csv_headers_are_the_same_with_no_rows() {
    // With no rows the header comes from the documented field lists, otherwise from the rows'
    // JSON: the two must agree.
    let empty = Sandbox::blank();
    let seeded = Sandbox::seeded();
    seeded
        .run(&[
            "evidence",
            "add",
            "KAZ-2011-1",
            "--year",
            "2012",
            "--text",
            "x",
        ])
        .success();
    for args in [
        &["list", "--format", "csv"][..],
        &["evidence", "list", "--format", "csv"],
        &["history", "--format", "csv"],
    ] {
        let header = |sandbox: &Sandbox| {
            sandbox
                .stdout(args)
                .split("\r\n")
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(header(&empty), header(&seeded), "{args:?}");
    }
}

#[test]
fn an_empty_listing_has_one_header() {
    // A country with nothing to list wrote the header, and the end of the listing wrote it
    // again.
    let sandbox = Sandbox::seeded();
    for args in [
        &["evidence", "list", "--suggested", "--format", "csv"][..],
        &["evidence", "list", "--format", "csv"],
    ] {
        let csv = sandbox.stdout(args);
        assert_eq!(
            csv,
            format!("{}\r\n", tiptrack::render::EVIDENCE_FIELDS.join(",")),
            "{args:?}"
        );
    }
    assert_eq!(
        sandbox.stdout(&["evidence", "list", "--suggested", "--format", "json"]),
        "[]\n"
    );
}
