//! Hostile input (issue 11, 3): escape sequences in notes, imported text and arguments shown
//! rather than obeyed, and HTML in them shown as text.

use pretty_assertions::assert_eq;

use crate::{SEED, Sandbox, error_line};

/// A note that would retitle the window and clear the screen.
const NOTE: &str = "\u{1b}]0;title\u{7}\u{1b}[2J <script>alert(1)</script>";
/// The same, as every human-readable output shows it.
const NOTE_SHOWN: &str = "\\u{1b}]0;title\\u{7}\\u{1b}[2J <script>alert(1)</script>";

/// No byte of a control character but tab and newline (C0, DEL, or C1 as UTF-8).
fn assert_no_controls(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(
        bad.is_empty(),
        "{what} holds control characters {bad:?}:\n{text}"
    );
}

fn output(sandbox: &Sandbox, args: &[&str]) -> (String, String) {
    let out = sandbox.run(args).success().get_output().clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_note_with_escape_sequences_is_shown_not_obeyed() {
    let sandbox = Sandbox::seeded();
    let (_, said) = output(&sandbox, &["note", "KAZ-2011-1", NOTE]);
    assert_eq!(said, "KAZ-2011-1: note added\n");
    for args in [
        &["show", "KAZ-2011-1"][..],
        &["show", "KAZ-2011-1", "--format", "markdown"],
        &["history", "KAZ-2011-1"],
        &["history", "KAZ-2011-1", "--format", "markdown"],
    ] {
        let (shown, said) = output(&sandbox, args);
        assert_no_controls(&format!("{args:?}"), &shown);
        assert_no_controls(&format!("{args:?} stderr"), &said);
    }
    let (table, _) = output(&sandbox, &["show", "KAZ-2011-1", "--width", "0"]);
    assert!(table.contains(NOTE_SHOWN), "{table}");
    // JSON and CSV carry the note as stored.
    let json = sandbox.json(&["show", "KAZ-2011-1"]);
    assert_eq!(json["notes"][0]["text"], NOTE);
    let (csv, _) = output(&sandbox, &["history", "KAZ-2011-1", "--format", "csv"]);
    assert!(csv.contains(NOTE), "{csv}");
}

#[test]
fn an_imported_text_with_escape_sequences_is_shown_not_obeyed() {
    let sandbox = Sandbox::empty();
    let text = std::fs::read_to_string(SEED).unwrap().replacen(
        "Increase efforts to identify foreign victims",
        "Increase \u{1b}[31mefforts\u{7} to \u{9b}2J identify foreign victims",
        1,
    );
    let file = sandbox.path("hostile.txt");
    std::fs::write(&file, text).unwrap();
    let (imported, said) = output(&sandbox, &["import", file.to_str().unwrap()]);
    assert_no_controls("import", &imported);
    assert_no_controls("import stderr", &said);
    for args in [
        &["list"][..],
        &["list", "--format", "markdown"],
        &["show", "KAZ-2011-1"],
        &["asks"],
    ] {
        let (shown, _) = output(&sandbox, args);
        assert_no_controls(&format!("{args:?}"), &shown);
    }
    let (list, _) = output(&sandbox, &["list", "--width", "0"]);
    assert!(
        list.contains("Increase \\u{1b}[31mefforts\\u{7} to \\u{9b}2J identify"),
        "{list}"
    );
    let json = sandbox.json(&["list"]);
    let first = json[0]["text"].as_str().unwrap();
    assert!(first.starts_with("Increase \u{1b}[31mefforts\u{7} to \u{9b}2J identify"));
}

#[test]
fn an_id_or_a_value_echoed_in_an_error_is_shown_not_obeyed() {
    let sandbox = Sandbox::seeded();
    let line = error_line(sandbox.run(&["show", "KAZ\u{1b}[2J"]), 1);
    assert_eq!(line, "tiptrack: unknown recommendation ID 'KAZ\\u{1b}[2J'");
    let line = error_line(sandbox.run(&["list", "--status", "\u{1b}[2J"]), 2);
    assert_eq!(
        line,
        "error: invalid value '\\u{1b}[2J' for '--status <STATUS>'"
    );
    // clap's own errors quote the argument too.
    for args in [
        &["lis\u{1b}[2J"][..],
        &["list", "--format", "\u{1b}]0;x\u{7}"],
    ] {
        let line = error_line(sandbox.run(args), 2);
        assert_no_controls("a usage error", &line);
        assert!(line.contains("\\u{1b}"), "{line}");
    }
}

#[test]
fn markdown_shows_html_as_text() {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["note", "KAZ-2011-1", NOTE]).success();
    let (markdown, _) = output(&sandbox, &["show", "KAZ-2011-1", "--format", "markdown"]);
    assert!(!markdown.contains("<script>"), "{markdown}");
    assert!(
        markdown.contains("&lt;script>alert(1)&lt;/script>"),
        "{markdown}"
    );
    let (history, _) = output(&sandbox, &["history", "KAZ-2011-1", "--format", "markdown"]);
    assert!(!history.contains("<script>"), "{history}");
}

#[test]
fn the_html_and_markdown_dossiers_escape_everything() {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["note", "KAZ-2011-1", NOTE]).success();
    sandbox
        .run(&[
            "assign",
            "KAZ-2011-1",
            "--owner",
            "<img src=x onerror=alert(1)>",
        ])
        .success();
    for format in ["html", "markdown"] {
        let (page, _) = output(&sandbox, &["dossier", "Kazakhstan", "--format", format]);
        assert_no_controls(format, &page);
        assert!(!page.contains("<script>alert"), "{format}: {page}");
        assert!(!page.contains("<img src=x"), "{format}: {page}");
        assert!(page.contains("&lt;script"), "{format}: {page}");
    }
}
