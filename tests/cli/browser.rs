//! The HTML dossier in a real browser: a realistic Kazakhstan dossier, built with the binary, is
//! opened in headless Chromium by tests/browser/check.mjs (playwright-core), which checks that it
//! loads with no error and fetches nothing, that its charts are SVG with data points, that a
//! note's markup shows as text, and that it screenshots and prints to an A4 PDF naming the country.
//!
//! It needs node (20 or later), Chromium (/usr/bin/chromium, or TIPTRACK_CHROMIUM), pdftotext
//! (poppler-utils) and `npm ci` run in tests/browser. Without them it says so on stderr and
//! passes, so that `cargo test` runs anywhere; TIPTRACK_BROWSER_CHECK=required (as .ci/run sets)
//! makes it fail instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{SEED, Sandbox};

const NOTE: &str = "Ask the <script>alert(1)</script> ministry";

/// The dossier of the README's walkthrough and then some: statuses, an owner and due date, three
/// reports, evidence, and a note with markup in it.
fn kazakhstan_dossier(sandbox: &Sandbox) -> PathBuf {
    let steps: &[&[&str]] = &[
        &["import", SEED],
        &["status", "KAZ-2011-4", "addressed", "--date", "2012-03-15"],
        &[
            "status",
            "KAZ-2011-1",
            "in-progress",
            "--date",
            "2011-09-01",
        ],
        &[
            "assign",
            "KAZ-2011-4",
            "--owner",
            "Ministry of Internal Affairs",
            "--due",
            "period-end:2013",
        ],
        &[
            "import",
            "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt",
            "tests/fixtures/quality/kaz-2013-made-for-tests.txt",
        ],
        &[
            "evidence",
            "add",
            "KAZ-2011-1",
            "--year",
            "2012",
            "--text",
            "The government identified 12 foreign victims.",
            "--date",
            "2011-10-01",
        ],
        &["note", "KAZ-2012-1", NOTE],
    ];
    for step in steps {
        sandbox.run(step).success();
    }
    let html = sandbox.path("kaz.html");
    sandbox
        .run(&[
            "dossier",
            "KAZ",
            "--period",
            "2012",
            "-o",
            html.to_str().unwrap(),
        ])
        .success();
    html
}

/// What the browser check needs and this machine lacks.
fn missing(browser_dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => {
            let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let major: u32 = version
                .trim_start_matches('v')
                .split('.')
                .next()
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            if major < 20 {
                missing.push(format!("node 20 or later (found {version})"));
            }
        }
        _ => missing.push("node".to_string()),
    }
    let chromium =
        std::env::var("TIPTRACK_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        missing.push(format!("chromium at {chromium}"));
    }
    let pdftotext = std::env::var("PDFTOTEXT").unwrap_or_else(|_| "pdftotext".into());
    if Command::new(&pdftotext).arg("-v").output().is_err() {
        missing.push(format!("{pdftotext} (poppler-utils)"));
    }
    if !browser_dir
        .join("node_modules/playwright-core/package.json")
        .exists()
    {
        missing.push("playwright-core (run npm ci in tests/browser)".to_string());
    }
    missing
}

#[test]
fn dossier_in_a_browser() {
    let sandbox = Sandbox::empty();
    let html = kazakhstan_dossier(&sandbox);
    assert!(html.exists(), "the dossier was written");

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("tests/browser");
    let missing = missing(&browser_dir);
    if !missing.is_empty() {
        let required = std::env::var("TIPTRACK_BROWSER_CHECK").is_ok_and(|v| v == "required");
        assert!(
            !required,
            "browser check required (TIPTRACK_BROWSER_CHECK=required) but missing: {}",
            missing.join(", ")
        );
        // Straight to stderr, past the test harness's capture, so that a plain `cargo test`
        // shows it too.
        let _ = writeln!(
            std::io::stderr(),
            "browser check skipped: missing {} (set TIPTRACK_BROWSER_CHECK=required to fail instead)",
            missing.join(", ")
        );
        return;
    }

    let screenshot = sandbox.path("kaz.png");
    let pdf = sandbox.path("kaz.pdf");
    let started = Instant::now();
    let out = Command::new("node")
        .current_dir(root)
        .arg(browser_dir.join("check.mjs"))
        .arg(&html)
        .arg("--screenshot")
        .arg(&screenshot)
        .arg("--pdf")
        .arg(&pdf)
        .args(["--country", "Kazakhstan"])
        .args(["--note", "<script>alert(1)</script>"])
        .args(["--tier-years", "2011,2012,2013"])
        .args(["--min-charts", "3"])
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprint!("{stdout}{stderr}");
    eprintln!(
        "browser check took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        out.status.success(),
        "the browser check failed ({}):\n{stdout}{stderr}",
        out.status
    );
    assert!(!stdout.contains("FAIL"), "no check failed:\n{stdout}");
    assert!(
        screenshot.metadata().unwrap().len() > 0,
        "screenshot written"
    );
    assert!(pdf.metadata().unwrap().len() > 0, "PDF written");
}
