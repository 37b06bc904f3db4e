//! `tiptrack export-sheet` and `apply-sheet` (issue 9): the sheet of asks still to do goes out
//! as `.csv` or `.xlsx`, comes back filled in (statuses, owners, due dates, notes) and changes
//! exactly the asks whose rows were edited, with history; a sheet with one bad cell is refused
//! whole, naming the file, row and column of each; a sheet applied twice is refused the second
//! time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use pretty_assertions::assert_eq;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

use crate::Sandbox;
use crate::dossier::{array, kazakhstan};

const MONGOLIA: &str = "tests/fixtures/corpus/mng-2015.txt";
const COLUMNS: [&str; 10] = [
    "ask",
    "country",
    "years",
    "text",
    "status",
    "owner",
    "supporting",
    "due",
    "new_note",
    "version",
];
const BOM: &str = "\u{feff}";

/// The Kazakhstan fixture (7 asks still to do) and Mongolia 2015 (10 more).
fn many() -> Sandbox {
    let (sandbox, _) = kazakhstan();
    sandbox
        .run(&[
            "import",
            MONGOLIA,
            "--year",
            "2015",
            "--country",
            "Mongolia",
        ])
        .success();
    sandbox
}

/// A sheet as a grid of text: the header row, then one row per ask.
type Grid = Vec<Vec<String>>;

fn read_csv(path: &Path) -> Grid {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix(BOM).unwrap_or(&text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn write_csv(path: &Path, grid: &Grid, bom: bool) {
    let mut writer = csv::Writer::from_writer(vec![]);
    for row in grid {
        writer.write_record(row).unwrap();
    }
    let mut bytes = if bom { BOM.as_bytes().to_vec() } else { vec![] };
    bytes.extend(writer.into_inner().unwrap());
    std::fs::write(path, bytes).unwrap();
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(n) => n.to_string(),
        other => panic!("unexpected cell in the sheet: {other:?}"),
    }
}

fn read_xlsx(path: &Path) -> Grid {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let first = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&first).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect()
}

/// Writes a grid as a workbook, as a spreadsheet program saves it: the due dates as typed date
/// cells, the version as a number.
fn write_xlsx(path: &Path, grid: &Grid) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Asks").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let due = col(grid, "due");
    let version = col(grid, "version");
    for (r, row) in grid.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c16) = (r as u32, c as u16);
            if value.is_empty() {
                continue;
            }
            if r > 0 && c == due {
                let parts: Vec<&str> = value.split('-').collect();
                if let [y, m, d] = parts[..]
                    && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
                    && let Ok(day) = ExcelDateTime::from_ymd(y, m, d)
                {
                    sheet
                        .write_datetime_with_format(r, c16, &day, &date)
                        .unwrap();
                    continue;
                }
            }
            if r > 0
                && c == version
                && let Ok(n) = value.parse::<f64>()
            {
                sheet.write_number(r, c16, n).unwrap();
                continue;
            }
            sheet.write_string(r, c16, value).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

fn col(grid: &Grid, name: &str) -> usize {
    grid[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", grid[0]))
}

/// The index in the grid of the row of one ask.
fn row_of(grid: &Grid, ask: &str) -> usize {
    grid.iter()
        .position(|r| r[0] == ask)
        .unwrap_or_else(|| panic!("no row for {ask}"))
}

fn set(grid: &mut Grid, ask: &str, column: &str, value: &str) {
    let (r, c) = (row_of(grid, ask), col(grid, column));
    grid[r][c] = value.to_string();
}

/// `asks --format json` by ask ID.
fn asks(sandbox: &Sandbox) -> BTreeMap<String, Value> {
    array(&sandbox.json(&["asks"]))
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a.clone()))
        .collect()
}

/// The notes `show` gives for an ask: (text, author).
fn notes(sandbox: &Sandbox, ask: &str) -> Vec<(String, String)> {
    array(&sandbox.json(&["show", ask])["notes"])
        .iter()
        .map(|n| {
            (
                n["text"].as_str().unwrap().to_string(),
                n["author"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The ask each item belongs to.
fn ask_of_items(sandbox: &Sandbox) -> BTreeMap<String, String> {
    array(&sandbox.json(&["list"]))
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["ask"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn history(sandbox: &Sandbox) -> Vec<Value> {
    array(&sandbox.json(&["history", "--limit", "100000"])).clone()
}

/// The history's entries that are not in `before`.
fn new_events(sandbox: &Sandbox, before: &[Value]) -> Vec<Value> {
    let old: BTreeSet<i64> = before.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    history(sandbox)
        .into_iter()
        .filter(|e| !old.contains(&e["id"].as_i64().unwrap()))
        .collect()
}

/// One edit of a row: (ask, status, owner, due, new note).
type Edit = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// Ten rows edited: statuses, owners, due dates, notes (some rows several at once).
const EDITS: [Edit; 10] = [
    (
        "KAZ-2011-1",
        Some("partially-addressed"),
        None,
        None,
        Some("Training started in two regions"),
    ),
    (
        "KAZ-2011-2",
        None,
        Some("Ministry of Labour and Social Protection"),
        Some("2013-12-31"),
        None,
    ),
    ("KAZ-2011-3", Some("addressed"), None, None, None),
    (
        "KAZ-2011-6",
        None,
        Some("Ministry of Justice"),
        None,
        Some("Funding asked for 2014"),
    ),
    ("KAZ-2011-8", Some("in-progress"), None, None, None),
    (
        "MNG-2015-1",
        Some("in-progress"),
        Some("Ministry of Justice and Internal Affairs"),
        None,
        None,
    ),
    (
        "MNG-2015-2",
        None,
        Some("National Police Agency"),
        Some("2016-03-31"),
        None,
    ),
    (
        "MNG-2015-4",
        Some("not-addressed"),
        None,
        None,
        Some("No budget line this year"),
    ),
    (
        "MNG-2015-7",
        None,
        Some("General Prosecutor’s Office"),
        None,
        None,
    ),
    (
        "MNG-2015-10",
        Some("in-progress"),
        None,
        None,
        Some("The ministry’s “plan” – in draft"),
    ),
];

fn edit(grid: &mut Grid) {
    for (ask, status, owner, due, note) in EDITS {
        for (column, value) in [
            ("status", status),
            ("owner", owner),
            ("due", due),
            ("new_note", note),
        ] {
            if let Some(value) = value {
                set(grid, ask, column, value);
            }
        }
    }
}

fn edited() -> BTreeSet<String> {
    EDITS.iter().map(|e| e.0.to_string()).collect()
}

/// Exports the sheet of all asks still to do to `name`.
fn export(sandbox: &Sandbox, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let path = sandbox.path(name);
    let mut args = vec!["export-sheet", "-o", path.to_str().unwrap()];
    args.extend(extra);
    let out = sandbox.run(&args).success().get_output().clone();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(path.to_str().unwrap()), "{err}");
    path
}

fn stderr_of(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// The asks still to do, as `asks` lists them.
fn to_do(sandbox: &Sandbox, country: Option<&str>) -> Vec<String> {
    let mut args = vec!["asks"];
    if let Some(c) = country {
        args.extend(["--country", c]);
    }
    array(&sandbox.json(&args))
        .iter()
        .filter(|a| a["status"] != "addressed" && a["status"] != "superseded")
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn export_sheet_lists_the_asks_still_to_do_as_csv_and_xlsx() {
    let (sandbox, _) = kazakhstan();
    let expected = to_do(&sandbox, Some("KAZ"));
    assert_eq!(expected.len(), 7);
    assert!(!expected.contains(&"KAZ-2011-4".to_string()), "addressed");
    let asks = asks(&sandbox);

    let csv_path = export(&sandbox, "s.csv", &["--country", "KAZ"]);
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(BOM.as_bytes()), "no byte-order mark");
    let csv = read_csv(&csv_path);
    assert_eq!(csv[0], COLUMNS);
    let ids: Vec<String> = csv[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(ids, expected);
    for row in &csv[1..] {
        let ask = &asks[&row[0]];
        assert_eq!(row[col(&csv, "country")], "Kazakhstan");
        assert_eq!(row[col(&csv, "text")], ask["text"].as_str().unwrap());
        assert_eq!(row[col(&csv, "status")], ask["status"].as_str().unwrap());
        assert_eq!(row[col(&csv, "owner")], ask["owner"].as_str().unwrap_or(""));
        assert_eq!(row[col(&csv, "due")], ask["due"].as_str().unwrap_or(""));
        assert_eq!(row[col(&csv, "new_note")], "");
        let years: Vec<String> = array(&ask["years"]).iter().map(|y| y.to_string()).collect();
        assert_eq!(row[col(&csv, "years")], years.join(", "));
    }

    let plain = export(&sandbox, "plain.csv", &["--country", "KAZ", "--no-bom"]);
    let bytes = std::fs::read(&plain).unwrap();
    assert!(bytes.starts_with(b"ask,"), "{:?}", &bytes[..8]);
    assert_eq!(read_csv(&plain), csv);

    let xlsx = export(&sandbox, "s.xlsx", &["--country", "KAZ"]);
    assert_eq!(read_xlsx(&xlsx), csv, "the workbook holds the CSV's cells");

    // Another status chosen: only those.
    let open = export(
        &sandbox,
        "open.csv",
        &["--country", "KAZ", "--status", "open"],
    );
    let open = read_csv(&open);
    assert_eq!(open.len(), 1 + 6);
    assert!(open[1..].iter().all(|r| r[col(&open, "status")] == "open"));
}

/// Exports, edits the ten rows, writes the sheet back (CSV or XLSX), and applies it.
fn apply_ten(sandbox: &Sandbox, xlsx: bool) -> (std::path::PathBuf, String) {
    let exported = export(sandbox, if xlsx { "out.xlsx" } else { "out.csv" }, &[]);
    let mut grid = if xlsx {
        read_xlsx(&exported)
    } else {
        read_csv(&exported)
    };
    assert_eq!(grid.len(), 1 + 17, "more than 10 asks to edit");
    edit(&mut grid);
    let back = sandbox.path(if xlsx { "back.xlsx" } else { "back.csv" });
    if xlsx {
        write_xlsx(&back, &grid);
    } else {
        write_csv(&back, &grid, true);
    }

    // Dry run: the ten changes printed, nothing written.
    let dump = sandbox.dump();
    let dry = sandbox
        .run(&[
            "apply-sheet",
            back.to_str().unwrap(),
            "--dry-run",
            "--by",
            "Coordinator",
        ])
        .success()
        .get_output()
        .clone();
    let printed = format!(
        "{}{}",
        String::from_utf8(dry.stdout).unwrap(),
        String::from_utf8(dry.stderr).unwrap()
    );
    for ask in edited() {
        assert_eq!(
            printed
                .lines()
                .filter(|l| l.contains(&format!(" {ask}: ")))
                .count(),
            1,
            "{ask} in:\n{printed}"
        );
    }
    assert!(printed.contains("10 asks would change"), "{printed}");
    assert!(printed.contains("dry run"), "{printed}");
    assert_eq!(sandbox.dump(), dump, "the dry run wrote");

    let out = sandbox
        .run(&["apply-sheet", back.to_str().unwrap(), "--by", "Coordinator"])
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("{}: 10 asks changed", back.display())),
        "{err}"
    );
    (back, err)
}

fn check_ten_applied(xlsx: bool) {
    let sandbox = many();
    let before = asks(&sandbox);
    let events_before = history(&sandbox);
    let notes_before: BTreeMap<String, Vec<(String, String)>> = before
        .keys()
        .map(|a| (a.clone(), notes(&sandbox, a)))
        .collect();
    let (back, _) = apply_ten(&sandbox, xlsx);
    let after = asks(&sandbox);

    // Exactly those asks changed; every other ask is as it was.
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let changed: BTreeSet<String> = after
        .iter()
        .filter(|(id, a)| before[*id] != **a)
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(changed, edited());
    for (ask, status, owner, due, _) in EDITS {
        let a = &after[ask];
        let b = &before[ask];
        assert_eq!(
            a["status"],
            status.map_or(b["status"].clone(), Value::from),
            "{ask}"
        );
        assert_eq!(
            a["owner"],
            owner.map_or(b["owner"].clone(), Value::from),
            "{ask}"
        );
        assert_eq!(a["due"], due.map_or(b["due"].clone(), Value::from), "{ask}");
        assert_eq!(a["text"], b["text"], "{ask}");
    }

    // The notes, on the ask, by the one who applied the sheet; no other note.
    for (ask, _, _, _, note) in EDITS {
        let added: Vec<(String, String)> = notes(&sandbox, ask)
            .into_iter()
            .filter(|n| !notes_before[ask].contains(n))
            .collect();
        match note {
            Some(note) => assert_eq!(
                added,
                [(note.to_string(), "Coordinator".to_string())],
                "{ask}"
            ),
            None => assert_eq!(added, [], "{ask}"),
        }
    }
    for ask in before.keys().filter(|a| !edited().contains(*a)) {
        assert_eq!(notes(&sandbox, ask), notes_before[ask], "{ask}");
    }

    // Each change is in the history, by the one given with --by, on the edited asks only.
    let items = ask_of_items(&sandbox);
    let events = new_events(&sandbox, &events_before);
    let mut by_ask: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &events {
        assert_eq!(e["actor"], "Coordinator", "{e}");
        let ask = items[e["recommendation"].as_str().unwrap()].clone();
        by_ask
            .entry(ask)
            .or_default()
            .push(e["kind"].as_str().unwrap().to_string());
    }
    assert_eq!(by_ask.keys().cloned().collect::<BTreeSet<_>>(), edited());
    for (ask, status, owner, due, note) in EDITS {
        let kinds = &by_ask[ask];
        let count = |k: &str| kinds.iter().filter(|x| *x == k).count();
        assert_eq!(
            count("status"),
            usize::from(status.is_some()),
            "{ask}: {kinds:?}"
        );
        assert_eq!(
            count("assign"),
            usize::from(owner.is_some() || due.is_some()),
            "{ask}: {kinds:?}"
        );
        assert_eq!(
            count("note"),
            usize::from(note.is_some()),
            "{ask}: {kinds:?}"
        );
    }
    let status_events: Vec<&Value> = events.iter().filter(|e| e["kind"] == "status").collect();
    for e in status_events {
        let ask = &items[e["recommendation"].as_str().unwrap()];
        assert_eq!(e["new_value"], after[ask]["status"], "{e}");
        assert!(
            e["note"]
                .as_str()
                .is_some_and(|n| n.contains(back.to_str().unwrap())),
            "the status change names the sheet: {e}"
        );
    }
}

#[test]
fn a_csv_sheet_with_ten_rows_edited_changes_exactly_those_asks() {
    check_ten_applied(false);
}

#[test]
fn an_xlsx_sheet_with_ten_rows_edited_changes_exactly_those_asks() {
    check_ten_applied(true);
}

#[test]

fn every_change_from_a_sheet_names_the_sheet_in_the_history() {
    let sandbox = many();
    let events_before = history(&sandbox);
    let (back, _) = apply_ten(&sandbox, false);
    let events = new_events(&sandbox, &events_before);
    assert!(events.len() >= 10);
    let name = back.file_name().unwrap().to_str().unwrap();
    let unnamed: Vec<String> = events
        .iter()
        .filter(|e| !e["note"].as_str().is_some_and(|n| n.contains(name)))
        .map(|e| format!("{} {}: note {}", e["recommendation"], e["kind"], e["note"]))
        .collect();
    assert!(
        unnamed.is_empty(),
        "changes whose history does not name the sheet: {unnamed:#?}"
    );
}

/// Applies a sheet that must be refused: exit 1, one line per bad cell naming the file, row and
/// column, then one summary line; the database unchanged. Returns the lines about cells.
fn refused(sandbox: &Sandbox, sheet: &Path, problems: usize) -> Vec<String> {
    let dump = sandbox.dump();
    let assert = sandbox
        .run(&[
            "apply-sheet",
            sheet.to_str().unwrap(),
            "--by",
            "Coordinator",
        ])
        .code(1);
    assert!(assert.get_output().stdout.is_empty());
    let err = stderr_of(assert);
    let lines: Vec<String> = err.lines().map(str::to_string).collect();
    assert_eq!(lines.len(), problems + 1, "{err}");
    let file = sheet.to_str().unwrap();
    let summary = if problems == 1 {
        format!("tiptrack: {file}: 1 problem found; nothing was applied")
    } else {
        format!("tiptrack: {file}: {problems} problems found; nothing was applied")
    };
    assert_eq!(lines[problems], summary);
    for line in &lines[..problems] {
        assert!(line.starts_with(&format!("{file}: row ")), "{line}");
        assert!(line.contains(", column "), "{line}");
    }
    assert_eq!(sandbox.dump(), dump, "a refused sheet changed the database");
    lines[..problems].to_vec()
}

/// A change that makes a sheet bad.
type Spoil = Box<dyn FnOnce(&mut Grid)>;

/// An exported sheet with one good edit (so that refusing the sheet whole is seen) and one bad
/// change made by `spoil`, written as CSV.
fn spoiled(sandbox: &Sandbox, name: &str, spoil: impl FnOnce(&mut Grid)) -> std::path::PathBuf {
    let exported = export(sandbox, &format!("export-{name}"), &["--country", "KAZ"]);
    let mut grid = read_csv(&exported);
    set(&mut grid, "KAZ-2011-8", "status", "in-progress");
    set(&mut grid, "KAZ-2011-7", "new_note", "A good row");
    spoil(&mut grid);
    let path = sandbox.path(name);
    write_csv(&path, &grid, true);
    path
}

#[test]
fn a_sheet_with_one_bad_row_is_refused_whole_naming_its_row_and_column() {
    let (sandbox, _) = kazakhstan();
    // The rows: header 1, then KAZ-2011-1 (2), -2 (3), -3 (4), -5 (5), -6 (6), -7 (7), -8 (8).
    let cases: Vec<(&str, Spoil, &str)> = vec![
        (
            "unknown.csv",
            Box::new(|g| set(g, "KAZ-2011-2", "ask", "KAZ-2011-99")),
            "row 3, column ask: unknown ask KAZ-2011-99 (not an ask of this database, or no \
             longer to do)",
        ),
        (
            "status.csv",
            Box::new(|g| set(g, "KAZ-2011-3", "status", "done")),
            "row 4, column status: unknown status 'done'; valid statuses are: open, \
             in-progress, partially-addressed, addressed, not-addressed, superseded",
        ),
        (
            "date.csv",
            Box::new(|g| set(g, "KAZ-2011-5", "due", "2013-02-30")),
            "row 5, column due: invalid date '2013-02-30': use YYYY-MM-DD, a year from 1990 to \
             2100, e.g. 2012-06-19 (a spreadsheet may have rewritten it in its own format: \
             format the column as text)",
        ),
        (
            "year.csv",
            Box::new(|g| set(g, "KAZ-2011-5", "due", "+99999-01-01")),
            "row 5, column due: invalid date '+99999-01-01': use YYYY-MM-DD, a year from 1990 to \
             2100, e.g. 2012-06-19 (a spreadsheet may have rewritten it in its own format: \
             format the column as text)",
        ),
        (
            "text.csv",
            Box::new(|g| {
                let r = row_of(g, "KAZ-2011-6");
                let c = col(g, "text");
                g[r][c].push_str(" and shelters");
            }),
            "row 6, column text: the text of KAZ-2011-6 differs from the ask's (edited in the \
             sheet, or a later report was imported since it was made); the text column is \
             read-only: export a new sheet",
        ),
        (
            "twice.csv",
            Box::new(|g| {
                let r = row_of(g, "KAZ-2011-2");
                let copy = g[r].clone();
                g.push(copy);
            }),
            "row 9, column ask: KAZ-2011-2 is already on row 3",
        ),
    ];
    for (name, spoil, problem) in cases {
        let sheet = spoiled(&sandbox, name, spoil);
        let lines = refused(&sandbox, &sheet, 1);
        assert_eq!(lines, [format!("{}: {problem}", sheet.display())], "{name}");
    }
}

#[test]
fn a_sheet_whose_ask_changed_since_export_is_refused() {
    let (sandbox, _) = kazakhstan();
    let sheet = spoiled(&sandbox, "late.csv", |g| {
        set(g, "KAZ-2011-5", "owner", "Labour Inspectorate")
    });
    // Someone changes KAZ-2011-5 after the sheet went out.
    sandbox
        .run(&["status", "KAZ-2011-5", "in-progress"])
        .success();
    let lines = refused(&sandbox, &sheet, 1);
    assert_eq!(
        lines,
        [format!(
            "{}: row 5, column version: KAZ-2011-5 changed in the database since the sheet \
             was exported; export a new sheet and enter this row again",
            sheet.display()
        )]
    );
    assert_eq!(asks(&sandbox)["KAZ-2011-5"]["owner"], Value::Null);
}

#[test]
fn a_sheet_with_several_bad_cells_names_each() {
    let (sandbox, _) = kazakhstan();
    let sheet = spoiled(&sandbox, "bad.csv", |g| {
        set(g, "KAZ-2011-2", "status", "done");
        set(g, "KAZ-2011-2", "due", "soon");
        set(g, "KAZ-2011-3", "ask", "XXX-1");
    });
    let lines = refused(&sandbox, &sheet, 3);
    let places: Vec<String> = lines
        .iter()
        .map(|l| {
            l.split(':').nth(1).unwrap().trim().to_string() // "row N, column C"
        })
        .collect();
    assert_eq!(
        places,
        [
            "row 3, column status",
            "row 3, column due",
            "row 4, column ask"
        ]
    );
}

#[test]
fn an_xlsx_sheet_with_a_bad_row_is_refused_naming_it() {
    let (sandbox, _) = kazakhstan();
    let exported = export(&sandbox, "k.xlsx", &["--country", "KAZ"]);
    let mut grid = read_xlsx(&exported);
    set(&mut grid, "KAZ-2011-8", "status", "in-progress");
    set(&mut grid, "KAZ-2011-6", "status", "finished");
    let back = sandbox.path("k-back.xlsx");
    write_xlsx(&back, &grid);
    let lines = refused(&sandbox, &back, 1);
    assert!(
        lines[0].starts_with(&format!("{}: row 6, column status: ", back.display())),
        "{lines:?}"
    );
}

#[test]
fn the_same_sheet_applied_twice_is_refused_the_second_time() {
    let sandbox = many();
    let (back, _) = apply_ten(&sandbox, false);
    let after_first = asks(&sandbox);
    let lines = refused(&sandbox, &back, 10);
    for line in &lines {
        assert!(line.contains("column version"), "{line}");
        assert!(line.contains("changed in the database since"), "{line}");
    }
    assert_eq!(asks(&sandbox), after_first);
}

#[test]

fn a_sheet_of_new_notes_applied_twice_adds_each_note_once() {
    let (sandbox, _) = kazakhstan();
    let exported = export(&sandbox, "notes.csv", &["--country", "KAZ"]);
    let mut grid = read_csv(&exported);
    set(
        &mut grid,
        "KAZ-2011-3",
        "new_note",
        "Met the ministry on 3 May",
    );
    let back = sandbox.path("notes-back.csv");
    write_csv(&back, &grid, false);
    sandbox
        .run(&["apply-sheet", back.to_str().unwrap()])
        .success();
    // Notes do not change an ask's version (another's note does not block a sheet), so the
    // sheet applies again; the note it brings is already there, and is not added twice.
    let out = sandbox
        .run(&["apply-sheet", back.to_str().unwrap()])
        .success()
        .get_output()
        .stderr
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("row 4: the ask already has this note; not added again"),
        "{out}"
    );
    let notes = sandbox.json(&["show", "KAZ-2011-3"])["notes"].clone();
    assert_eq!(array(&notes).len(), 1, "the note twice: {notes:#}");
}

#[test]
fn a_blank_cell_keeps_the_value_and_none_clears_it() {
    let (sandbox, _) = kazakhstan();
    sandbox
        .run(&[
            "assign",
            "KAZ-2011-5",
            "--owner",
            "Ministry of Labour",
            "--due",
            "2013-03-31",
        ])
        .success();
    let exported = export(&sandbox, "blank.csv", &["--country", "KAZ"]);
    let mut grid = read_csv(&exported);
    // Emptied by accident: kept. Written "none": cleared.
    set(&mut grid, "KAZ-2011-5", "owner", "");
    set(&mut grid, "KAZ-2011-5", "due", "none");
    let back = sandbox.path("blank-back.csv");
    write_csv(&back, &grid, true);
    sandbox
        .run(&["apply-sheet", back.to_str().unwrap()])
        .success();
    let asks = sandbox.json(&["asks", "--country", "KAZ"]);
    let ask = array(&asks)
        .iter()
        .find(|a| a["id"] == "KAZ-2011-5")
        .unwrap()
        .clone();
    assert_eq!(ask["owner"], "Ministry of Labour");
    assert_eq!(ask["due"], serde_json::Value::Null);
}

#[test]
fn formulas_go_out_as_text_and_come_back_as_written() {
    let (sandbox, _) = kazakhstan();
    sandbox
        .run(&["assign", "KAZ-2011-5", "--owner", "=1+1"])
        .success();
    let exported = export(&sandbox, "formula.csv", &["--country", "KAZ"]);
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.contains(",'=1+1,"), "{text}");
    // Back untouched (the apostrophe still there), nothing changes.
    let out = sandbox
        .run(&["apply-sheet", exported.to_str().unwrap()])
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8(out).unwrap().contains("0 asks changed"),
        "the owner was read back as something else"
    );
}

#[test]
fn a_sheet_saved_with_semicolons_is_read() {
    let (sandbox, _) = kazakhstan();
    let exported = export(&sandbox, "semi.csv", &["--country", "KAZ"]);
    let mut grid = read_csv(&exported);
    set(&mut grid, "KAZ-2011-5", "status", "in-progress");
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![]);
    for row in &grid {
        writer.write_record(row).unwrap();
    }
    let back = sandbox.path("semi-back.csv");
    std::fs::write(&back, writer.into_inner().unwrap()).unwrap();
    sandbox
        .run(&["apply-sheet", back.to_str().unwrap()])
        .success();
    let item = sandbox.json(&["show", "KAZ-2011-5"]);
    assert_eq!(item["status"], "in-progress");
}

#[test]
fn a_supporting_name_with_a_semicolon_is_refused() {
    let (sandbox, _) = kazakhstan();
    let before = sandbox.dump();
    let line = crate::error_line(
        sandbox.run(&[
            "assign",
            "KAZ-2011-7",
            "--support",
            "Ministry of Health; Social Protection",
        ]),
        1,
    );
    assert!(line.contains("a name holds ';'"), "{line}");
    assert_eq!(sandbox.dump(), before);
}
