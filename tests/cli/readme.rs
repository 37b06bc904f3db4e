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

#[test]
fn the_readme_documents_every_command() {
    // The commands about the command line itself are documented in docs/cli.md, which the
    // README points to.
    let readme = readme() + &std::fs::read_to_string("docs/cli.md").unwrap();
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
    for command in commands {
        assert!(
            readme.contains(&format!("`tiptrack {command}")),
            "the README (or docs/cli.md) lacks `tiptrack {command}`"
        );
    }
}
