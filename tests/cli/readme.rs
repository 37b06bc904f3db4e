//! The README is the user's manual: what it documents must match what tiptrack does.

use tiptrack::classify::{ACTION_RULES, AREA_RULES};

fn readme() -> String {
    std::fs::read_to_string("README.md").unwrap()
}

#[test]
fn the_readme_lists_every_classification_rule() {
    let readme = readme();
    for rule in AREA_RULES {
        let row = format!(
            "| {} | {} |",
            rule.area,
            rule.phrases
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert!(
            readme.contains(&row),
            "the README lacks or misstates: {row}"
        );
    }
    for rule in ACTION_RULES {
        let row = format!(
            "| {} | {} |",
            rule.action,
            rule.leading
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert!(
            readme.contains(&row),
            "the README lacks or misstates: {row}"
        );
    }
}

/// Commands documented in docs/corrections.md until the README has its lines for them.
const DOCUMENTED_IN_CORRECTIONS: &[&str] = &["undo", "remove"];

#[test]
fn the_readme_documents_every_command() {
    let readme = readme();
    let help = assert_cmd::cargo::cargo_bin_cmd!("tiptrack")
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A command's line starts at the third column; a description wrapped onto the next
        // line starts further in.
        .filter(|l| !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 9, "{help}");
    // Commands of issue 11's corrections are documented in docs/corrections.md; the README's
    // lines for them are merged with the README's other changes of issue 11, then these go.
    let corrections = std::fs::read_to_string("docs/corrections.md").unwrap();
    for command in commands {
        let documented = if DOCUMENTED_IN_CORRECTIONS.contains(&command) {
            &corrections
        } else {
            &readme
        };
        assert!(
            documented.contains(&format!("`tiptrack {command}")),
            "the README lacks `tiptrack {command}`"
        );
    }
}
