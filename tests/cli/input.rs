//! Broken input (issue 11, 3): empty items left out of a whole report (which used to store the
//! narratives before, then fail), and inputs that are not files. A report with a bad narrative
//! refused whole, naming it, is in `errors`.

use std::time::{Duration, Instant};

use pretty_assertions::assert_eq;

use crate::{Sandbox, error_line};

const REPORT: &str = "tests/fixtures/formats/report-2023-pdf.txt";

/// The whole-report fixture with `change` made to its text.
fn report_with(sandbox: &Sandbox, name: &str, change: impl Fn(&str) -> String) -> String {
    let text = std::fs::read_to_string(REPORT).unwrap();
    let path = sandbox.path(name);
    std::fs::write(&path, change(&text)).unwrap();
    path.display().to_string()
}

#[test]
fn a_bullet_only_item_is_left_out_with_a_warning() {
    let sandbox = Sandbox::empty();
    // Tonga's block opens with an item that is only a bullet and a full stop.
    let file = report_with(&sandbox, "bullet.txt", |text| {
        let tonga = text.find("TONGA: TIER 2").unwrap();
        let (before, after) = text.split_at(tonga);
        format!(
            "{before}{}",
            after.replacen(
                "PRIORITIZED RECOMMENDATIONS:",
                "PRIORITIZED RECOMMENDATIONS: \u{2022} .",
                1
            )
        )
    });
    let out = sandbox
        .run(&["import", &file, "--verbose"])
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "tiptrack: warning: {file}: Tonga 2023 (Tier 2): recommendation 1 has no text (only \
             a bullet or punctuation) and is left out"
        )),
        "{stderr}"
    );
    let tonga = sandbox.json(&["list", "--country", "Tonga"]);
    let texts: Vec<&str> = tonga
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 7);
    assert!(texts[0].starts_with("Fully implement procedures"));
    assert_eq!(sandbox.json(&["list"]).as_array().unwrap().len(), 13);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_without_waiting() {
    let sandbox = Sandbox::seeded();
    let before = sandbox.dump();
    let fifo = sandbox.path("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.display().to_string();
    let cases = [
        (&["import", &fifo][..], &fifo, "a named pipe (FIFO)"),
        (
            &["import", "/dev/zero"],
            &"/dev/zero".to_string(),
            "a device",
        ),
        (&["apply-sheet", &fifo], &fifo, "a named pipe (FIFO)"),
        (
            &["apply-sheet", "/dev/zero"],
            &"/dev/zero".to_string(),
            "a device",
        ),
    ];
    for (args, name, kind) in cases {
        let started = Instant::now();
        let line = error_line(
            sandbox
                .cmd()
                .args(args)
                .timeout(Duration::from_secs(20))
                .assert(),
            1,
        );
        assert!(started.elapsed() < Duration::from_secs(20));
        assert_eq!(
            line,
            format!("tiptrack: cannot read {name}: it is {kind}, not a regular file")
        );
    }
    assert_eq!(sandbox.dump(), before);
}
