//! `tiptrack review` at a real terminal: the binary runs in a pseudo-terminal (rexpect), the test
//! waits for each prompt by its text and types keys as a person would, then checks through the
//! JSON output of `evidence list`, `list` and `history` that exactly those decisions landed.

use std::process::Command;
use std::sync::Mutex;

use pretty_assertions::assert_eq;
use rexpect::process::WaitStatus;
use rexpect::session::PtySession;
use serde_json::Value;

use crate::{Sandbox, error_line};

/// Made for the tests: a 2012 Kazakhstan narrative that reports on the seed's asks.
const KAZ_2012: &str = "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt";

/// How long to wait for any one prompt: generous, for a debug build on a busy machine.
const TIMEOUT_MS: u64 = 20_000;

/// The key prompt under every suggestion.
const KEYS: &str = "[a]ccept  [r]eject  [s]kip  [u]ndo last  [q]uit ?";

/// One pty at a time: forking a test process while other threads hold locks is safest kept rare.
static PTY: Mutex<()> = Mutex::new(());

/// The seed and the 2012 narrative, with suggestions.
fn both_years() -> Sandbox {
    let sandbox = Sandbox::seeded();
    sandbox.run(&["import", KAZ_2012]).success();
    sandbox
}

/// `tiptrack --db <sandbox db> review ARGS...` in a pseudo-terminal, with colours on as on a
/// person's terminal.
fn review(sandbox: &Sandbox, args: &[&str]) -> PtySession {
    // On PostgreSQL `--by NAME` is logging in as NAME (see `Sandbox::run`).
    let (user, args) = match args.iter().position(|a| *a == "--by") {
        Some(at) if sandbox.on_postgres() => {
            let mut rest = args.to_vec();
            let user = rest.drain(at..=at + 1).nth(1).unwrap_or(crate::TESTER);
            (user, rest)
        }
        _ => (crate::TESTER, args.to_vec()),
    };
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("tiptrack"));
    cmd.env_remove("TIPTRACK_DB")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm-256color")
        .env("TIPTRACK_USER", user)
        .arg("--db")
        .arg(sandbox.db_as(user))
        .arg("review")
        .args(args);
    rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
}

/// Types keys (sent at once, as a fast typist would).
fn keys(session: &mut PtySession, keys: &str) {
    session.send(keys).unwrap();
    session.flush().unwrap();
}

/// Waits for the next suggestion's card and key prompt; returns its evidence id.
fn next_card(session: &mut PtySession) -> i64 {
    let (_, found) = session
        .exp_regex(r"Suggested evidence \d+:")
        .expect("a suggestion's card");
    session.exp_string(KEYS).expect("the key prompt");
    found
        .trim_start_matches("Suggested evidence ")
        .trim_end_matches(':')
        .parse()
        .unwrap()
}

/// Waits for the program to end and returns its exit code.
fn exit_code(session: &mut PtySession) -> i32 {
    session.exp_eof().unwrap();
    match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("review did not exit normally: {other:?}"),
    }
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Vec<Value> {
    sandbox.json(args).as_array().unwrap().clone()
}

fn ids(items: &[Value]) -> Vec<i64> {
    items.iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

fn status_of(sandbox: &Sandbox, id: &str) -> String {
    let list = json(sandbox, &["list"]);
    let item = list.iter().find(|r| r["id"] == id).unwrap();
    item["status"].as_str().unwrap().to_string()
}

/// The history's events about one item, oldest first, as (kind, old, new, note, actor).
fn events(sandbox: &Sandbox, id: &str) -> Vec<(String, Value, Value, Value, String)> {
    let mut events: Vec<_> = json(sandbox, &["history", id])
        .into_iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["old_value"].clone(),
                e["new_value"].clone(),
                e["note"].clone(),
                e["actor"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    events.reverse();
    events
}

#[test]
fn accept_reject_skip_quit_record_exactly_those_decisions() {
    let _pty = PTY.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = both_years();
    let before = json(&sandbox, &["evidence", "list", "--suggested"]);
    let total = before.len();
    let mut session = review(&sandbox, &["--by", "alice"]);

    // The first suggestion: the best-scored one for KAZ-2011-1, its matched words highlighted.
    let (shown, _) = session
        .exp_regex(r"Suggested evidence \d+:")
        .expect("the first card");
    assert!(shown.contains(&format!("1 of {total}")), "{shown}");
    assert!(shown.contains("KAZ-2011-1"), "{shown}");
    assert!(shown.contains("(open)"), "{shown}");
    let highlighted = |word: &str| {
        console::Style::new()
            .bold()
            .yellow()
            .force_styling(true)
            .apply_to(word)
            .to_string()
    };
    // The recommendation writes "identify"; the sentence "identified".
    assert!(shown.contains(&highlighted("identify")), "{shown:?}");
    let (card, _) = session.exp_regex(r"\[a\]ccept").unwrap();
    assert!(card.contains(&highlighted("identified")), "{card:?}");
    assert!(card.contains(&highlighted("foreign victims")), "{card:?}");
    assert!(card.contains("2012 report, protection, paragraph 1, score 0.79"));
    let first = before[0]["id"].as_i64().unwrap();
    assert_eq!(before[0]["recommendation"], "KAZ-2011-1");

    // Accept it, judged progress, with a note; keep the status.
    keys(&mut session, "a");
    session.exp_string("Assessment").unwrap();
    keys(&mut session, "j\r"); // down from "none" to "progress"
    session.exp_string("Note (Enter for none)").unwrap();
    keys(&mut session, "seen in the 2012 report\r");
    session
        .exp_string(&format!(
            "evidence {first} (KAZ-2011-1): suggested -> accepted"
        ))
        .unwrap();
    session
        .exp_string("Change KAZ-2011-1's status? open ->")
        .unwrap();
    keys(&mut session, "\r"); // keep
    session
        .exp_string("KAZ-2011-1: status kept (open)")
        .unwrap();

    // Reject the second (KAZ-2011-1's second best), skip the third, quit at the fourth.
    assert_eq!(before[1]["recommendation"], "KAZ-2011-1");
    let second = next_card(&mut session);
    keys(&mut session, "r");
    session
        .exp_string(&format!(
            "evidence {second} (KAZ-2011-1): suggested -> rejected"
        ))
        .unwrap();
    let third = next_card(&mut session);
    keys(&mut session, "s");
    let fourth = next_card(&mut session);
    keys(&mut session, "q");
    session
        .exp_string(&format!(
            "1 accepted, 1 rejected, 1 skipped, 0 status changes; {} suggestions awaiting review",
            total - 2
        ))
        .unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(ids(&before[..4]), vec![first, second, third, fourth]);

    // Exactly those decisions landed.
    let accepted = json(&sandbox, &["evidence", "list"]);
    assert_eq!(ids(&accepted), vec![first]);
    assert_eq!(accepted[0]["state"], "accepted");
    assert_eq!(accepted[0]["assessment"], "progress");
    assert_eq!(accepted[0]["note"], "seen in the 2012 report");
    let suggested = json(&sandbox, &["evidence", "list", "--suggested"]);
    let expected: Vec<i64> = ids(&before)
        .into_iter()
        .filter(|id| *id != first && *id != second)
        .collect();
    assert_eq!(ids(&suggested), expected);
    assert!(ids(&suggested).contains(&third));

    // In the history, an accept and a reject by alice, and no status change.
    let history = events(&sandbox, "KAZ-2011-1");
    let kinds: Vec<&str> = history.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(kinds, vec!["created", "accept", "reject"]);
    let accept = &history[1];
    assert_eq!(accept.1, "suggested");
    assert!(
        accept
            .2
            .as_str()
            .unwrap()
            .ends_with("(assessment: progress)"),
        "{accept:?}"
    );
    assert_eq!(accept.3, "seen in the 2012 report");
    assert_eq!(accept.4, "alice");
    assert_eq!(history[2].1, "suggested");
    assert_eq!(history[2].4, "alice");
    assert_eq!(status_of(&sandbox, "KAZ-2011-1"), "open");
    assert_eq!(status_of(&sandbox, "KAZ-2011-2"), "open");
}

#[test]
fn the_status_change_after_an_accept_is_its_own_recorded_step() {
    let _pty = PTY.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = both_years();
    let mut session = review(&sandbox, &["--country", "Kazakhstan"]);
    let first = next_card(&mut session);
    keys(&mut session, "a");
    session.exp_string("Assessment").unwrap();
    keys(&mut session, "\r"); // none
    session.exp_string("Note (Enter for none)").unwrap();
    keys(&mut session, "\r"); // none
    session
        .exp_string(&format!(
            "evidence {first} (KAZ-2011-1): suggested -> accepted"
        ))
        .unwrap();
    // The accept is committed before the status question is even answered.
    assert_eq!(ids(&json(&sandbox, &["evidence", "list"])), vec![first]);
    assert_eq!(status_of(&sandbox, "KAZ-2011-1"), "open");

    let (_, _) = session
        .exp_regex(r"Change KAZ-2011-1's status\? open ->")
        .unwrap();
    // keep, in-progress, partially-addressed, addressed: three down.
    let (menu, _) = session.exp_regex("superseded").unwrap();
    for status in ["keep", "in-progress", "partially-addressed", "addressed"] {
        assert!(menu.contains(status), "{menu}");
    }
    keys(&mut session, "jjj\r");
    session.exp_string("KAZ-2011-1: open -> addressed").unwrap();
    next_card(&mut session);
    keys(&mut session, "q");
    session
        .exp_string("1 accepted, 0 rejected, 0 skipped, 1 status change;")
        .unwrap();
    assert_eq!(exit_code(&mut session), 0);

    assert_eq!(status_of(&sandbox, "KAZ-2011-1"), "addressed");
    let accepted = json(&sandbox, &["evidence", "list"]);
    assert_eq!(accepted[0]["assessment"], Value::Null);
    assert_eq!(accepted[0]["note"], Value::Null);
    let history = events(&sandbox, "KAZ-2011-1");
    let kinds: Vec<&str> = history.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(kinds, vec!["created", "accept", "status"]);
    assert_eq!(history[2].1, "open");
    assert_eq!(history[2].2, "addressed");
    assert_eq!(
        history[2].3,
        format!("on accepting evidence {first}").as_str()
    );
    assert_eq!(history[2].4, "tester");
}

#[test]
fn an_items_own_suggestions_and_the_commitment_mark() {
    let _pty = PTY.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = both_years();
    sandbox
        .run(&[
            "import",
            "tests/fixtures/quality/kaz-2013-made-for-tests.txt",
        ])
        .success();
    let mut session = review(&sandbox, &["--id", "kaz-2011-5"]);
    for _ in 0..3 {
        next_card(&mut session);
        keys(&mut session, "s");
    }
    let (card, _) = session.exp_regex(r"\[a\]ccept").unwrap();
    assert!(card.contains("4 of 6"), "{card}");
    assert!(
        card.contains("commitment (plan or pledge, not an action)"),
        "{card}"
    );
    assert!(card.contains("plans to launch a campaign"), "{card}");
    // Esc quits, as q does.
    keys(&mut session, "\x1b");
    session
        .exp_string("0 accepted, 0 rejected, 3 skipped, 0 status changes; 6 suggestions")
        .unwrap();
    assert_eq!(exit_code(&mut session), 0);
}

#[test]
fn escape_at_the_assessment_goes_back_and_records_nothing() {
    let _pty = PTY.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = both_years();
    let before = sandbox.dump();
    let mut session = review(&sandbox, &["--id", "KAZ-2011-3"]);
    let first = next_card(&mut session);
    keys(&mut session, "a");
    session.exp_string("Assessment").unwrap();
    keys(&mut session, "\x1b");
    assert_eq!(next_card(&mut session), first);
    keys(&mut session, "q");
    session.exp_string("0 accepted").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(sandbox.dump(), before);
}

/// `u` takes back the review's last decision (a reject here, an accept with its status change
/// there), recorded in the history, and shows that suggestion again.
#[test]
fn u_takes_back_the_last_decision_and_asks_again() {
    let _pty = PTY.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = both_years();
    let mut session = review(&sandbox, &[]);
    keys(&mut session, "u");
    session
        .exp_string("nothing decided in this review to take back")
        .unwrap();
    let first = next_card(&mut session);
    keys(&mut session, "r");
    session.exp_string("suggested -> rejected").unwrap();
    let second = next_card(&mut session);
    assert_ne!(first, second);
    keys(&mut session, "u");
    session.exp_string("undone: tester's command of ").unwrap();
    session
        .exp_string("KAZ-2011-1: rejected (suggested)")
        .unwrap();
    assert_eq!(next_card(&mut session), first, "the first suggestion again");
    keys(&mut session, "q");
    session.exp_string("0 accepted, 0 rejected").unwrap();
    assert_eq!(exit_code(&mut session), 0);

    let suggested = ids(&json(
        &sandbox,
        &["evidence", "list", "--suggested", "--each"],
    ));
    assert!(suggested.contains(&first), "{suggested:?}");
    assert_eq!(
        json(&sandbox, &["evidence", "list", "--rejected"]),
        Vec::<Value>::new()
    );
    let history = json(&sandbox, &["history", "KAZ-2011-1"]);
    assert_eq!(history[0]["kind"], "undo");
    assert_eq!(history[0]["old_value"], "reject");
    assert_eq!(history[1]["kind"], "reject");
    // The taking back is a command of its own, which names the decision it undid (read
    // from the SQLite file directly).
    if sandbox.on_postgres() {
        return;
    }
    let conn = rusqlite::Connection::open(&sandbox.db).unwrap();
    let (undo, undid): (i64, i64) = conn
        .query_row(
            "SELECT u.id, u.undoes FROM command u WHERE u.undoes IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let commands: Vec<(i64, String)> = conn
        .prepare("SELECT DISTINCT command, kind FROM event WHERE command >= ?1 ORDER BY command")
        .unwrap()
        .query_map([undid], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        commands,
        [(undid, "reject".to_string()), (undo, "undo".to_string())]
    );
}

/// `remove` at a terminal asks before it removes: "n" keeps the narrative, "y" removes it.
#[test]
fn remove_asks_at_a_terminal() {
    let _pty = PTY.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = both_years();
    let remove = || {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("tiptrack"));
        cmd.env_remove("TIPTRACK_DB")
            .env("TERM", "xterm-256color")
            .env("TIPTRACK_USER", "tester")
            .arg("--db")
            .arg(&sandbox.db)
            .args(["remove", "KAZ", "2012"]);
        rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
    };
    let before = sandbox.dump();
    let mut session = remove();
    session
        .exp_string("Kazakhstan 2012 (KAZ) holds 3 recommendations")
        .unwrap();
    session.exp_string("Remove Kazakhstan 2012?").unwrap();
    keys(&mut session, "n");
    session.exp_string("nothing removed").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(sandbox.dump(), before);

    let mut session = remove();
    session.exp_string("Remove Kazakhstan 2012?").unwrap();
    keys(&mut session, "y");
    session.exp_string("removed Kazakhstan 2012").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(json(&sandbox, &["list", "--country", "KAZ"]).len(), 8);
}

#[test]
fn nothing_to_review_says_so_and_succeeds() {
    let _pty = PTY.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = Sandbox::seeded();
    let mut session = review(&sandbox, &[]);
    session.exp_string("nothing to review").unwrap();
    assert_eq!(exit_code(&mut session), 0);
}

#[test]
fn an_unknown_id_is_the_usual_error() {
    let _pty = PTY.lock().unwrap_or_else(|e| e.into_inner());
    let sandbox = both_years();
    let mut session = review(&sandbox, &["--id", "KAZ-2011-99"]);
    session
        .exp_string("tiptrack: unknown recommendation ID 'KAZ-2011-99'")
        .unwrap();
    assert_eq!(exit_code(&mut session), 1);
}

#[test]
fn without_a_terminal_review_refuses_and_points_at_evidence_accept() {
    let sandbox = both_years();
    let before = sandbox.dump();
    let line = error_line(sandbox.run(&["review"]), 2);
    assert_eq!(
        line,
        "tiptrack: review asks at a terminal and none is attached; in a script use \
         `tiptrack evidence list --suggested`, then `evidence accept EID` or `evidence reject EID`"
    );
    assert_eq!(sandbox.dump(), before);
    // A country is checked first, as everywhere.
    let line = error_line(sandbox.run(&["review", "--country", "Atlantis"]), 1);
    assert!(
        line.starts_with("tiptrack: unknown country 'Atlantis'"),
        "{line}"
    );
}
