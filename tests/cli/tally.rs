//! The tallies the plain `report` reads (narrative_tally, country_tally: issue 11): after every
//! kind of write that changes what they count, the report made from them is the report made by
//! counting every item from scratch, for all countries and for each, and the stored rows are
//! the rows a recount gives.

use pretty_assertions::assert_eq;

use tiptrack::model::Filter;
use tiptrack::report::{self, Grouping, Report};
use tiptrack::store::{Store, Window};

use crate::{SEED, Sandbox};

const KAZ_2012: &str = "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt";
const KAZ_2013: &str = "tests/fixtures/quality/kaz-2013-made-for-tests.txt";
const CORPUS: &str = "tests/fixtures/corpus";

/// The plain report over `filter`, from the tallies and from every item.
fn both_ways(sandbox: &Sandbox, filter: &Filter) -> (Report, Report) {
    let store = Store::open(&sandbox.db).unwrap();
    let mut tallied = store
        .report(filter, Window::default(), Grouping::Year)
        .unwrap();
    assert!(
        tallied.tallied.is_some(),
        "the plain report reads the tallies"
    );
    let mut counted = store
        .report_facts(filter, Window::default(), false)
        .unwrap();
    assert!(counted.tallied.is_none());
    (
        report::build(&mut tallied, Grouping::Year),
        report::build(&mut counted, Grouping::Year),
    )
}

/// Checks the tallies after `step`: for every country and each, the report from them is the
/// report counted from scratch.
fn check(sandbox: &Sandbox, step: &str) {
    let (tallied, counted) = both_ways(sandbox, &Filter::default());
    assert_eq!(tallied, counted, "after {step}");
    for iso3 in ["KAZ", "GEO", "TON"] {
        let filter = Filter {
            iso3: Some(iso3.to_string()),
            ..Filter::default()
        };
        let (tallied, counted) = both_ways(sandbox, &filter);
        assert_eq!(tallied, counted, "after {step}, {iso3}");
    }
    // The rows themselves, on SQLite: as many as there are narratives shown and countries.
    if !sandbox.on_postgres() {
        let conn = rusqlite::Connection::open(&sandbox.db).unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            count("SELECT count(*) FROM narrative_tally"),
            count("SELECT count(*) FROM narrative WHERE removed IS NULL"),
            "after {step}"
        );
        assert_eq!(
            count("SELECT count(*) FROM country_tally"),
            count("SELECT count(DISTINCT iso3) FROM narrative WHERE removed IS NULL"),
            "after {step}"
        );
    }
}

/// The numbers a report's total gives: asks, addressed, in progress, made before, asked again,
/// overdue (so that the steps are seen to change them).
fn totals(sandbox: &Sandbox) -> [i64; 6] {
    let total = &sandbox.json(&["report"])["total"];
    [
        "total",
        "addressed",
        "in_progress",
        "asked_before",
        "asked_again",
        "overdue",
    ]
    .map(|key| total[key].as_i64().unwrap())
}

#[test]
fn the_tallies_follow_every_write_and_count_as_the_items_do() {
    let sandbox = Sandbox::blank();
    check(&sandbox, "nothing imported");
    sandbox.run(&["import", SEED]).success();
    check(&sandbox, "the first import");
    sandbox.run(&["import", KAZ_2012, KAZ_2013]).success();
    check(&sandbox, "two more years");
    let geo = format!("{CORPUS}/geo-2009.txt");
    let geo_2010 = format!("{CORPUS}/geo-2010.txt");
    sandbox.run(&["import", &geo]).success();
    sandbox
        .run(&["import", &geo_2010, "--year", "2010"])
        .success();
    check(&sandbox, "another country");
    let start = totals(&sandbox);
    assert_eq!(start[1..], [0, 0, start[3], 0, 0]);
    assert!(start[3] > 0, "asks made again: {start:?}");

    // Statuses, each through one item of its ask; one addressed before a later report made
    // it again (asked again), one assigned a due date that has passed (overdue).
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed", "--date", "2011-09-01"])
        .success();
    check(&sandbox, "an addressed asked again");
    sandbox
        .run(&["status", "KAZ-2012-1", "KAZ-2011-2", "in-progress"])
        .success();
    check(&sandbox, "in progress");
    sandbox
        .run(&["status", "GEO-2009-1", "superseded"])
        .success();
    sandbox
        .run(&["status", "GEO-2009-1", "not-addressed"])
        .success();
    check(&sandbox, "a status changed twice");
    sandbox
        .run(&["assign", "KAZ-2011-1", "--due", "2012-03-31"])
        .success();
    sandbox
        .run(&["assign", "GEO-2010-2", "--due", "2099-03-31"])
        .success();
    check(&sandbox, "due dates");
    let marked = totals(&sandbox);
    assert_eq!(marked[1], 1, "{marked:?}");
    assert!(marked[2] >= 1, "{marked:?}");
    assert_eq!(marked[4], 1, "{marked:?}");
    assert_eq!(marked[5], 1, "{marked:?}");

    // Undo: the last status, then the one before.
    sandbox.run(&["undo"]).success();
    check(&sandbox, "an undone assignment");
    sandbox.run(&["undo"]).success();
    sandbox.run(&["undo"]).success();
    check(&sandbox, "two more undone");

    // Unlink and link again: asks split and joined.
    sandbox
        .run(&["unlink", "KAZ-2011-4", "KAZ-2012-2"])
        .success();
    check(&sandbox, "an unlink");
    sandbox.run(&["link", "KAZ-2011-4", "KAZ-2012-2"]).success();
    check(&sandbox, "a link");

    // A re-import that rewords one item and drops another.
    let changed = sandbox.path("kaz-2011-changed.txt");
    let text = std::fs::read_to_string(SEED).unwrap();
    let text = text
        .replace(
            "continue efforts to prevent the use of forced labor during the cotton and tobacco \
             harvests; ",
            "",
        )
        .replace("awareness campaigns", "nationwide awareness campaigns");
    std::fs::write(&changed, text).unwrap();
    sandbox
        .run(&["import", changed.to_str().unwrap(), "--year", "2011"])
        .success();
    check(&sandbox, "a re-import");
    sandbox.run(&["import", SEED]).success();
    check(&sandbox, "the first copy imported again");

    // Remove, undo the removal, remove again, import again.
    sandbox.run(&["remove", "KAZ", "2012", "--yes"]).success();
    check(&sandbox, "a removal");
    sandbox.run(&["undo"]).success();
    check(&sandbox, "an undone removal");
    sandbox.run(&["remove", "KAZ", "2012", "--yes"]).success();
    sandbox.run(&["remove", "GEO", "2009", "--yes"]).success();
    check(&sandbox, "two removals");
    sandbox.run(&["import", KAZ_2012]).success();
    check(&sandbox, "a removed report imported again");

    // A tier and a classification change nothing counted, and keep the tallies whole.
    sandbox.run(&["tier", "KAZ", "2013", "Tier 3"]).success();
    sandbox
        .run(&["classify", "KAZ-2013-1", "protection"])
        .success();
    check(&sandbox, "a tier and a classification");
}
